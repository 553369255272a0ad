using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Opinions;
using Renda.Platform.Data;

namespace Renda.IntegrationTests.Opinions;

[Collection(OpinionsCollection.Name)]
public sealed class PublicIntakeTests(DemoApp app)
{
    [Fact]
    public async Task A_citizen_submits_by_station_code_and_follows_it_without_seeing_personal_data()
    {
        var station = await app.StationCodeAsync();
        var code = await app.SubmitOpinionAsCitizenAsync("小区门口路灯坏了三个月，晚上出行不便。联系电话13900001111", station, category: "urban_construction");

        Assert.NotNull(TrackingCodes.Normalize(code));
        var view = await app.TrackAsync(code);
        Assert.Equal("submitted", view.GetProperty("state").GetString());
        Assert.Equal("已提交", view.GetProperty("stateLabel").GetString());
        Assert.Contains("139****1111", view.GetProperty("content").GetString());
        var raw = view.GetRawText();
        Assert.DoesNotContain(OpinionTestSupport.Phone, raw);
        Assert.DoesNotContain("13900001111", raw);
        Assert.DoesNotContain("王小明", raw);
        var step = Assert.Single(view.GetProperty("history").EnumerateArray());
        Assert.Equal("submit", step.GetProperty("action").GetString());

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.Set<Opinion>().IgnoreQueryFilters().SingleAsync(o => o.TrackingCode == TrackingCodes.Normalize(code));
        Assert.Equal((OpinionChannels.StationCode, "330523"), (row.Channel, row.JurisdictionCode[..6]));
        Assert.NotNull(row.StationId);
        Assert.DoesNotContain(OpinionTestSupport.Phone, row.PhoneCipher);
        Assert.Equal("138****8000", row.PhoneMasked);
        Assert.Equal("王小明", scope.ServiceProvider.GetRequiredService<PersonalData>().Unprotect(row.SubmitterNameCipher));
    }

    [Fact]
    public async Task Tracking_codes_are_read_with_or_without_the_dash_in_any_case()
    {
        var code = await app.SubmitOpinionAsCitizenAsync("村口垃圾桶满了没人清运");
        var shown = (await app.TrackAsync(code)).GetProperty("trackingCode").GetString()!;
        Assert.Equal(11, shown.Length);
        Assert.Equal(code, (await app.TrackAsync(shown.ToLowerInvariant())).GetProperty("trackingCode").GetString()!.Replace("-", ""));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/api/public/opinions/AAAAA-AAAAA")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/api/public/opinions/'%20OR%201=1")).StatusCode);
    }

    [Theory]
    [InlineData("", "13812348000", "content")]
    [InlineData("停车难", "1234", "phone")]
    [InlineData("停车难", "", "phone")]
    public async Task Bad_input_is_refused_field_by_field(string content, string phone, string field)
    {
        var res = await app.CreateClient().PostAsJsonAsync("/api/public/opinions", new { content, phone });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.True((await res.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Too_long_content_an_unknown_category_and_a_dead_code_are_each_named()
    {
        var res = await app.CreateClient().PostAsJsonAsync("/api/public/opinions", new
        {
            content = new string('路', Opinion.MaxContent + 1), phone = OpinionTestSupport.Phone, category = "<script>", stationCode = "zzzzzzzzzzzz",
        });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var errors = (await res.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("content", out _));
        Assert.True(errors.TryGetProperty("category", out _));
        Assert.True(errors.TryGetProperty("stationCode", out _));
    }

    [Fact]
    public async Task Hostile_text_is_stored_and_returned_exactly_as_given()
    {
        const string hostile = "<script>alert(1)</script>'; DROP TABLE opinions; --";
        var code = await app.SubmitOpinionAsCitizenAsync(hostile);
        Assert.Equal(hostile, (await app.TrackAsync(code)).GetProperty("content").GetString());
    }

    [Fact]
    public async Task Rating_is_accepted_only_in_replied_and_unsatisfied_reopens_with_a_new_round()
    {
        var code = await app.SubmitOpinionAsCitizenAsync("公交站台没有遮雨棚");
        var http = app.CreateClient();

        var early = await http.PostAsJsonAsync($"/api/public/opinions/{code}/rating", new { rating = "satisfied" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        await app.ForceStateAsync(code, "replied", o => o.ReplyContent = "已协调公交公司加装雨棚");
        var bad = await http.PostAsJsonAsync($"/api/public/opinions/{code}/rating", new { rating = "great" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var unsatisfied = await http.PostAsJsonAsync($"/api/public/opinions/{code}/rating", new { rating = "unsatisfied", comment = "雨棚太小" });
        Assert.Equal(HttpStatusCode.OK, unsatisfied.StatusCode);
        var view = await unsatisfied.JsonAsync();
        Assert.Equal(("in_progress", 1), (view.GetProperty("state").GetString(), view.GetProperty("round").GetInt32()));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, view.GetProperty("dueDate").ValueKind);

        await app.ForceStateAsync(code, "replied");
        var satisfied = await http.PostAsJsonAsync($"/api/public/opinions/{code}/rating", new { rating = "basically_satisfied" });
        Assert.Equal("closed", (await satisfied.JsonAsync()).GetProperty("state").GetString());
        var again = await http.PostAsJsonAsync($"/api/public/opinions/{code}/rating", new { rating = "satisfied" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }
}
