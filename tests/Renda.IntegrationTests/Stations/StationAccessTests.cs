using System.Net;
using System.Net.Http.Json;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Stations;
using Renda.Platform.Auth;
using static Renda.IntegrationTests.Stations.StationTestSupport;

namespace Renda.IntegrationTests.Stations;

/// <summary>A station manager runs their own station only; a neighbouring county sees nothing; the
/// auditor and the security admin read no station data.</summary>
[Collection(StationsCollection.Name)]
public sealed class StationAccessTests(DemoApp app)
{
    [Fact]
    public async Task A_station_manager_sees_and_edits_only_the_station_their_account_names()
    {
        var own = await app.NewStationAsync("联络员本站");
        var other = await app.NewStationAsync("别人的站");
        var manager = await app.ManagerAsync("mgr-own", own);

        var list = await manager.OkJsonAsync("/api/stations?pageSize=200");
        Assert.Equal([own], list.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetInt64()));
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/stations/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/stations/{other}/calendar")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/stations/{other}/receptions")).StatusCode);

        var detail = await manager.OkJsonAsync($"/api/stations/{own}");
        Assert.True(detail.GetProperty("canEdit").GetBoolean());
        Assert.False(detail.GetProperty("canAdminister").GetBoolean());
        var version = detail.GetProperty("version").GetInt64();
        var edit = await manager.PutAsJsonAsync($"/api/stations/{own}", new
        {
            address = "联络员改的地址", version,
            openingRules = new[] { new { rule = "representatives_resident", met = true, note = "周二、周四代表值班" } },
        });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        var edited = await edit.JsonAsync();
        Assert.Equal("联络员改的地址", edited.GetProperty("address").GetString());
        Assert.True(edited.GetProperty("openingRules")[1].GetProperty("met").GetBoolean());

        // Grade (星级评定), name, kind and manager stay with staff.
        var grade = await manager.PutAsJsonAsync($"/api/stations/{own}", new { grade = 5, name = "自封五星", version = version + 1 });
        await AssertInvalidAsync(grade, "grade", "name");
        Assert.Equal(3, (await manager.OkJsonAsync($"/api/stations/{own}")).GetProperty("grade").GetInt32());

        Assert.Equal(HttpStatusCode.NotFound, (await manager.PutAsJsonAsync($"/api/stations/{other}", new { address = "越权", version = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync("/api/stations",
            new { name = "联络员新建", kind = "point", jurisdictionCode = Dipu, address = "甲", grade = 3 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync($"/api/stations/{own}/representatives", new { representativeIds = new[] { 1 } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/stations/grouping")).StatusCode);

        var at = new { date = "2026-03-01", representativeIds = new[] { 1L }, citizenCount = 3 };
        Assert.Equal(HttpStatusCode.Created, (await manager.PostAsJsonAsync($"/api/stations/{own}/receptions", at)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsJsonAsync($"/api/stations/{other}/receptions", at)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await manager.PostAsJsonAsync($"/api/stations/{own}/schedule-rules",
            new { title = "接待日", kind = "monthly_day", dayOfMonth = 15, startTime = "9:00", endTime = "11:00" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsJsonAsync($"/api/stations/{other}/schedule-rules",
            new { title = "接待日", kind = "monthly_day", dayOfMonth = 15, startTime = "9:00", endTime = "11:00" })).StatusCode);
    }

    [Fact]
    public async Task A_manager_named_on_the_station_runs_it_without_a_StationId()
    {
        var station = await app.NewStationAsync("指定联络员的站");
        var manager = await app.ManagerAsync("mgr-named", stationId: null);
        Assert.Equal(0, (await manager.OkJsonAsync("/api/stations")).GetProperty("total").GetInt32());

        var staff = await app.StaffAsync();
        var version = (await staff.OkJsonAsync($"/api/stations/{station}")).GetProperty("version").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/stations/{station}", new { managerUserName = "mgr-named", version })).StatusCode);

        var list = await manager.OkJsonAsync("/api/stations");
        Assert.Equal(station, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.True((await manager.OkJsonAsync($"/api/stations/{station}")).GetProperty("canEdit").GetBoolean());
    }

    [Fact]
    public async Task Staff_of_the_neighbouring_county_see_none_of_it()
    {
        await app.CreateUserAsync("cx-stations", Neighbour, Roles.CongressStaff);
        var neighbour = await app.SignedInAsync("cx-stations");

        Assert.Equal(0, (await neighbour.OkJsonAsync("/api/stations")).GetProperty("total").GetInt32());
        foreach (var url in new[] { "/api/stations/1", "/api/stations/1/calendar", "/api/stations/1/receptions", "/api/stations/1/assignments",
                     "/api/representatives/1/archive", "/api/representatives/1/archive/summary" })
            Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync(url)).StatusCode);
        Assert.Equal(0, (await neighbour.OkJsonAsync("/api/stations/grouping")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.PostAsJsonAsync("/api/stations/1/receptions",
            new { date = "2026-03-01", representativeIds = new[] { 1L }, citizenCount = 3 })).StatusCode);
        await AssertInvalidAsync(await neighbour.PostAsJsonAsync("/api/stations",
            new { name = "越界", kind = "point", jurisdictionCode = Dipu, address = "甲", grade = 3 }), "jurisdictionCode");
    }

    [Theory]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.SecurityAdmin)]
    public async Task The_auditor_and_the_security_admin_read_no_station_or_archive(string role)
    {
        var name = "no-module-" + role.Replace('_', '-');
        await app.CreateUserAsync(name, Anji, role);
        var http = await app.SignedInAsync(name);
        foreach (var url in new[] { "/api/stations", "/api/stations/1", "/api/stations/1/calendar", "/api/stations/1/receptions", "/api/representatives/1/archive" })
            Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Pages_follow_the_same_rules()
    {
        var own = await app.NewStationAsync("页面联络员本站");
        var other = await app.NewStationAsync("页面别人的站");
        await app.ManagerAsync("mgr-pages", own);
        var browser = app.PageClient();
        await browser.SignInWithFormAsync("mgr-pages");

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/stations/{own}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/stations/{own}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/stations/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/stations/{other}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync($"/stations/{own}/assignments")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/stations/new")).StatusCode);
        var list = await browser.GetStringAsync("/stations");
        Assert.Contains("页面联络员本站", list);
        Assert.DoesNotContain("页面别人的站", list);
    }
}
