using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Jurisdictions;

namespace Renda.IntegrationTests.Data;

/// <summary>A save in a transaction the context begins for it has no savepoint (two round trips that buy nothing: a
/// failure rolls all of it back, docs/adr/0043); a save in the caller's transaction keeps one, so that a caller that
/// catches a duplicate can go on in its transaction.</summary>
public sealed class SavepointTests(DemoApp app) : IClassFixture<DemoApp>
{
    private sealed class Savepoints : DbTransactionInterceptor
    {
        public int Created;

        public override ValueTask<InterceptionResult> CreatingSavepointAsync(DbTransaction transaction, TransactionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Created);
            return ValueTask.FromResult(result);
        }
    }

    private static AppDbContext NewContext(IServiceProvider sp, Savepoints counter, TimeProvider clock) =>
        new(new DbContextOptionsBuilder<AppDbContext>(sp.GetRequiredService<DbContextOptions<AppDbContext>>()).AddInterceptors(counter).Options,
            new SystemUser("savepoint-test"), clock);

    private static Jurisdiction Village() => TestVillages.Next("9999970", "保存点测试村");

    [Fact]
    public async Task An_audited_save_in_its_own_transaction_takes_no_savepoint_and_is_written()
    {
        await using var scope = app.Scope();
        var counter = new Savepoints();
        await using var db = NewContext(scope.ServiceProvider, counter, app.Clock);
        var v = Village();
        db.Jurisdictions.Add(v);
        await db.SaveChangesAsync();
        Assert.Equal(0, counter.Created);
        Assert.True(db.Database.AutoSavepointsEnabled);   // given back after the save
        await using var other = NewContext(scope.ServiceProvider, new Savepoints(), app.Clock);
        Assert.True(await other.Jurisdictions.AnyAsync(j => j.Code == v.Code));
        Assert.True(await other.AuditEntries.AnyAsync(e => e.EntityId == v.Code));
    }

    [Fact]
    public async Task A_save_in_the_callers_transaction_keeps_its_savepoint_and_the_caller_goes_on_after_a_duplicate()
    {
        await using var scope = app.Scope();
        var counter = new Savepoints();
        await using var db = NewContext(scope.ServiceProvider, counter, app.Clock);
        var (v, w) = (Village(), Village());
        db.Jurisdictions.Add(v);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        await using (var tx = await db.BeginWriteTransactionAsync())
        {
            db.Jurisdictions.Add(new Jurisdiction { Code = v.Code, Name = v.Name, Level = v.Level, ParentCode = v.ParentCode });
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.Equal(1, counter.Created);
            db.ChangeTracker.Clear();
            // The transaction is still usable: the savepoint was rolled back, not the transaction.
            db.Jurisdictions.Add(w);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        await using var other = NewContext(scope.ServiceProvider, new Savepoints(), app.Clock);
        Assert.True(await other.Jurisdictions.AnyAsync(j => j.Code == w.Code));
    }
}
