using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Representatives;
using Renda.Platform.Audit;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using static Renda.IntegrationTests.Representatives.RosterFiles;

namespace Renda.IntegrationTests.Representatives;

/// <summary>The roster pages driven like a browser without one: the same use cases as the API behind
/// plain forms (the import page works without its script).</summary>
public sealed partial class RosterPagesTests(DemoApp app) : IClassFixture<DemoApp>
{
    private async Task<HttpClient> StaffPages()
    {
        var page = app.PageClient();
        var res = await page.SignInWithFormAsync("demo-staff", RendaApp.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        return page;
    }

    private static async Task<HttpResponseMessage> PostFileAsync(HttpClient page, string path, string handler, byte[] bytes, string fileName, bool xhr = false)
    {
        var token = await page.AntiforgeryTokenAsync(path);
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }, "file", fileName },
        };
        var request = new HttpRequestMessage(HttpMethod.Post, $"{path}?handler={handler}") { Content = content };
        if (xhr) request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        return await page.SendAsync(request);
    }

    [Fact]
    public async Task The_roster_page_lists_masked_phones_and_finds_by_pinyin_initials()
    {
        var page = await StaffPages();
        var html = await page.GetStringAsync("/representatives");

        Assert.Contains("代表名册", html);
        Assert.Matches(@"<td class=""mono"">1\d\d\*{4}\d{4}</td>", html);
        Assert.DoesNotMatch(@"<td class=""mono"">1\d{10}</td>", html);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("style=\"", html);

        await using var scope = app.Scope();
        var first = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Representative>().OrderBy(r => r.Id).FirstAsync();
        var initials = first.PinyinInitials.Split(' ')[0];
        var found = await page.GetStringAsync("/representatives?q=" + initials);
        Assert.Contains($"/representatives/{first.Id}\"", found);
    }

    [Fact]
    public async Task Revealing_on_the_detail_page_shows_the_number_once_and_records_it()
    {
        var page = await StaffPages();
        var p = Person("曹页面");
        var bytes = Gb18030Csv([p]);
        var commit = await PostFileAsync(page, "/representatives/import", "Commit", bytes, "one.csv");
        Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        long id;
        await using (var scope = app.Scope())
            id = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Representative>().Where(r => r.Name == "曹页面").Select(r => r.Id).SingleAsync();

        var before = await page.GetStringAsync($"/representatives/{id}");
        Assert.Contains(Masking.Phone(p.Phone), before);
        Assert.DoesNotContain(p.Phone, before);

        var revealed = await page.PostFormAsync($"/representatives/{id}?handler=Reveal", new Dictionary<string, string> { ["field"] = "phone" },
            tokenFrom: $"/representatives/{id}");
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        var html = await revealed.Content.ReadAsStringAsync();
        Assert.Contains(p.Phone, html);
        Assert.DoesNotContain(p.IdNumber, html);
        Assert.DoesNotContain(p.Phone, await page.GetStringAsync($"/representatives/{id}"));   // shown once, not kept

        await using var check = app.Scope();
        var entry = await check.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries
            .SingleAsync(e => e.Action == AuditActions.Reveal && e.EntityId == id.ToString());
        Assert.Equal("demo-staff", entry.Actor);
        Assert.DoesNotContain(p.Phone, entry.Summary);
    }

    [Fact]
    public async Task The_import_page_works_as_a_plain_form_and_as_a_fragment_for_its_script()
    {
        var page = await StaffPages();
        var get = await page.GetStringAsync("/representatives/import");
        Assert.Contains("/api/representatives/import/template.xlsx", get);
        Assert.Contains("<script src=\"/js/roster-import.js", get);

        var bad = Person("严页面") with { Phone = "110" };
        var preview = await PostFileAsync(page, "/representatives/import", "Preview", Gb18030Csv([Person("严页好"), bad]), "bad.csv");
        Assert.Equal(HttpStatusCode.BadRequest, preview.StatusCode);
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Contains("<html", html);
        Assert.Contains("第 3 行", html);
        Assert.Contains("手机号码", html);
        Assert.Contains("data-error-count=\"1\"", html);

        var fragment = await PostFileAsync(page, "/representatives/import", "Preview", Gb18030Csv([Person("严页片")]), "good.csv", xhr: true);
        Assert.Equal(HttpStatusCode.OK, fragment.StatusCode);
        var part = await fragment.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<html", part);
        Assert.Contains("data-error-count=\"0\"", part);
        Assert.Contains("检查通过", part);

        var lying = await PostFileAsync(page, "/representatives/import", "Preview", "PK\u0003\u0004junk"u8.ToArray(), "x.xlsx", xhr: true);
        Assert.Equal(HttpStatusCode.BadRequest, lying.StatusCode);
        Assert.Contains("不是有效的 Excel", await lying.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_form_creates_a_representative_and_says_what_is_wrong_per_field()
    {
        var page = await StaffPages();
        var p = Person("孔表单");
        var fields = new Dictionary<string, string>
        {
            ["Name"] = p.Name, ["Gender"] = "男", ["Ethnicity"] = "汉族", ["BirthDate"] = p.BirthDate, ["IdNumber"] = p.IdNumber,
            ["Phone"] = "12345", ["Occupation"] = "教师", ["Employer"] = "安吉县实验小学", ["Constituency"] = "递铺街道第1选区",
            ["ConstituencyKind"] = "constituency", ["DelegationGroup"] = "递铺街道代表小组", ["ProfessionalGroup"] = "教科文卫", ["Levels"] = "city",
        };
        var invalid = await page.PostFormAsync("/representatives/new", fields);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var html = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("手机号码无效", html);
        Assert.DoesNotContain(p.IdNumber, html);   // personal data is not echoed back

        fields["Phone"] = p.Phone;
        var created = await page.PostFormAsync("/representatives/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var detail = await page.GetStringAsync(created.Headers.Location!.OriginalString);
        Assert.Contains("孔表单", detail);
        Assert.Contains("市级、县级", detail);
    }

    [Fact]
    public async Task Other_roles_do_not_get_the_roster_pages()
    {
        foreach (var (user, role) in new[] { ("pg-auditor", Roles.Auditor), ("pg-rep", Roles.Representative), ("pg-unit", Roles.HandlingUnit) })
        {
            await app.CreateUserAsync(user, "330523", role);
            var page = app.PageClient();
            await page.SignInWithFormAsync(user);
            foreach (var path in new[] { "/representatives", "/representatives/import", "/groups" })
            {
                var res = await page.GetAsync(path);
                Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
                Assert.Contains("/account/denied", res.Headers.Location!.OriginalString);
            }
        }
        await app.CreateUserAsync("pg-leader", "330523", Roles.Leader);
        var leader = app.PageClient();
        await leader.SignInWithFormAsync("pg-leader");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/representatives")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await leader.GetAsync("/representatives/import")).StatusCode);
    }

    [Fact]
    public async Task The_groups_page_lists_groups_with_their_members()
    {
        var page = await StaffPages();
        var html = await page.GetStringAsync("/groups");
        Assert.Contains("递铺街道代表小组", html);
        Assert.Contains("生态环保", html);
        var link = GroupLink().Match(html);
        Assert.True(link.Success);
        var history = await page.GetStringAsync(link.Groups[1].Value);
        Assert.Contains("成员变动记录", history);
        Assert.Contains("2022-01-05", history);   // the demo's memberships start with the term
    }

    [GeneratedRegex("href=\"(/groups/delegation/\\d+)\"")]
    private static partial Regex GroupLink();
}
