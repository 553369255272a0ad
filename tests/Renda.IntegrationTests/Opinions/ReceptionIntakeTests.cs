using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.IntegrationTests.Stations;
using Renda.Modules.Opinions;
using Renda.Modules.Performance;
using Renda.Modules.Stations;
using Renda.Platform.Auth;
using Renda.Platform.Data;

namespace Renda.IntegrationTests.Opinions;

/// <summary>Offline intake: what citizens said at a reception becomes opinions linked to the reception and to the
/// receiving representative's duty archive, in one transaction; only the station's staff and the reception's
/// representatives may record.</summary>
[Collection(OpinionsCollection.Name)]
public sealed class ReceptionIntakeTests(DemoApp app)
{
    private sealed record Setup(long Station, long RepA, long RepB, long Reception);

    private async Task<Setup> ReceptionAsync(string name)
    {
        var station = await app.NewStationAsync(name);
        var a = await app.NewRepresentativeAsync(name + "甲");
        var b = await app.NewRepresentativeAsync(name + "乙");
        var staff = await app.StaffAsync();
        var res = await staff.PostAsJsonAsync($"/api/stations/{station}/receptions", new
        {
            date = "2026-02-26", kind = "reception_day", representativeIds = new[] { a, b }, citizenCount = 5,
            items = new[] { "村道路灯不亮", "垃圾清运不及时" },
        });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return new Setup(station, a, b, (await res.JsonAsync()).GetProperty("id").GetInt64());
    }

    private async Task<(ReceptionItem[] Items, DutyRecord[] Records, Opinion[] Opinions)> StoredAsync(Setup s)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var items = await db.Set<ReceptionItem>().IgnoreQueryFilters().Where(i => i.ReceptionId == s.Reception).OrderBy(i => i.Ordinal).ToArrayAsync();
        var records = await db.Set<DutyRecord>().IgnoreQueryFilters()
            .Where(d => d.Kind == DutyKinds.OpinionHandled && (d.RepresentativeId == s.RepA || d.RepresentativeId == s.RepB)).ToArrayAsync();
        var opinions = await db.Set<Opinion>().IgnoreQueryFilters().Where(o => o.ReceptionId == s.Reception).OrderBy(o => o.Id).ToArrayAsync();
        return (items, records, opinions);
    }

    [Fact]
    public async Task The_station_manager_turns_a_matter_into_an_opinion_linked_to_the_reception_and_the_archive()
    {
        var s = await ReceptionAsync("意见接待点一");
        var manager = await app.ManagerAsync("intake-manager-1", s.Station);

        var res = await manager.PostAsJsonAsync($"/api/stations/{s.Station}/receptions/{s.Reception}/opinions",
            new { itemOrdinal = 1, representativeId = s.RepB, category = "urban_construction" });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var body = await res.JsonAsync();
        var opinionId = body.GetProperty("opinionId").GetInt64();
        Assert.Equal((1, s.RepB), (body.GetProperty("itemOrdinal").GetInt32(), body.GetProperty("representativeId").GetInt64()));

        var (items, records, opinions) = await StoredAsync(s);
        Assert.Equal(opinionId, items[0].OpinionId);
        Assert.Null(items[1].OpinionId);
        var o = Assert.Single(opinions);
        Assert.Equal((OpinionChannels.Reception, "村道路灯不亮", s.Station, s.RepB, "submitted", "intake-manager-1"),
            (o.Channel, o.Content, o.StationId!.Value, o.RepresentativeId!.Value, o.State, o.CreatedBy));
        Assert.Null(o.PhoneCipher);
        Assert.False(o.ConsentGiven);   // recorded by staff: the citizen saw no notice
        var record = Assert.Single(records);
        Assert.Equal((s.RepB, "opinions", $"opinion:{opinionId}", new DateOnly(2026, 2, 26)),
            (record.RepresentativeId, record.SourceModule, record.SourceId, record.Date));
        Assert.Contains(TrackingCodes.Display(o.TrackingCode), record.Detail);

        var again = await manager.PostAsJsonAsync($"/api/stations/{s.Station}/receptions/{s.Reception}/opinions", new { itemOrdinal = 1, representativeId = s.RepB });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_receiving_representative_records_a_new_matter_as_themself_with_the_citizens_phone()
    {
        var s = await ReceptionAsync("意见接待点二");
        var rep = await app.LinkedUserAsync("intake-rep-2", Roles.Representative, u => u.RepresentativeId = s.RepA);

        var res = await rep.PostAsJsonAsync($"/api/stations/{s.Station}/receptions/{s.Reception}/opinions",
            new { content = "希望在村口增设公交站", submitterName = "周九", phone = "13700002222" });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var (items, records, opinions) = await StoredAsync(s);
        Assert.Equal(3, items.Length);
        Assert.Equal(("希望在村口增设公交站", opinions.Single().Id), (items[2].Text, items[2].OpinionId!.Value));
        Assert.Equal(("137****2222", s.RepA), (opinions.Single().PhoneMasked, opinions.Single().RepresentativeId!.Value));
        Assert.Equal(s.RepA, Assert.Single(records).RepresentativeId);

        var asOther = await rep.PostAsJsonAsync($"/api/stations/{s.Station}/receptions/{s.Reception}/opinions",
            new { content = "以别人名义", representativeId = s.RepB });
        await StationTestSupport.AssertInvalidAsync(asOther, "representativeId");
    }

    [Fact]
    public async Task Bad_input_leaves_no_opinion_no_matter_and_no_duty_record()
    {
        var s = await ReceptionAsync("意见接待点三");
        var staff = await app.StaffAsync();
        var url = $"/api/stations/{s.Station}/receptions/{s.Reception}/opinions";

        var bad = await staff.PostAsJsonAsync(url, new { content = "", phone = "999", itemOrdinal = 9 });
        await StationTestSupport.AssertInvalidAsync(bad, "content", "phone", "itemOrdinal", "representativeId");
        var noRep = await staff.PostAsJsonAsync(url, new { content = "两位代表时必须选一位" });
        await StationTestSupport.AssertInvalidAsync(noRep, "representativeId");
        var (items, records, opinions) = await StoredAsync(s);
        Assert.Equal((2, 0, 0), (items.Length, records.Length, opinions.Length));
        Assert.Equal(0, await app.OpinionCountAsync("两位代表时必须选一位"));
    }

    [Fact]
    public async Task Others_may_not_record_for_a_reception()
    {
        var s = await ReceptionAsync("意见接待点四");
        var url = $"/api/stations/{s.Station}/receptions/{s.Reception}/opinions";
        var otherManager = await app.ManagerAsync("intake-other-manager", stationId: null);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherManager.PostAsJsonAsync(url, new { content = "x", representativeId = s.RepA })).StatusCode);
        var stranger = await app.NewRepresentativeAsync("意见接待点四丙");
        var rep = await app.LinkedUserAsync("intake-stranger-rep", Roles.Representative, u => u.RepresentativeId = stranger);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PostAsJsonAsync(url, new { content = "x" })).StatusCode);
        var unit = await app.LinkedUserAsync("intake-unit", Roles.HandlingUnit);
        Assert.Equal(HttpStatusCode.Forbidden, (await unit.PostAsJsonAsync(url, new { content = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.StaffAsync()).PostAsJsonAsync(
            $"/api/stations/{s.Station}/receptions/{s.Reception + 100000}/opinions", new { content = "x" })).StatusCode);
        Assert.Empty((await StoredAsync(s)).Opinions);
    }

    [Fact]
    public async Task The_reception_page_records_an_opinion_and_shows_the_tracking_code()
    {
        var s = await ReceptionAsync("意见接待点五");
        await app.ManagerAsync("intake-page-manager", s.Station);
        var http = app.PageClient();
        await http.SignInWithFormAsync("intake-page-manager");
        var detail = await http.GetStringAsync($"/stations/{s.Station}");
        Assert.Contains($"/stations/{s.Station}/receptions/{s.Reception}/opinions", detail);

        var path = $"/stations/{s.Station}/receptions/{s.Reception}/opinions";
        var prefilled = await http.GetStringAsync(path + "?item=2");
        Assert.Contains("垃圾清运不及时</textarea>", prefilled);
        var bad = await http.PostFormAsync(path, new Dictionary<string, string> { ["Form.ItemOrdinal"] = "2", ["Form.Phone"] = "12", ["Form.Location"] = "<b>村口</b>" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Contains("手机号码格式不正确", badHtml);
        Assert.Contains("value=\"&lt;b&gt;村口&lt;/b&gt;\"", badHtml);

        var ok = await http.PostFormAsync(path, new Dictionary<string, string> { ["Form.ItemOrdinal"] = "2", ["Form.RepresentativeId"] = s.RepA.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var after = await http.GetStringAsync(path);
        var o = (await StoredAsync(s)).Opinions.Single();
        Assert.Contains(TrackingCodes.Display(o.TrackingCode), after);
        Assert.Contains("已转为意见", after);
        Assert.Equal("垃圾清运不及时", o.Content);
    }
}
