using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static Renda.IntegrationTests.Contacts.ContactsApp;

namespace Renda.IntegrationTests.Contacts;

/// <summary>The contact log feeds the report of who has not been contacted in N months, by delegation
/// group and by township, at both levels; the report exports to .xlsx. The world is arranged once:
/// in 递铺街道 王建国 contacted a month ago, 李秀英 four months ago, 张志强 never, 刘丽华 a year ago and
/// again two weeks ago; 陈永明 and 杨春燕 have no committee member; in 孝丰镇 赵德明 contacted four
/// months ago, 黄玉兰 never, 周海涛 and 吴晓红 unpaired.</summary>
public sealed class ReportTests(ContactsApp app) : IClassFixture<ContactsApp>, IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 3, 2);
    private long _voterPairing;

    public async Task InitializeAsync()
    {
        var staff = await app.As("aj-staff");
        if ((await GetJsonAsync(staff, "/api/contacts/pairings")).GetProperty("total").GetInt32() > 0)
        {
            _voterPairing = (await GetJsonAsync(staff, "/api/contacts/pairings?level=representative")).GetProperty("items")[0].GetProperty("id").GetInt64();
            return; // arranged by an earlier test of this class
        }
        var a = await MarkMemberAsync(staff, "副主任", name: "钱卫东");
        var b = await MarkMemberAsync(staff, "委员", name: "孙立平");
        async Task<long> Pair(long member, string rep) => await IdOf(await PairCommitteeAsync(staff, member, app.Reps[rep]));
        var wang = await Pair(a, "王建国");
        var li = await Pair(a, "李秀英");
        await Pair(a, "张志强");
        var liu = await Pair(a, "刘丽华");
        var zhao = await Pair(b, "赵德明");
        await Pair(b, "黄玉兰");
        Assert.Equal(HttpStatusCode.Created, (await LogAsync(staff, wang, "visit", Today.AddMonths(-1))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await LogAsync(staff, li, "call", Today.AddMonths(-4))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await LogAsync(staff, liu, "meeting", Today.AddYears(-1))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await LogAsync(staff, liu, "online", Today.AddDays(-14))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await LogAsync(staff, zhao, "visit", Today.AddMonths(-4))).StatusCode);

        // Representative level: 王建国 keeps in touch with two voters, one visited four months ago, one never.
        var rep = await app.As("aj-rep");
        _voterPairing = await IdOf(await PairVoterAsync(rep, null, "许阿姨", DipuVillage, "13812348000"));
        await IdOf(await PairVoterAsync(rep, null, "陶大爷", DipuVillage));
        Assert.Equal(HttpStatusCode.Created, (await LogAsync(rep, _voterPairing, "visit", Today.AddMonths(-4), "走访")).StatusCode);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonElement> Report(string query = "")
    {
        var staff = await app.As("aj-staff");
        return await GetJsonAsync(staff, "/api/contacts/report" + query);
    }

    private static List<string> Contacted(JsonElement report) =>
        report.GetProperty("notContacted").EnumerateArray().Select(r => r.GetProperty("contacted").GetString()!).Order(StringComparer.Ordinal).ToList();

    /// <summary>Names in code-point order, as the report helpers sort them.</summary>
    private static List<string> Sorted(params string[] names) => names.Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task A_representative_contacted_four_months_ago_is_listed_for_three_months_but_not_for_six()
    {
        var three = await Report("?months=3");
        var six = await Report("?months=6");

        Assert.Equal("committee", three.GetProperty("level").GetString());
        Assert.Equal("2026-03-02", three.GetProperty("asOf").GetString());
        Assert.Equal("2025-12-02", three.GetProperty("since").GetString());
        Assert.Equal(Sorted("李秀英", "张志强", "赵德明", "黄玉兰"), Contacted(three));
        Assert.Equal(Sorted("张志强", "黄玉兰"), Contacted(six));
        var li = three.GetProperty("notContacted").EnumerateArray().Single(r => r.GetProperty("contacted").GetString() == "李秀英");
        Assert.Equal("overdue", li.GetProperty("status").GetString());
        Assert.Equal("2025-11-02", li.GetProperty("lastContactOn").GetString());
        Assert.Equal("副主任 钱卫东", li.GetProperty("contactor").GetString());
    }

    [Fact]
    public async Task Never_contacted_and_unpaired_representatives_are_listed_and_counted()
    {
        var report = await Report();

        Assert.Equal(3, report.GetProperty("months").GetInt32());   // the default
        var never = report.GetProperty("notContacted").EnumerateArray().Where(r => r.GetProperty("status").GetString() == "never")
            .Select(r => r.GetProperty("contacted").GetString()!).Order(StringComparer.Ordinal);
        Assert.Equal(Sorted("张志强", "黄玉兰"), never);
        Assert.All(report.GetProperty("notContacted").EnumerateArray().Where(r => r.GetProperty("status").GetString() == "never"),
            r => Assert.Equal(JsonValueKind.Null, r.GetProperty("lastContactOn").ValueKind));
        var totals = report.GetProperty("totals");
        Assert.Equal(6, totals.GetProperty("pairings").GetInt32());
        Assert.Equal(2, totals.GetProperty("contacted").GetInt32());
        Assert.Equal(4, totals.GetProperty("notContacted").GetInt32());
        Assert.Equal(2, totals.GetProperty("never").GetInt32());
        Assert.Equal(4, totals.GetProperty("unpaired").GetInt32());
        Assert.Equal(Sorted("吴晓红", "周海涛", "杨春燕", "陈永明"),
            report.GetProperty("unpaired").EnumerateArray().Select(u => u.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
        // 长兴县 is not in 安吉县's report.
        Assert.DoesNotContain(report.GetProperty("unpaired").EnumerateArray(), u => ChangxingNames.Contains(u.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Counts_by_delegation_group_and_by_township_and_filters_narrow_the_list()
    {
        var report = await Report("?months=3");

        var dipu = report.GetProperty("byGroup").EnumerateArray().Single(b => b.GetProperty("name").GetString() == "递铺街道代表小组");
        Assert.Equal((4, 2, 2, 1, 2), Counts(dipu));
        var xiaofeng = report.GetProperty("byJurisdiction").EnumerateArray().Single(b => b.GetProperty("key").GetString() == Xiaofeng);
        Assert.Equal("孝丰镇", xiaofeng.GetProperty("name").GetString());
        Assert.Equal((2, 0, 2, 1, 2), Counts(xiaofeng));

        var byGroup = await Report($"?months=3&group={app.DipuGroupId}");
        Assert.Equal(Sorted("李秀英", "张志强"), Contacted(byGroup));
        var byTownship = await Report($"?months=3&jurisdiction={Xiaofeng}");
        Assert.Equal(Sorted("赵德明", "黄玉兰"), Contacted(byTownship));
        Assert.Equal(Sorted("吴晓红", "周海涛"), byTownship.GetProperty("unpaired").EnumerateArray().Select(u => u.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));

        static (int, int, int, int, int) Counts(JsonElement b) => (b.GetProperty("pairings").GetInt32(), b.GetProperty("contacted").GetInt32(),
            b.GetProperty("notContacted").GetInt32(), b.GetProperty("never").GetInt32(), b.GetProperty("unpaired").GetInt32());
    }

    [Fact]
    public async Task The_representative_level_reports_voters_not_contacted()
    {
        var report = await Report("?level=representative&months=3");

        Assert.Equal("representative", report.GetProperty("level").GetString());
        var rows = report.GetProperty("notContacted").EnumerateArray().ToList();
        Assert.Equal(Sorted("许阿姨", "陶大爷"), rows.Select(r => r.GetProperty("contacted").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal("王建国", r.GetProperty("contactor").GetString()));
        Assert.Equal(9, report.GetProperty("totals").GetProperty("unpaired").GetInt32());   // everyone in 安吉县 but 王建国
        Assert.DoesNotContain("许阿姨", Contacted(await Report("?level=representative&months=6")));
    }

    [Fact]
    public async Task Moving_the_clock_on_makes_a_recent_contact_overdue()
    {
        var before = await Report("?months=3");
        Assert.DoesNotContain("刘丽华", Contacted(before));

        app.Clock.Advance(TimeSpan.FromDays(120));
        try
        {
            Assert.Contains("刘丽华", Contacted(await Report("?months=3")));
        }
        finally
        {
            app.Clock.Advance(TimeSpan.FromDays(-120));
        }
    }

    [Fact]
    public async Task A_representative_sees_only_their_own_rows()
    {
        var rep = await app.As("aj-rep");
        var report = await GetJsonAsync(rep, "/api/contacts/report?level=representative");
        Assert.Equal(2, report.GetProperty("totals").GetProperty("pairings").GetInt32());
        Assert.Empty(report.GetProperty("unpaired").EnumerateArray());
        var committee = await GetJsonAsync(rep, "/api/contacts/report?level=committee&months=3");
        Assert.Empty(committee.GetProperty("notContacted").EnumerateArray());   // 王建国 was contacted a month ago
        Assert.Equal(1, committee.GetProperty("totals").GetProperty("pairings").GetInt32());

        var other = await app.As("aj-rep2");   // 李秀英: contacted four months ago
        var hers = await GetJsonAsync(other, "/api/contacts/report?level=committee&months=3");
        Assert.Equal(Sorted("李秀英"), Contacted(hers));
    }

    [Theory]
    [InlineData("?months=0", "months")]
    [InlineData("?months=61", "months")]
    [InlineData("?months=abc", "months")]
    [InlineData("?months=-3", "months")]
    [InlineData("?level=voters", "level")]
    [InlineData("?jurisdiction=3305x", "jurisdiction")]
    [InlineData("?jurisdiction=%27%20OR%201%3D1--", "jurisdiction")]
    [InlineData("?group=999999", "group")]
    [InlineData("?group=one", "group")]
    public async Task Bad_report_parameters_get_a_400_naming_the_field(string query, string field)
    {
        var staff = await app.As("aj-staff");
        foreach (var path in new[] { "/api/contacts/report", "/api/contacts/report.xlsx" })
        {
            var res = await staff.GetAsync(path + query);
            Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
            Assert.Contains(field, (await FieldErrorsAsync(res)).Keys);
        }
    }

    [Fact]
    public async Task The_report_exports_to_an_xlsx_with_the_summary_the_buckets_and_the_list()
    {
        var staff = await app.As("aj-staff");
        var res = await staff.GetAsync("/api/contacts/report.xlsx?months=3");

        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", res.Content.Headers.ContentType?.MediaType);
        Assert.Contains("shuanglian-committee-3m-20260302.xlsx", res.Content.Headers.ContentDisposition?.ToString());
        await using var stream = new MemoryStream(await res.Content.ReadAsByteArrayAsync());
        using var doc = SpreadsheetDocument.Open(stream, false);
        var wb = doc.WorkbookPart!;
        var sheets = wb.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["汇总", "按代表小组", "按乡镇", "未联系名单", "无联系委员的代表"], sheets.Select(s => s.Name!.Value));

        List<List<string>> Rows(string name)
        {
            var part = (WorksheetPart)wb.GetPartById(sheets.Single(s => s.Name == name).Id!);
            return part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList()).ToList();
        }

        var list = Rows("未联系名单");
        Assert.Equal(["常委会组成人员", "代表", "代表小组", "乡镇（街道）", "结对日期", "最近联系日期", "状态"], list[0]);
        Assert.Equal(Sorted("李秀英", "张志强", "赵德明", "黄玉兰"), list.Skip(1).Select(r => r[1]).Order(StringComparer.Ordinal));
        Assert.Contains(list, r => r[1] == "张志强" && r[6] == "从未联系");
        var summary = Rows("汇总");
        Assert.Contains(summary, r => r[0] == "期内未联系（含从未联系）" && r[1] == "4");
        var groups = Rows("按代表小组");
        Assert.Contains(groups, r => r[0] == "递铺街道代表小组" && r[1] == "4" && r[3] == "2");
        Assert.Equal(4, Rows("无联系委员的代表").Count - 1);
    }
}
