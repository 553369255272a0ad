using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Platform.Audit;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Jurisdictions;

namespace Renda.IntegrationTests.Data;

/// <summary>A save inside a transaction may carry its audit records to the next save of that transaction (the workflow
/// engine's insert does, so a submission appends to the chain once): nothing is lost, the order is kept, and a commit
/// with records still carried is refused.</summary>
public sealed class DeferredChainAppendTests(DemoApp app) : IClassFixture<DemoApp>
{
    private AppDbContext NewContext(IServiceProvider sp) =>
        new(sp.GetRequiredService<DbContextOptions<AppDbContext>>(), new SystemUser("defer-test"), app.Clock);

    private static Jurisdiction Village() => TestVillages.Next("9999980", "延后入链测试村");

    [Fact]
    public async Task Carried_records_are_chained_by_the_next_save_in_order_before_its_own()
    {
        await using var scope = app.Scope();
        await using var db = NewContext(scope.ServiceProvider);
        var (a, b) = (Village(), Village());
        await using (var tx = await db.BeginWriteTransactionAsync())
        {
            db.DeferChainAppend = true;
            db.Jurisdictions.Add(a);
            await db.SaveChangesAsync();
            db.DeferChainAppend = false;
            // Written, not yet chained.
            Assert.True(await db.Jurisdictions.AnyAsync(j => j.Code == a.Code));
            Assert.False(await db.AuditEntries.AnyAsync(e => e.EntityId == a.Code));
            db.Jurisdictions.Add(b);
            await db.SaveChangesAsync();
            db.CommitGuard();
            await tx.CommitAsync();
        }
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.EntityId == a.Code || e.EntityId == b.Code)
            .OrderBy(e => e.Id).Select(e => new { e.Id, e.EntityId, e.Action }).ToListAsync();
        Assert.Equal([a.Code, b.Code], entries.Select(e => e.EntityId));
        Assert.All(entries, e => Assert.Equal(AuditActions.Create, e.Action));
        Assert.Equal(entries[0].Id + 1, entries[1].Id);

        var verify = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
        Assert.True(verify.Intact);
    }

    [Fact]
    public async Task A_commit_with_carried_records_is_refused_and_a_rollback_forgets_them()
    {
        await using var scope = app.Scope();
        await using var db = NewContext(scope.ServiceProvider);
        var a = Village();
        await using (var tx = await db.BeginWriteTransactionAsync())
        {
            db.DeferChainAppend = true;
            db.Jurisdictions.Add(a);
            await db.SaveChangesAsync();
            db.DeferChainAppend = false;
            var error = Assert.Throws<InvalidOperationException>(db.CommitGuard);
            Assert.Contains("never chained", error.Message);
            db.DropCarriedAudit();
            await tx.RollbackAsync();
        }
        db.ChangeTracker.Clear();
        Assert.False(await db.Jurisdictions.AnyAsync(j => j.Code == a.Code));

        // A later save on the same context does not chain what was rolled back.
        var b = Village();
        db.Jurisdictions.Add(b);
        await db.SaveChangesAsync();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.EntityId == a.Code));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.EntityId == b.Code));
    }
}
