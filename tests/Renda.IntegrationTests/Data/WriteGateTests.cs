using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.IntegrationTests.Opinions;
using Renda.Modules.Opinions;
using Renda.Platform.Audit;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Jurisdictions;

namespace Renda.IntegrationTests.Data;

/// <summary>The SQLite write gate (docs/adr/0031): writers queue in the process, the gate is given back however a
/// transaction ends, a writer that waits too long gets a clear error; PostgreSQL is not gated.</summary>
public sealed class WriteGateTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);

    private AppDbContext NewContext(IServiceProvider sp, TimeSpan? timeout = null) =>
        new(sp.GetRequiredService<DbContextOptions<AppDbContext>>(), new SystemUser("gate-test"), app.Clock)
        {
            WriteGateTimeout = timeout ?? TimeSpan.FromSeconds(30),
        };

    private static Jurisdiction Village() => TestVillages.Next("9999990", "写入闸测试村");

    [Fact]
    public async Task A_second_writer_waits_for_the_first_to_commit_on_sqlite_and_not_on_postgres()
    {
        await using var scope = app.Scope();
        await using var first = NewContext(scope.ServiceProvider);
        await using var second = NewContext(scope.ServiceProvider);
        var a = Village();
        var b = Village();

        var firstTx = await first.BeginWriteTransactionAsync();
        first.Jurisdictions.Add(a);
        await first.SaveChangesAsync();
        var secondTx = second.BeginWriteTransactionAsync();
        if (RendaApp.IsPostgres)
        {
            // Not gated: the second transaction opens while the first is still open (its audit append then
            // waits on the audit head's row lock, so the first commits before the second writes).
            await using var open = await secondTx;
            Assert.NotNull(second.Database.CurrentTransaction);
            await firstTx.CommitAsync();
            second.Jurisdictions.Add(b);
            await second.SaveChangesAsync();
            await open.CommitAsync();
        }
        else
        {
            Assert.False(secondTx.IsCompleted);
            await firstTx.CommitAsync();
            await using var open = await secondTx;
            // It began after the first committed: it sees the first's row.
            Assert.True(await second.Jurisdictions.AnyAsync(j => j.Code == a.Code));
            second.Jurisdictions.Add(b);
            await second.SaveChangesAsync();
            await open.CommitAsync();
        }
        await firstTx.DisposeAsync();

        await using var check = NewContext(scope.ServiceProvider);
        Assert.Equal(2, await check.Jurisdictions.CountAsync(j => j.Code == a.Code || j.Code == b.Code));
        Assert.True((await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync()).Intact);
    }

    [Fact]
    public async Task A_writer_that_waits_too_long_gets_a_clear_error_on_sqlite_and_is_not_held_on_postgres()
    {
        await using var scope = app.Scope();
        await using var holder = NewContext(scope.ServiceProvider);
        await using var waiter = NewContext(scope.ServiceProvider, Short);
        await using var held = await holder.BeginWriteTransactionAsync();

        if (RendaApp.IsPostgres)
        {
            await using var other = await waiter.BeginWriteTransactionAsync();
            Assert.NotNull(waiter.Database.CurrentTransaction);
            return;
        }
        var error = await Assert.ThrowsAsync<WriteGateTimeoutException>(() => waiter.BeginWriteTransactionAsync());
        Assert.Contains("write gate", error.Message);
        Assert.Equal(Short, error.Timeout);
        Assert.Null(waiter.Database.CurrentTransaction);

        // A plain SaveChanges (no explicit transaction) goes through the same gate.
        waiter.Jurisdictions.Add(Village());
        await Assert.ThrowsAsync<WriteGateTimeoutException>(() => waiter.SaveChangesAsync());
    }

    public static TheoryData<string> Endings => ["rollback", "exception", "dispose", "context-dispose", "commit-then-dispose"];

    [Theory]
    [MemberData(nameof(Endings))]
    public async Task The_gate_is_given_back_however_the_transaction_ends(string ending)
    {
        await using var scope = app.Scope();
        var code = "";
        // The owner stays alive (undisposed) until the next writer got in, except where disposing it is the ending.
        var owner = NewContext(scope.ServiceProvider);
        try
        {
            switch (ending)
            {
                case "rollback":
                {
                    var tx = await owner.BeginWriteTransactionAsync();
                    owner.Jurisdictions.Add(Village());
                    await owner.SaveChangesAsync();
                    await tx.RollbackAsync();
                    break;
                }
                case "exception":
                    await Assert.ThrowsAsync<InvalidOperationException>(async () =>
                    {
                        await using var tx = await owner.BeginWriteTransactionAsync();
                        throw new InvalidOperationException("the use case failed");
                    });
                    break;
                case "dispose":
                {
                    var tx = await owner.BeginWriteTransactionAsync();
                    var v = Village();
                    code = v.Code;
                    owner.Jurisdictions.Add(v);
                    await owner.SaveChangesAsync();
                    await tx.DisposeAsync();
                    break;
                }
                case "context-dispose":
                    // The transaction object is dropped without being ended; disposing the context ends it.
                    await owner.BeginWriteTransactionAsync();
                    await owner.DisposeAsync();
                    break;
                case "commit-then-dispose":
                {
                    await using var tx = await owner.BeginWriteTransactionAsync();
                    await tx.CommitAsync();
                    break;
                }
            }

            // The next writer gets in at once (it would time out if the gate were still taken).
            await using var next = NewContext(scope.ServiceProvider, Short);
            await using (var tx = await next.BeginWriteTransactionAsync())
            {
                next.Jurisdictions.Add(Village());
                await next.SaveChangesAsync();
                await tx.CommitAsync();
            }
            if (code.Length > 0) Assert.False(await next.Jurisdictions.AnyAsync(j => j.Code == code));
        }
        finally
        {
            await owner.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_second_transaction_on_the_same_context_is_refused_rather_than_deadlocking()
    {
        await using var scope = app.Scope();
        await using var db = NewContext(scope.ServiceProvider, Short);
        await using var tx = await db.BeginWriteTransactionAsync();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.BeginWriteTransactionAsync());
        Assert.Contains("already open", error.Message);
    }

    [Fact]
    public async Task Fifty_public_submissions_at_once_all_succeed_with_distinct_codes_and_an_intact_chain()
    {
        var station = await app.StationCodeAsync();
        int before;
        await using (var scope = app.Scope())
            before = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Opinion>().IgnoreQueryFilters().CountAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            using var http = app.CreateClient();
            return await http.PostAsJsonAsync("/api/public/opinions", new
            {
                content = $"并发提交测试第{i}条：路灯不亮", stationCode = i % 2 == 0 ? station : null,
                submitterName = "并发", phone = OpinionTestSupport.Phone, consent = true,
            });
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var codes = new List<string>();
        foreach (var r in responses) codes.Add(TrackingCodes.Normalize((await r.JsonAsync()).GetProperty("trackingCode").GetString())!);
        Assert.Equal(50, codes.Distinct().Count());

        await using var check = app.Scope();
        var db = check.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(before + 50, await db.Set<Opinion>().IgnoreQueryFilters().CountAsync());
        var stored = await db.Set<Opinion>().IgnoreQueryFilters().Where(o => codes.Contains(o.TrackingCode)).Select(o => o.Id).ToListAsync();
        Assert.Equal(50, stored.Count);
        var history = await db.WorkflowHistory.IgnoreQueryFilters()
            .CountAsync(h => h.Workflow == OpinionWorkflow.Definition.Name && h.Action == "submit" && stored.Contains(h.EntityId));
        Assert.Equal(50, history);
        var verdict = await check.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
        Assert.True(verdict.Intact, verdict.Reason);
    }
}
