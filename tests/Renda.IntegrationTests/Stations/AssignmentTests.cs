using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Stations;
using static Renda.IntegrationTests.Stations.StationTestSupport;

namespace Renda.IntegrationTests.Stations;

/// <summary>编组进站: assignments with their history, several stations per representative, and the
/// proximity suggestions staff confirm.</summary>
[Collection(StationsCollection.Name)]
public sealed class AssignmentTests(DemoApp app)
{
    private static List<long> RepIds(JsonElement station) =>
        station.GetProperty("representatives").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();

    [Fact]
    public async Task Assigning_and_ending_keeps_the_history_and_a_representative_may_serve_several_stations()
    {
        var first = await app.NewStationAsync("编组甲站");
        var second = await app.NewStationAsync("编组乙站");
        var rep = await app.NewRepresentativeAsync("编组代表");
        var staff = await app.StaffAsync();

        var added = await staff.PostAsJsonAsync($"/api/stations/{first}/representatives", new { representativeIds = new[] { rep }, startedOn = "2026-01-05" });
        Assert.Equal(1, (await added.JsonAsync()).GetProperty("added").GetInt32());
        Assert.Equal(0, (await (await staff.PostAsJsonAsync($"/api/stations/{first}/representatives", new { representativeIds = new[] { rep } })).JsonAsync())
            .GetProperty("added").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/stations/{second}/representatives", new { representativeIds = new[] { rep } })).StatusCode);
        Assert.Equal([rep], RepIds(await staff.OkJsonAsync($"/api/stations/{first}")));
        Assert.Equal([rep], RepIds(await staff.OkJsonAsync($"/api/stations/{second}")));
        Assert.Equal("2026-01-05", (await staff.OkJsonAsync($"/api/stations/{first}")).GetProperty("representatives")[0].GetProperty("since").GetString());

        await AssertInvalidAsync(await staff.DeleteAsync($"/api/stations/{first}/representatives/{rep}?endedOn=2026-01-04"), "endedOn");
        await AssertInvalidAsync(await staff.DeleteAsync($"/api/stations/{first}/representatives/{rep}?endedOn=2026.02.01"), "endedOn");
        Assert.Equal(HttpStatusCode.NoContent, (await staff.DeleteAsync($"/api/stations/{first}/representatives/{rep}?endedOn=2026-02-01")).StatusCode);
        Assert.Empty(RepIds(await staff.OkJsonAsync($"/api/stations/{first}")));
        Assert.Equal([rep], RepIds(await staff.OkJsonAsync($"/api/stations/{second}")));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.DeleteAsync($"/api/stations/{first}/representatives/{rep}")).StatusCode);

        // Back again: a second period.
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/stations/{first}/representatives", new { representativeIds = new[] { rep } })).StatusCode);
        var history = await staff.OkJsonAsync($"/api/stations/{first}/assignments");
        var periods = history.GetProperty("items").EnumerateArray()
            .Select(p => (p.GetProperty("startedOn").GetString(), p.GetProperty("endedOn").ValueKind == JsonValueKind.Null ? null : p.GetProperty("endedOn").GetString()))
            .ToList();
        Assert.Equal([("2026-03-02", null), ("2026-01-05", "2026-02-01")], periods);
        Assert.Equal(2, history.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Bad_assignments_are_400s()
    {
        var station = await app.NewStationAsync("编组坏输入站");
        var staff = await app.StaffAsync();
        var url = $"/api/stations/{station}/representatives";
        await AssertInvalidAsync(await staff.PostAsJsonAsync(url, new { representativeIds = Array.Empty<long>() }), "representativeIds");
        await AssertInvalidAsync(await staff.PostAsJsonAsync(url, new { representativeIds = new[] { 987654321L } }), "representativeIds");
        await AssertInvalidAsync(await staff.PostAsJsonAsync(url, new { representativeIds = new[] { 1L }, startedOn = "2099-01-01" }), "startedOn");
        await AssertInvalidAsync(await staff.PostAsJsonAsync(url, new { representativeIds = new[] { 1L }, startedOn = "1 March" }), "startedOn");
        Assert.Empty(RepIds(await staff.OkJsonAsync($"/api/stations/{station}")));
        Assert.Equal(0, await app.CountAsync<StationAssignment>(a => a.StationId == station));
    }

    [Fact]
    public async Task Representatives_without_a_station_get_nearby_stations_proposed_and_staff_confirm_them()
    {
        // 老庄村 has one demo point and no test adds another there.
        var villageRep = await app.NewRepresentativeAsync("就近村代表", "330523001223");
        var townRep = await app.NewRepresentativeAsync("就近镇代表", Xiaofeng);
        var staff = await app.StaffAsync();

        var suggestions = await staff.OkJsonAsync("/api/stations/grouping?pageSize=200");
        var all = suggestions.GetProperty("items").EnumerateArray().ToList();
        while (all.Count < suggestions.GetProperty("total").GetInt32())
        {
            var next = await staff.OkJsonAsync($"/api/stations/grouping?pageSize=200&page={all.Count / 200 + 1}");
            all.AddRange(next.GetProperty("items").EnumerateArray());
        }
        var village = all.Single(s => s.GetProperty("representativeId").GetInt64() == villageRep).GetProperty("candidates");
        var town = all.Single(s => s.GetProperty("representativeId").GetInt64() == townRep).GetProperty("candidates");

        Assert.Equal("same_village", village[0].GetProperty("proximity").GetString());
        Assert.Equal("老庄村代表联络点", village[0].GetProperty("stationName").GetString());
        Assert.Equal("same_township", village[1].GetProperty("proximity").GetString());
        Assert.Equal("孝丰镇人大代表之家", town[0].GetProperty("stationName").GetString());
        Assert.All(town.EnumerateArray(), c => Assert.NotEqual("same_county", c.GetProperty("proximity").GetString()));
        Assert.DoesNotContain(all, s => s.GetProperty("representativeId").GetInt64() == 1); // demo-rep serves at station 1

        var confirm = await staff.PostAsJsonAsync("/api/stations/grouping", new
        {
            assignments = new[]
            {
                new { representativeId = villageRep, stationId = village[0].GetProperty("stationId").GetInt64() },
                new { representativeId = townRep, stationId = town[0].GetProperty("stationId").GetInt64() },
            },
        });
        Assert.Equal(2, (await confirm.JsonAsync()).GetProperty("added").GetInt32());

        var after = await staff.OkJsonAsync("/api/stations/grouping?pageSize=200");
        Assert.Equal(suggestions.GetProperty("total").GetInt32() - 2, after.GetProperty("total").GetInt32());
        Assert.Contains(villageRep, RepIds(await staff.OkJsonAsync($"/api/stations/{village[0].GetProperty("stationId").GetInt64()}")));
        await AssertInvalidAsync(await staff.PostAsJsonAsync("/api/stations/grouping", new { assignments = Array.Empty<object>() }), "assignments");
        await AssertInvalidAsync(await staff.PostAsJsonAsync("/api/stations/grouping",
            new { assignments = new[] { new { representativeId = townRep, stationId = 987654321L } } }), "assignments");
    }

    [Fact]
    public async Task Staff_confirm_grouping_on_the_page()
    {
        var rep = await app.NewRepresentativeAsync("页面编组代表", Xiaofeng);
        var browser = app.PageClient();
        await browser.SignInWithFormAsync("demo-staff", RendaApp.DemoPassword);
        var html = await browser.GetStringAsync("/stations/grouping?p=99");
        Assert.Contains("编组进站", html);

        int page = 1;
        string? form = null;
        for (; page < 20; page++)
        {
            form = await browser.GetStringAsync($"/stations/grouping?p={page}");
            if (form.Contains($"value=\"{rep}\"", StringComparison.Ordinal)) break;
        }
        var index = System.Text.RegularExpressions.Regex.Match(form!, $"name=\"Rows\\[(\\d+)\\]\\.RepresentativeId\" value=\"{rep}\"").Groups[1].Value;
        var station = System.Text.RegularExpressions.Regex.Match(form![form!.IndexOf($"Rows[{index}].StationId", StringComparison.Ordinal)..], "option value=\"(\\d+)\"").Groups[1].Value;

        var res = await browser.PostFormAsync($"/stations/grouping?p={page}", new Dictionary<string, string>
        {
            [$"Rows[0].RepresentativeId"] = rep.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"Rows[0].StationId"] = station,
            [$"Rows[0].Confirm"] = "true",
        });

        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Contains("已确认 1 名代表进站", await res.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.CountAsync<StationRepresentative>(x => x.RepresentativeId == rep));
    }
}
