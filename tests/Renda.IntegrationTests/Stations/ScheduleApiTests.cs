using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Stations;
using Renda.Platform.Data;
using static Renda.IntegrationTests.Stations.StationTestSupport;

namespace Renda.IntegrationTests.Stations;

[Collection(StationsCollection.Name)]
public sealed class ScheduleApiTests(DemoApp app)
{
    private static IEnumerable<string> Dates(JsonElement calendar) =>
        calendar.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("date").GetString()!);

    [Fact]
    public async Task Rules_become_a_calendar_across_month_ends_with_who_is_on_duty()
    {
        var id = await app.NewStationAsync("日历测试联络点");
        var rep = await app.NewRepresentativeAsync("日历值班");
        var staff = await app.StaffAsync();
        var monthEnd = await staff.PostAsJsonAsync($"/api/stations/{id}/schedule-rules", new
        {
            title = "月末接待日", kind = "monthly_day", dayOfMonth = 31, startTime = "9:00", endTime = "11:30",
            validFrom = "2026-01-01", representativeIds = new[] { rep },
        });
        Assert.Equal(HttpStatusCode.Created, monthEnd.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync($"/api/stations/{id}/schedule-rules", new
        {
            title = "周五下午", kind = "weekly", weekday = 5, startTime = "14:30", endTime = "17:00", validFrom = "2026-01-01", skipHolidays = true,
        })).StatusCode);

        var calendar = await staff.OkJsonAsync($"/api/stations/{id}/calendar?from=2026-04-24&to=2026-05-08");

        // 04-30 is the 31st of a 30-day month; 05-01 (Friday) is Labour Day, skipped.
        Assert.Equal(["2026-04-24", "2026-04-30", "2026-05-08"], Dates(calendar));
        var first = calendar.GetProperty("items")[1];
        Assert.Equal("月末接待日", first.GetProperty("title").GetString());
        Assert.Equal("9:00", first.GetProperty("startTime").GetString());
        Assert.Equal("周四", first.GetProperty("weekday").GetString());
        Assert.Equal("日历值班", Assert.Single(first.GetProperty("onDuty").EnumerateArray()).GetProperty("name").GetString());

        var detail = await staff.OkJsonAsync($"/api/stations/{id}");
        Assert.Equal(["每月31日", "每周五"], detail.GetProperty("scheduleRules").EnumerateArray().Select(r => r.GetProperty("description").GetString()));
    }

    [Fact]
    public async Task The_calendar_defaults_to_the_next_two_months_from_today_in_China()
    {
        var id = await app.NewStationAsync("默认日历联络点");
        var staff = await app.StaffAsync();
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync($"/api/stations/{id}/schedule-rules",
            new { title = "每月10日", kind = "monthly_day", dayOfMonth = 10, startTime = "9:00", endTime = "11:30", validFrom = "2025-01-01" })).StatusCode);

        var calendar = await staff.OkJsonAsync($"/api/stations/{id}/calendar");

        // The test clock is 2026-03-02 09:00 in Beijing.
        Assert.Equal("2026-03-02", calendar.GetProperty("from").GetString());
        Assert.Equal("2026-05-01", calendar.GetProperty("to").GetString());
        Assert.Equal(["2026-03-10", "2026-04-10"], Dates(calendar));
    }

    [Fact]
    public async Task Bad_rules_and_ranges_are_400s_naming_the_field_and_add_nothing()
    {
        var id = await app.NewStationAsync("坏规则联络点");
        var staff = await app.StaffAsync();
        string url = $"/api/stations/{id}/schedule-rules";

        await AssertInvalidAsync(await staff.PostAsJsonAsync(url, new { title = "", kind = "fortnightly", startTime = "9点", endTime = "25:00" }),
            "title", "kind", "startTime", "endTime");
        await AssertInvalidAsync(await staff.PostAsJsonAsync(url, new { title = "甲", kind = "monthly_day", dayOfMonth = 32, startTime = "11:00", endTime = "9:00" }),
            "dayOfMonth", "endTime");
        await AssertInvalidAsync(await staff.PostAsJsonAsync(url, new { title = "甲", kind = "monthly_weekday", weekday = 8, weekOfMonth = 5, startTime = "9:00", endTime = "10:00" }),
            "weekday", "weekOfMonth");
        await AssertInvalidAsync(await staff.PostAsJsonAsync(url, new { title = "甲", kind = "once", date = "2026/03/15", startTime = "9:00", endTime = "10:00" }),
            "date");
        await AssertInvalidAsync(await staff.PostAsJsonAsync(url, new { title = "甲", kind = "weekly", weekday = 1, startTime = "9:00", endTime = "10:00",
            validFrom = "2026-05-01", validUntil = "2026-04-01", representativeIds = new[] { 987654321L } }), "validUntil", "representativeIds");
        Assert.Empty((await staff.OkJsonAsync($"/api/stations/{id}")).GetProperty("scheduleRules").EnumerateArray());

        await AssertInvalidAsync(await staff.GetAsync($"/api/stations/{id}/calendar?from=03/01/2026"), "from");
        await AssertInvalidAsync(await staff.GetAsync($"/api/stations/{id}/calendar?from=2026-03-01&to=2026-02-01"), "to");
        await AssertInvalidAsync(await staff.GetAsync($"/api/stations/{id}/calendar?from=2026-01-01&to=2027-06-01"), "to");
    }

    [Fact]
    public async Task A_removed_rule_leaves_the_calendar()
    {
        var id = await app.NewStationAsync("删除规则联络点");
        var staff = await app.StaffAsync();
        var created = await staff.PostAsJsonAsync($"/api/stations/{id}/schedule-rules",
            new { title = "统一见面日", kind = "once", date = "2026-03-20", startTime = "19:00", endTime = "20:30" });
        var ruleId = (await created.JsonAsync()).GetProperty("id").GetInt64();
        Assert.Equal(["2026-03-20"], Dates(await staff.OkJsonAsync($"/api/stations/{id}/calendar")));

        Assert.Equal(HttpStatusCode.NoContent, (await staff.DeleteAsync($"/api/stations/{id}/schedule-rules/{ruleId}")).StatusCode);

        Assert.Empty(Dates(await staff.OkJsonAsync($"/api/stations/{id}/calendar")));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.DeleteAsync($"/api/stations/{id}/schedule-rules/{ruleId}")).StatusCode);
    }

    [Fact]
    public async Task Every_demo_station_has_a_schedule_and_the_first_meets_on_the_10th()
    {
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var demo = db.Set<Station>().Where(s => s.Address.StartsWith("浙江省湖州市安吉县"));
            Assert.True(await demo.CountAsync() >= 20);
            Assert.Equal(0, await demo.CountAsync(s => !db.Set<ReceptionScheduleRule>().Any(r => r.StationId == s.Id)));
        }
        var staff = await app.StaffAsync();
        var first = await staff.OkJsonAsync("/api/stations/1");
        Assert.Contains(first.GetProperty("scheduleRules").EnumerateArray(), r => r.GetProperty("description").GetString() == "每月10日");
    }
}
