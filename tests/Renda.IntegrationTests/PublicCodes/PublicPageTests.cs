using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Platform.Auth;
using Renda.Platform.Data;

namespace Renda.IntegrationTests.PublicCodes;

/// <summary>/p/s/{code} and /p/r/{code}: open to anyone, public fields only, polite when the code is
/// unknown (404) or revoked (410), and never a dead link.</summary>
public sealed partial class PublicPageTests(RendaApp app) : IClassFixture<RendaApp>
{
    [Fact]
    public async Task The_station_page_shows_the_station_and_its_representatives_without_sign_in()
    {
        var world = await CodeWorld.CreateAsync(app);

        var res = await app.CreateClient().GetAsync($"/p/s/{world.StationCode}");

        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var html = await res.Content.ReadAsStringAsync();
        Assert.Contains($"<h1>{world.StationName}</h1>", html);
        Assert.Contains("代表联络站", html);
        Assert.Contains("浙江省湖州市安吉县递铺街道昌硕东路1号", html);
        Assert.Contains("四星级", html);
        Assert.Contains("递铺街道", html);
        Assert.Contains("反映意见建议", html);
        Assert.Contains($"href=\"/p/r/{world.RepresentativeCode}\">{world.RepresentativeName}</a>", html);
        Assert.Contains("王建华", html);
        // The opinions module maps the citizen's form under the code: the page links to it.
        Assert.Contains($"href=\"/p/s/{world.StationCode}/opinion\"", html);
    }

    [Fact]
    public async Task The_station_page_lists_the_coming_reception_days_from_the_schedule_with_who_is_on_duty()
    {
        var world = await CodeWorld.CreateAsync(app, stationName: "孝丰镇代表联络站");
        await app.CreateUserAsync("sched-staff", CodeWorld.County, Roles.CongressStaff);
        var staff = await app.SignedInAsync("sched-staff");
        var before = await app.CreateClient().GetStringAsync($"/p/s/{world.StationCode}");
        Assert.Contains("近期暂无排定的接待日", before);

        // The test clock stands at 2 March 2026: the 10th of the month is the next reception day.
        var rule = await staff.PostAsJsonAsync($"/api/stations/{world.StationId}/schedule-rules", new
        {
            title = "统一接待日", kind = "monthly_day", dayOfMonth = 10, startTime = "09:00", endTime = "11:30",
            representativeIds = new[] { world.RepresentativeId },
        });
        Assert.Equal(HttpStatusCode.Created, rule.StatusCode);

        var html = await app.CreateClient().GetStringAsync($"/p/s/{world.StationCode}");
        Assert.Contains("接待日安排", html);
        Assert.Contains("3月10日", html);
        Assert.Contains("09:00–11:30", html);
        Assert.Contains("值班代表：" + world.RepresentativeName, html);
        Assert.DoesNotContain("近期暂无排定的接待日", html);
    }

    [Fact]
    public async Task The_representative_page_shows_name_groups_and_stations()
    {
        var world = await CodeWorld.CreateAsync(app, representativeName: "沈晓燕");

        var html = await app.CreateClient().GetStringAsync($"/p/r/{world.RepresentativeCode}");

        Assert.Contains("<h1>沈晓燕</h1>", html);
        Assert.Contains("安吉县第十八届人民代表大会代表", html);
        Assert.Contains("递铺街道代表小组", html);
        Assert.Contains("城市建设", html);
        Assert.Contains($"href=\"/p/s/{world.StationCode}\">{world.StationName}</a>", html);
    }

    [Fact]
    public async Task Public_pages_never_show_a_phone_an_ID_number_a_birth_date_or_an_employer()
    {
        var world = await CodeWorld.CreateAsync(app);
        var anonymous = app.CreateClient();

        foreach (var path in new[] { $"/p/s/{world.StationCode}", $"/p/r/{world.RepresentativeCode}" })
        {
            var text = TagsAndSpaces().Replace(await anonymous.GetStringAsync(path), " ");
            Assert.DoesNotMatch(MobilePhone(), text);
            Assert.DoesNotMatch(IdNumber(), text);
            Assert.DoesNotContain("1979", text);    // the birth year of the arranged representatives
            Assert.DoesNotContain("中心小学", text);  // their employer
        }
    }

    [Theory]
    [InlineData("/p/s/zzzzzzzzzzzz")]
    [InlineData("/p/r/zzzzzzzzzzzz")]
    [InlineData("/p/s/short")]
    [InlineData("/p/s/%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("/p/s/1%27%20OR%20%271%27%3D%271")]
    [InlineData("/p/r/ILOUILOUILOU")]
    public async Task An_unknown_code_gets_a_polite_404_page(string path)
    {
        var res = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
        Assert.Equal("text/html", res.Content.Headers.ContentType!.MediaType);
        var html = await res.Content.ReadAsStringAsync();
        Assert.Contains("未找到这个二维码", html);
        Assert.Contains("href=\"/\"", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("Exception", html);
    }

    [Fact]
    public async Task A_code_opens_only_the_page_of_its_own_kind()
    {
        var world = await CodeWorld.CreateAsync(app);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/p/r/{world.StationCode}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/p/s/{world.RepresentativeCode}")).StatusCode);
    }

    [Fact]
    public async Task A_code_typed_in_capitals_still_opens_the_page()
    {
        var world = await CodeWorld.CreateAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/p/s/{world.StationCode.ToUpperInvariant()}")).StatusCode);
    }

    [Fact]
    public async Task Staff_of_another_county_see_the_public_page_as_anyone_does()
    {
        var world = await CodeWorld.CreateAsync(app);
        await app.CreateUserAsync("qr-neighbour-page", CodeWorld.OtherCounty, Roles.CongressStaff);
        var neighbour = app.PageClient();
        await neighbour.SignInWithFormAsync("qr-neighbour-page");

        var html = await neighbour.GetStringAsync($"/p/s/{world.StationCode}");

        Assert.Contains(world.StationName, html);
        Assert.Contains(world.RepresentativeName, html);
    }

    [Fact]
    public async Task A_revoked_representative_is_listed_on_the_station_page_without_a_dead_link()
    {
        var world = await CodeWorld.CreateAsync(app);
        await app.CreateUserAsync("qr-staff-links", CodeWorld.County, Roles.CongressStaff);
        var staff = await app.SignedInAsync("qr-staff-links");
        await staff.PostAsJsonAsync($"/api/representatives/{world.RepresentativeId}/public-code/revoke", new { reason = "misused" });

        var html = await app.CreateClient().GetStringAsync($"/p/s/{world.StationCode}");

        Assert.Contains(world.RepresentativeName, html);
        Assert.DoesNotContain($"/p/r/{world.RepresentativeCode}", html);
    }

    [Fact]
    public async Task A_representative_who_has_left_the_station_is_not_listed()
    {
        var world = await CodeWorld.CreateAsync(app);
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Set<Renda.Modules.Stations.StationRepresentative>()
                .Where(x => x.StationId == world.StationId && x.RepresentativeId == world.OtherRepresentativeId).ExecuteDeleteAsync();
        }
        var html = await app.CreateClient().GetStringAsync($"/p/s/{world.StationCode}");
        Assert.DoesNotContain("王建华", html);
    }

    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)|1[3-9]\d\*{4}\d{4}")]
    private static partial Regex MobilePhone();

    [GeneratedRegex(@"(?<!\d)\d{6}(?:\d{8}|\*{8})\d{3}[\dXx](?!\d)")]
    private static partial Regex IdNumber();

    [GeneratedRegex(@"<[^>]*>|\s+")]
    private static partial Regex TagsAndSpaces();
}
