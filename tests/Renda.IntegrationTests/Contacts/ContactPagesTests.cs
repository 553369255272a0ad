using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Platform.Audit;
using Renda.Platform.Data;
using static Renda.IntegrationTests.Contacts.ContactsApp;

namespace Renda.IntegrationTests.Contacts;

/// <summary>The 双联 pages as staff and a representative use them, without a browser.</summary>
public sealed class ContactPagesTests(ContactsApp app) : IClassFixture<ContactsApp>
{
    private async Task<HttpClient> PagesAs(string user)
    {
        var web = app.PageClient();
        var res = await web.SignInWithFormAsync(user);
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        return web;
    }

    [Fact]
    public async Task Staff_mark_a_member_pair_representatives_record_a_contact_and_read_the_report()
    {
        var web = await PagesAs("aj-staff");

        var marked = await web.PostFormAsync("/contacts/members?handler=Mark",
            new Dictionary<string, string> { ["NewTitle"] = "委员", ["NewName"] = "页面委员", ["NewUserName"] = "" }, tokenFrom: "/contacts/members");
        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        Assert.Contains("已添加 委员 页面委员", await marked.Content.ReadAsStringAsync());
        var staff = await app.As("aj-staff");
        var member = (await GetJsonAsync(staff, "/api/contacts/committee-members")).EnumerateArray()
            .Single(m => m.GetProperty("name").GetString() == "页面委员").GetProperty("id").GetInt64();

        var paired = await web.PostFormAsync("/contacts?handler=Pair",
            new Dictionary<string, string> { ["NewMemberId"] = member.ToString(), ["NewRepresentativeId"] = app.Reps["黄玉兰"].ToString() }, tokenFrom: "/contacts");
        Assert.Contains("已结对：页面委员 — 黄玉兰", await paired.Content.ReadAsStringAsync());
        var duplicate = await web.PostFormAsync("/contacts?handler=Pair",
            new Dictionary<string, string> { ["NewMemberId"] = member.ToString(), ["NewRepresentativeId"] = app.Reps["黄玉兰"].ToString() }, tokenFrom: "/contacts");
        Assert.Contains("该结对已存在", await duplicate.Content.ReadAsStringAsync());

        var pairing = (await GetJsonAsync(staff, $"/api/contacts/pairings?committeeMemberId={member}")).GetProperty("items")[0].GetProperty("id").GetInt64();
        var logged = await web.PostFormAsync("/contacts/log", new Dictionary<string, string>
        {
            ["LogPairingId"] = pairing.ToString(), ["LogKind"] = "meeting", ["LogOn"] = "2025-10-08", ["LogNotes"] = "座谈",
        });
        Assert.Contains("已记录联系情况", await logged.Content.ReadAsStringAsync());
        var future = await web.PostFormAsync("/contacts/log", new Dictionary<string, string>
        {
            ["LogPairingId"] = pairing.ToString(), ["LogKind"] = "meeting", ["LogOn"] = "2027-01-01", ["LogNotes"] = "将来",
        });
        var futureHtml = await future.Content.ReadAsStringAsync();
        Assert.Contains("不能是将来的日期", futureHtml);
        Assert.Contains("将来", futureHtml);   // what was typed is still in the form

        var report = await web.GetStringAsync("/contacts/report?months=3&jurisdiction=" + Xiaofeng);
        Assert.Contains("黄玉兰", report);
        Assert.Contains("2025-10-08", report);
        Assert.Contains("/api/contacts/report.xlsx?months=3&amp;level=committee&amp;jurisdiction=" + Xiaofeng, report);
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/api/contacts/report.xlsx?months=3")).StatusCode);
        var bad = await web.GetStringAsync("/contacts/report?months=99");
        Assert.Contains("须为 1 到 60 之间的整数", bad);
    }

    [Fact]
    public async Task A_representative_keeps_their_own_voters_and_reveals_a_phone_on_record()
    {
        var web = await PagesAs("aj-rep2");   // 李秀英

        var page = await web.GetStringAsync("/contacts/voters");
        Assert.Contains("我的联系选民", page);
        Assert.Contains("李秀英", page);

        var added = await web.PostFormAsync($"/contacts/voters/{app.Reps["李秀英"]}?handler=Add", new Dictionary<string, string>
        {
            ["NewName"] = "顾奶奶", ["NewVillage"] = DipuVillage, ["NewHousehold"] = "独居老人", ["NewPhone"] = "13957211234",
        }, tokenFrom: "/contacts/voters");
        var html = await added.Content.ReadAsStringAsync();
        Assert.Contains("已添加联系选民", html);
        Assert.Contains("顾奶奶", html);
        Assert.Contains("139****1234", html);
        Assert.DoesNotContain("13957211234", html);

        var bad = await web.PostFormAsync($"/contacts/voters/{app.Reps["李秀英"]}?handler=Add", new Dictionary<string, string>
        {
            ["NewName"] = "电话不对", ["NewVillage"] = DipuVillage, ["NewPhone"] = "1234",
        }, tokenFrom: "/contacts/voters");
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Contains("不是有效的手机号码", badHtml);
        Assert.Contains("value=\"电话不对\"", badHtml);

        var staff = await app.As("aj-staff");
        var voter = (await GetJsonAsync(staff, $"/api/contacts/pairings?level=representative&representativeId={app.Reps["李秀英"]}"))
            .GetProperty("items")[0].GetProperty("voter").GetProperty("id").GetInt64();
        var revealed = await web.PostFormAsync($"/contacts/voters/{app.Reps["李秀英"]}?handler=Reveal&voterId={voter}",
            new Dictionary<string, string>(), tokenFrom: "/contacts/voters");
        Assert.Contains("13957211234", await revealed.Content.ReadAsStringAsync());
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.Reveal && e.Actor == "aj-rep2"));
    }

    [Fact]
    public async Task A_representative_cannot_open_staff_pages_nor_another_representatives_voters()
    {
        var web = await PagesAs("aj-rep");
        foreach (var path in new[] { "/contacts", "/contacts/members", "/contacts/log", $"/contacts/voters/{app.Reps["李秀英"]}" })
        {
            var res = await web.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
            Assert.Contains("/account/denied", res.Headers.Location?.OriginalString);
        }
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/contacts/report")).StatusCode);
        Assert.Contains("/contacts/voters", await web.GetStringAsync("/workbench"));
    }

    [Fact]
    public async Task A_station_manager_reads_voters_masked()
    {
        var staff = await app.As("aj-staff");
        await IdOf(await PairVoterAsync(staff, app.Reps["周海涛"], "司马相如", XiaofengVillage, "13800001234"));

        var web = await PagesAs("aj-station");
        var html = await web.GetStringAsync($"/contacts?level=representative&jurisdiction={Xiaofeng}");
        Assert.Contains("司***", html);
        Assert.DoesNotContain("司马相如", html);
        Assert.Contains("138****1234", html);
        Assert.DoesNotContain("13800001234", html);
        var voters = await web.GetStringAsync($"/contacts/voters/{app.Reps["周海涛"]}");
        Assert.DoesNotContain("司马相如", voters);
        Assert.DoesNotContain("handler=Add", voters);
    }
}
