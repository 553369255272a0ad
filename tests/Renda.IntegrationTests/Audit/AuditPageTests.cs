using System.Net;
using System.Text.RegularExpressions;
using Renda.IntegrationTests.Infrastructure;
using Renda.Platform.Auth;

namespace Renda.IntegrationTests.Audit;

/// <summary>The auditor's page at <c>/audit</c>, driven like a browser (cookies, antiforgery).</summary>
public sealed partial class AuditPageTests(AuditHistoryApp app) : IClassFixture<AuditHistoryApp>
{
    private async Task<HttpClient> AuditorPageAsync()
    {
        var web = app.PageClient();
        await web.SignInWithFormAsync("aud-a");
        return web;
    }

    [Fact]
    public async Task Shows_the_trail_newest_first_with_filters_and_no_inline_script_or_style()
    {
        var web = await AuditorPageAsync();

        var res = await web.GetAsync("/audit");
        var html = await TextAsync(res);

        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Contains("<h1>审计日志</h1>", html);
        Assert.Contains("class=\"table-wrap\"", html);
        Assert.Contains("staff-a", html);
        Assert.DoesNotContain("staff-b", html); // another county
        var ids = RowIds().Matches(html).Select(m => long.Parse(m.Groups[1].Value)).ToList();
        Assert.NotEmpty(ids);
        Assert.Equal(ids.OrderDescending(), ids);
        foreach (var name in new[] { "from", "to", "actor", "action", "outcome", "q" })
            Assert.Contains($"name=\"{name}\"", html);
        Assert.DoesNotContain(" style=", html);
        Assert.DoesNotMatch(InlineScript(), html);
    }

    [Fact]
    public async Task Filters_narrow_the_table_stay_filled_in_and_travel_with_the_export_link()
    {
        var web = await AuditorPageAsync();

        var html = await TextAsync(await web.GetAsync("/audit?actor=staff-a&outcome=failure"));

        Assert.Contains("共 2 条", html);
        Assert.Equal(2, RowIds().Matches(html).Count);
        Assert.Contains("value=\"staff-a\"", html);
        Assert.Contains("<option value=\"failure\" selected=\"selected\">", html);
        Assert.Contains("href=\"/api/audit/export.xlsx?actor=staff-a&outcome=failure\"", html);
        var export = await web.GetAsync("/api/audit/export.xlsx?actor=staff-a&outcome=failure");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode); // the link works with the page's cookie
    }

    [Fact]
    public async Task Bad_dates_are_explained_next_to_the_form()
    {
        var web = await AuditorPageAsync();

        var res = await web.GetAsync("/audit?from=2026-02-30");
        var html = await TextAsync(res);

        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Contains("筛选条件有误", html);
        Assert.Contains("开始日期", html);
        Assert.Contains("value=\"2026-02-30\"", html);
        Assert.DoesNotContain("class=\"table-wrap\"", html);
    }

    [Fact]
    public async Task Verify_button_reports_an_intact_chain_and_keeps_the_filters()
    {
        var web = await AuditorPageAsync();
        var page = await TextAsync(await web.GetAsync("/audit?actor=staff-a"));
        Assert.Contains("action=\"/audit?handler=verify&actor=staff-a\"", page);

        var res = await web.PostFormAsync("/audit?handler=verify&actor=staff-a", new Dictionary<string, string>(), tokenFrom: "/audit?actor=staff-a");
        var html = await TextAsync(res);

        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Matches("哈希链完整：已校验全部 \\d+ 条记录", html);
        Assert.Contains("共 5 条", html);
    }

    [Fact]
    public async Task Verify_without_the_antiforgery_token_is_refused()
    {
        var web = await AuditorPageAsync();
        var res = await web.PostAsync("/audit?handler=verify", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
    }

    [Fact]
    public async Task Speaks_english_after_the_switch()
    {
        var web = await AuditorPageAsync();
        await web.GetAsync("/lang/en?returnUrl=/audit");

        var html = await TextAsync(await web.GetAsync("/audit"));

        Assert.Contains("<h1>Audit trail</h1>", html);
        Assert.Contains("Verify the chain", html);
        Assert.Contains("Export to Excel", html);
        var verified = await TextAsync(await web.PostFormAsync("/audit?handler=verify", new Dictionary<string, string>(), tokenFrom: "/audit"));
        Assert.Matches("The chain is intact: all \\d+ entries verified\\.", verified);
    }

    [Fact]
    public async Task A_broken_chain_is_shown_with_its_first_broken_entry()
    {
        using var own = new RendaApp();
        await own.CreateUserAsync("aud-p", "330523", Roles.Auditor);
        await own.CreateUserAsync("staff-p", "330523");
        for (var i = 0; i < 3; i++) await own.ClientFrom("203.0.113.9").LoginAsync("staff-p", "Wrong-Secret-" + i);
        var web = own.PageClient();
        await web.SignInWithFormAsync("aud-p");
        var victim = (await own.AuditSinceAsync())[^2].Id;
        await own.TamperAsync($"UPDATE audit_entries SET client_ip = '10.0.0.1' WHERE id = {victim}");

        var res = await web.PostFormAsync("/audit?handler=verify", new Dictionary<string, string>(), tokenFrom: "/audit");
        var html = await TextAsync(res);

        Assert.Contains("哈希链已被破坏", html);
        Assert.Contains($"<strong>#{victim}</strong>", html);
        Assert.Contains("已被修改", html);
    }

    /// <summary>The page as a person reads it (Razor writes CJK as character references).</summary>
    private static async Task<string> TextAsync(HttpResponseMessage res) => WebUtility.HtmlDecode(await res.Content.ReadAsStringAsync());

    [GeneratedRegex("<tr>\\s*<td>(\\d+)</td>")]
    private static partial Regex RowIds();

    [GeneratedRegex("<script(?![^>]*\\ssrc=)[^>]*>")]
    private static partial Regex InlineScript();
}
