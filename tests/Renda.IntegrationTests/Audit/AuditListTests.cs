using System.Net;
using System.Text.Json;
using Renda.IntegrationTests.Infrastructure;
using Renda.Platform.Audit;
using static Renda.IntegrationTests.Audit.AuditHistoryApp;

namespace Renda.IntegrationTests.Audit;

/// <summary><c>GET /api/audit</c>: the one list shape, newest first, filtered, scoped to the auditor's jurisdiction.</summary>
public sealed class AuditListTests(AuditHistoryApp app) : IClassFixture<AuditHistoryApp>
{
    private async Task<JsonElement> ListAsync(string query = "", HttpClient? as_ = null)
    {
        var res = await (as_ ?? app.AuditorA).GetAsync("/api/audit" + query);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        return await res.JsonAsync();
    }

    private static List<JsonElement> Items(JsonElement list) => [.. list.GetProperty("items").EnumerateArray()];

    [Fact]
    public async Task The_list_is_newest_first_in_the_one_list_shape()
    {
        var list = await ListAsync();

        var ids = Items(list).Select(i => i.GetProperty("id").GetInt64()).ToList();
        Assert.NotEmpty(ids);
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.Equal((1, 20), (list.GetProperty("page").GetInt32(), list.GetProperty("pageSize").GetInt32()));
        Assert.True(list.GetProperty("total").GetInt32() >= ids.Count);
        var first = Items(list)[0];
        foreach (var field in new[] { "at", "actor", "actorRole", "clientIp", "action", "entityType", "entityId", "summary", "outcome", "jurisdictionCode", "prevHash", "hash" })
            Assert.True(first.TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task Each_auditor_sees_only_their_own_jurisdiction_but_verifies_the_whole_chain()
    {
        var a = Items(await ListAsync("?pageSize=200"));
        var b = Items(await ListAsync("?pageSize=200", app.AuditorB));

        Assert.All(a, i => Assert.StartsWith(CountyA, i.GetProperty("jurisdictionCode").GetString()));
        Assert.All(b, i => Assert.StartsWith(CountyB, i.GetProperty("jurisdictionCode").GetString()));
        Assert.Contains(a, i => i.GetProperty("actor").GetString() == "staff-a");
        Assert.DoesNotContain(a, i => i.GetProperty("actor").GetString() == "staff-b");
        Assert.Contains(b, i => i.GetProperty("actor").GetString() == "staff-b");
        Assert.DoesNotContain(b, i => i.GetProperty("actor").GetString() == "staff-a");

        var verdict = await (await app.AuditorB.GetAsync("/api/audit/verify")).JsonAsync();
        Assert.True(verdict.GetProperty("intact").GetBoolean());
        Assert.True(verdict.GetProperty("entries").GetInt64() > b.Count);
    }

    [Fact]
    public async Task Filters_by_actor_action_outcome_and_text()
    {
        var byActor = Items(await ListAsync("?actor=staff-a"));
        var authAll = Items(await ListAsync("?action=auth&pageSize=200"));
        var signInOnly = Items(await ListAsync("?action=auth.sign_in&actor=staff-a"));
        var failures = Items(await ListAsync("?outcome=failure&actor=staff-a"));
        var text = Items(await ListAsync("?q=bad_password"));

        Assert.Equal(5, byActor.Count); // 2 sign-ins, 2 failures, 1 sign-out
        Assert.All(byActor, i => Assert.Equal("staff-a", i.GetProperty("actor").GetString()));
        Assert.All(authAll, i => Assert.StartsWith("auth.", i.GetProperty("action").GetString()));
        Assert.Contains(authAll, i => i.GetProperty("action").GetString() == AuditActions.SignOut);
        Assert.Equal(2, signInOnly.Count);
        Assert.All(signInOnly, i => Assert.Equal(AuditActions.SignIn, i.GetProperty("action").GetString()));
        Assert.Equal(2, failures.Count);
        Assert.All(failures, i => Assert.Equal(AuditOutcomes.Failure, i.GetProperty("outcome").GetString()));
        Assert.Equal(failures.Select(i => i.GetProperty("id").GetInt64()), text.Select(i => i.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Filters_by_date_with_a_whole_day_for_to()
    {
        var day1 = Items(await ListAsync("?actor=staff-a&to=2026-03-02"));
        var day2 = Items(await ListAsync("?actor=staff-a&from=2026-03-05"));
        var between = Items(await ListAsync("?actor=staff-a&from=2026-03-03&to=2026-03-09"));
        var instant = Items(await ListAsync("?actor=staff-a&from=2026-03-10T17:00%2B08:00")); // 09:00Z, inclusive

        Assert.Equal(2, day1.Count);
        Assert.All(day1, i => Assert.Equal(Day1.UtcDateTime, i.GetProperty("at").GetDateTime().ToUniversalTime()));
        Assert.Equal(3, day2.Count);
        Assert.All(day2, i => Assert.Equal(Day2.UtcDateTime, i.GetProperty("at").GetDateTime().ToUniversalTime()));
        Assert.Empty(between);
        Assert.Equal(3, instant.Count);
    }

    [Fact]
    public async Task Pages_are_slices_of_the_same_order()
    {
        var all = Items(await ListAsync("?actor=staff-a")).Select(i => i.GetProperty("id").GetInt64()).ToList();
        var page2 = await ListAsync("?actor=staff-a&pageSize=2&page=2");

        Assert.Equal(all.Skip(2).Take(2), Items(page2).Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal((5, 2, 2), (page2.GetProperty("total").GetInt32(), page2.GetProperty("page").GetInt32(), page2.GetProperty("pageSize").GetInt32()));
    }

    [Fact]
    public async Task Bad_filters_are_400_problem_json_with_an_error_per_field()
    {
        var res = await app.AuditorA.GetAsync("/api/audit?from=2026-02-30&to=soon&outcome=maybe&page=0");

        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        var body = await res.JsonAsync();
        Assert.Equal("urn:renda:problem:validation", body.GetProperty("type").GetString());
        Assert.Equal(["from", "outcome", "page", "to"], body.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task The_audit_endpoints_and_their_filters_are_in_the_openapi_document()
    {
        var paths = (await (await app.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync()).GetProperty("paths");

        Assert.True(paths.TryGetProperty("/api/audit/verify", out _));
        Assert.True(paths.TryGetProperty("/api/audit/export.xlsx", out _));
        var parameters = paths.GetProperty("/api/audit").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["action", "actor", "entityType", "from", "outcome", "page", "pageSize", "q", "to"],
            parameters.Select(n => char.ToLowerInvariant(n![0]) + n[1..]).Order());
    }

    [Theory]
    [InlineData("'; DELETE FROM audit_entries; --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("%_%")]
    public async Task Hostile_search_text_is_only_text(string q)
    {
        var list = await ListAsync("?q=" + Uri.EscapeDataString(q));

        Assert.Empty(Items(list));
        var verdict = await (await app.AuditorA.GetAsync("/api/audit/verify")).JsonAsync();
        Assert.True(verdict.GetProperty("intact").GetBoolean());
    }
}
