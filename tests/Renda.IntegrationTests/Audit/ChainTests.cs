using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Platform.Audit;
using Renda.Platform.Auth;
using Renda.Platform.Data;

namespace Renda.IntegrationTests.Audit;

/// <summary>The chain holds under concurrent writers, and changing or deleting rows behind the
/// app's back is detected by <c>GET /api/audit/verify</c> with the right id.</summary>
public sealed class ChainTests
{
    private const string County = "330523";

    /// <summary>A fresh app (its own database, since tampering breaks the chain for good) with some history
    /// and a signed-in auditor; returns the auditor's client. Verifying writes nothing, so ids stay put.</summary>
    private static async Task<HttpClient> WithHistoryAsync(RendaApp app)
    {
        await app.CreateUserAsync("aud", County, Roles.Auditor);
        await app.CreateUserAsync("staff", County, Roles.CongressStaff);
        var auditor = await app.SignedInAsync("aud");
        for (var i = 0; i < 3; i++)
        {
            await app.CreateClient().LoginAsync("staff", "Wrong-Secret-" + i);
            await (await app.SignedInAsync("staff")).PostAsync("/api/auth/logout", null);
        }
        return auditor;
    }

    private static async Task<JsonElement> VerifyAsync(HttpClient auditor)
    {
        var res = await auditor.GetAsync("/api/audit/verify");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        return await res.JsonAsync();
    }

    private static void AssertBrokenAt(JsonElement verdict, long id, string reasonPart)
    {
        Assert.False(verdict.GetProperty("intact").GetBoolean(), verdict.ToString());
        Assert.Equal(id, verdict.GetProperty("firstBrokenId").GetInt64());
        Assert.Contains(reasonPart, verdict.GetProperty("reason").GetString());
        Assert.False(verdict.TryGetProperty("entries", out _));
    }

    [Fact]
    public async Task Twenty_parallel_failed_sign_ins_from_several_clients_leave_one_unbroken_chain()
    {
        using var app = new RendaApp();
        for (var u = 0; u < 4; u++) await app.CreateUserAsync($"par-{u}", County, Roles.CongressStaff);
        await app.CreateUserAsync("aud", County, Roles.Auditor);
        var auditor = await app.SignedInAsync("aud");
        var before = await app.LastAuditIdAsync();
        var clients = Enumerable.Range(0, 5).Select(c => app.ClientFrom($"198.51.100.{c + 1}")).ToList();

        // Four accounts get four wrong passwords each (below the lockout), plus four unknown names.
        var attempts = Enumerable.Range(0, 20).Select(i => clients[i % 5].LoginAsync(i % 5 == 4 ? $"ghost-{i}" : $"par-{i % 5}", "Wrong-Secret-" + i));
        var responses = await Task.WhenAll(attempts);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        var written = await app.AuditSinceAsync(before);
        Assert.Equal(20, written.Count);
        Assert.All(written, e => Assert.Equal(AuditActions.SignInFailed, e.Action));
        Assert.Equal(5, written.Select(e => e.ClientIp).Distinct().Count());

        var chain = await app.AuditSinceAsync();
        Assert.Equal(Enumerable.Range(1, chain.Count).Select(i => (long)i), chain.Select(e => e.Id)); // no gap
        Assert.Equal(chain.Count, chain.Select(e => e.PrevHash).Distinct().Count());                  // no fork
        for (var i = 1; i < chain.Count; i++) Assert.Equal(chain[i - 1].Hash, chain[i].PrevHash);
        var head = await app.AuditHeadAsync();
        Assert.Equal((chain[^1].Id, chain[^1].Hash), (head.LastId, head.LastHash));

        var verdict = await VerifyAsync(auditor);
        Assert.True(verdict.GetProperty("intact").GetBoolean(), verdict.ToString());
        Assert.Equal(chain.Count, verdict.GetProperty("entries").GetInt64());
        Assert.False(verdict.TryGetProperty("firstBrokenId", out _));
    }

    [Fact]
    public async Task Parallel_writes_of_different_kinds_interleave_without_a_fork()
    {
        using var app = new RendaApp();
        await app.CreateUserAsync("sec", County, Roles.SecurityAdmin);
        await app.CreateUserAsync("sys", County, Roles.SystemAdmin);
        await app.CreateUserAsync("aud", County, Roles.Auditor);
        for (var u = 0; u < 6; u++) await app.CreateUserAsync($"mix-{u}", County);
        var sec = await app.SignedInAsync("sec");
        var sys = await app.SignedInAsync("sys");
        var auditor = await app.SignedInAsync("aud");
        var before = await app.LastAuditIdAsync();

        var work = new List<Task<HttpResponseMessage>>();
        for (var u = 0; u < 6; u++)
        {
            work.Add(sec.PostAsJsonAsync($"/api/admin/users/mix-{u}/roles", new { role = Roles.CongressStaff }));
            work.Add(sys.PostAsJsonAsync("/api/admin/users", new { userName = $"new-{u}", displayName = "新用户", jurisdictionCode = County }));
            work.Add(app.CreateClient().LoginAsync($"mix-{u}", Api.Password));
        }
        var responses = await Task.WhenAll(work);

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, $"{r.RequestMessage?.RequestUri} {(int)r.StatusCode}"));
        var written = await app.AuditSinceAsync(before);
        Assert.Equal(6, written.Count(e => e.Action == AuditActions.RoleGranted));
        Assert.Equal(6, written.Count(e => e.Action == AuditActions.Create));
        Assert.Equal(6, written.Count(e => e.Action == AuditActions.SignIn));
        var verdict = await VerifyAsync(auditor);
        Assert.True(verdict.GetProperty("intact").GetBoolean(), verdict.ToString());
        Assert.Equal(await app.LastAuditIdAsync(), verdict.GetProperty("entries").GetInt64());
    }

    [Fact]
    public async Task An_event_is_recorded_even_when_a_lost_concurrency_race_left_a_stale_change_tracked()
    {
        using var app = new RendaApp();
        var user = await app.CreateUserAsync("racer", County, Roles.CongressStaff);
        var before = await app.LastAuditIdAsync();
        await using var scope = app.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var mine = (await users.FindByNameAsync("racer"))!;
        await using (var other = app.Scope()) // another request wins the race for the same row
        {
            var theirs = other.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await theirs.AccessFailedAsync((await theirs.FindByNameAsync("racer"))!);
        }
        Assert.False((await users.AccessFailedAsync(mine)).Succeeded); // Identity reports it and keeps the stale row tracked

        await scope.ServiceProvider.GetRequiredService<AuditTrail>().WriteAsync(new AuditRecord(
            AuditActions.SignInFailed, nameof(AppUser), user.Id, "{}", AuditOutcomes.Failure, "racer", County));

        var e = Assert.Single(await app.AuditSinceAsync(before));
        Assert.Equal((AuditActions.SignInFailed, "racer"), (e.Action, e.Actor));
    }

    [Fact]
    public async Task Changing_one_summary_in_the_database_is_detected_at_that_entry()
    {
        using var app = new RendaApp();
        var auditor = await WithHistoryAsync(app);
        Assert.True((await VerifyAsync(auditor)).GetProperty("intact").GetBoolean());
        var victim = (await app.AuditSinceAsync()).First(e => e.Action == AuditActions.SignInFailed).Id;

        Assert.Equal(1, await app.TamperAsync($"UPDATE audit_entries SET summary = '{{\"channel\":\"api\",\"reason\":\"ok\"}}' WHERE id = {victim}"));

        AssertBrokenAt(await VerifyAsync(auditor), victim, "content was changed");
    }

    [Fact]
    public async Task Changing_an_entry_and_recomputing_its_hash_is_detected_at_the_next_entry()
    {
        using var app = new RendaApp();
        var auditor = await WithHistoryAsync(app);
        var entries = await app.AuditSinceAsync();
        var victim = entries.First(e => e.Action == AuditActions.SignInFailed);
        victim.Outcome = AuditOutcomes.Success;
        var forged = AuditHasher.Compute(victim);

        await app.TamperAsync($"UPDATE audit_entries SET outcome = 'success', hash = '{forged}' WHERE id = {victim.Id}");

        AssertBrokenAt(await VerifyAsync(auditor), victim.Id + 1, "does not link");
    }

    [Fact]
    public async Task Rewriting_the_newest_entry_with_a_fresh_hash_is_caught_by_the_head()
    {
        using var app = new RendaApp();
        var auditor = await WithHistoryAsync(app);
        var last = (await app.AuditSinceAsync())[^1];
        last.Actor = "someone-else";
        var forged = AuditHasher.Compute(last);

        await app.TamperAsync($"UPDATE audit_entries SET actor = 'someone-else', hash = '{forged}' WHERE id = {last.Id}");

        AssertBrokenAt(await VerifyAsync(auditor), last.Id, "head");
    }

    [Fact]
    public async Task Deleting_a_middle_entry_is_detected_at_the_entry_after_the_gap()
    {
        using var app = new RendaApp();
        var auditor = await WithHistoryAsync(app);
        var entries = await app.AuditSinceAsync();
        var middle = entries[entries.Count / 2].Id;

        Assert.Equal(1, await app.TamperAsync($"DELETE FROM audit_entries WHERE id = {middle}"));

        AssertBrokenAt(await VerifyAsync(auditor), middle + 1, $"Entry {middle} is missing");
    }

    [Fact]
    public async Task Deleting_the_newest_entries_is_detected_by_the_head()
    {
        using var app = new RendaApp();
        var auditor = await WithHistoryAsync(app);
        var last = await app.LastAuditIdAsync();

        Assert.Equal(2, await app.TamperAsync($"DELETE FROM audit_entries WHERE id > {last - 2}"));

        AssertBrokenAt(await VerifyAsync(auditor), last - 1, "newest entries were deleted");
        Assert.Equal(last, (await app.AuditHeadAsync()).LastId);
    }

    [Fact]
    public async Task The_database_refuses_to_update_or_delete_an_entry_while_its_triggers_are_on()
    {
        using var app = new RendaApp();
        var auditor = await WithHistoryAsync(app);
        var before = await app.AuditSinceAsync();

        await app.RefusedByDatabaseAsync("UPDATE audit_entries SET summary = '{}' WHERE id = 2");
        await app.RefusedByDatabaseAsync("DELETE FROM audit_entries WHERE id = 2");
        await app.RefusedByDatabaseAsync("DELETE FROM audit_entries");
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await Assert.ThrowsAnyAsync<Exception>(() => db.AuditEntries.IgnoreQueryFilters().ExecuteUpdateAsync(u => u.SetProperty(a => a.Outcome, "success")));
            await Assert.ThrowsAnyAsync<Exception>(() => db.AuditEntries.IgnoreQueryFilters().Where(a => a.Id == 3).ExecuteDeleteAsync());
        }

        Assert.Equal(before.Select(e => (e.Id, e.Summary, e.Outcome, e.Hash)), (await app.AuditSinceAsync()).Select(e => (e.Id, e.Summary, e.Outcome, e.Hash)));
        Assert.True((await VerifyAsync(auditor)).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task The_app_refuses_to_change_remove_or_add_an_entry_itself()
    {
        using var app = new RendaApp();
        await WithHistoryAsync(app);
        var before = await app.AuditSinceAsync();

        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var entry = await db.AuditEntries.IgnoreQueryFilters().SingleAsync(a => a.Id == 2);
            entry.Summary = "{}";
            Assert.Contains("append-only", (await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync())).Message);
        }
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.AuditEntries.Remove(await db.AuditEntries.IgnoreQueryFilters().SingleAsync(a => a.Id == 2));
            Assert.Contains("append-only", (await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync())).Message);
        }
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.AuditEntries.Add(new AuditEntry { Id = 999, Action = "forged", Hash = "x" });
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(before.Select(e => (e.Id, e.Summary, e.Hash)), (await app.AuditSinceAsync()).Select(e => (e.Id, e.Summary, e.Hash)));
    }
}
