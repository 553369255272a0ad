using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Representatives;
using Renda.Platform.Auth;
using Renda.Platform.Data;

namespace Renda.IntegrationTests.Jurisdictions;

/// <summary>The roster lists are scoped by the one global filter: a neighbouring county sees
/// nothing, a township sees its own.</summary>
public sealed class ScopingTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static async Task<JsonElement> List(HttpClient http, string url)
    {
        var res = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        return await res.JsonAsync();
    }

    private static int Total(JsonElement list) => list.GetProperty("total").GetInt32();

    [Fact]
    public async Task Staff_of_the_neighbouring_county_see_none_of_the_demo_county()
    {
        await app.CreateUserAsync("cx-staff", "330522", Roles.CongressStaff);
        var neighbour = await app.SignedInAsync("cx-staff");
        var demo = await app.SignedInAsync("demo-staff", RendaApp.DemoPassword);

        foreach (var url in new[] { "/api/representatives", "/api/stations", "/api/handling-units" })
        {
            var seen = await List(neighbour, url);
            Assert.Equal(0, Total(seen));
            Assert.Empty(seen.GetProperty("items").EnumerateArray());
        }
        Assert.True(Total(await List(demo, "/api/representatives")) >= 300);
        Assert.True(Total(await List(demo, "/api/stations")) >= 20);
        Assert.True(Total(await List(demo, "/api/handling-units")) >= 15);
    }

    [Fact]
    public async Task Staff_of_one_township_see_only_its_representatives()
    {
        const string township = "330523105"; // 孝丰镇
        await app.CreateUserAsync("xf-staff", township, Roles.CongressStaff);
        var http = await app.SignedInAsync("xf-staff");
        int expected;
        await using (var scope = app.Scope())
            expected = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Representative>()
                .CountAsync(r => r.JurisdictionCode.StartsWith(township));

        var list = await List(http, "/api/representatives?pageSize=200");

        Assert.InRange(expected, 1, 299);
        Assert.Equal(expected, Total(list));
        Assert.All(list.GetProperty("items").EnumerateArray(), r =>
        {
            Assert.StartsWith(township, r.GetProperty("jurisdictionCode").GetString());
            Assert.Equal("孝丰镇代表小组", r.GetProperty("delegationGroup").GetString());
        });
        var stations = await List(http, "/api/stations");
        Assert.True(Total(stations) >= 1);
        Assert.All(stations.GetProperty("items").EnumerateArray(), s => Assert.StartsWith(township, s.GetProperty("jurisdictionCode").GetString()));
    }

    [Fact]
    public async Task The_lists_have_the_one_list_shape_and_the_fields_clients_rely_on()
    {
        var http = await app.SignedInAsync("demo-staff", RendaApp.DemoPassword);

        var reps = await List(http, "/api/representatives?page=2&pageSize=5");
        var stations = await List(http, "/api/stations?pageSize=3");
        var units = await List(http, "/api/handling-units?pageSize=50");

        Assert.Equal(2, reps.GetProperty("page").GetInt32());
        Assert.Equal(5, reps.GetProperty("pageSize").GetInt32());
        var rep = reps.GetProperty("items")[0];
        Assert.Equal(6, rep.GetProperty("id").GetInt64());
        Assert.Matches("^[0-9a-z]{12}$", rep.GetProperty("publicCode").GetString());
        Assert.EndsWith("代表小组", rep.GetProperty("delegationGroup").GetString());
        Assert.Contains(rep.GetProperty("professionalGroup").GetString(), ProfessionalGroup.Standard);
        var station = stations.GetProperty("items")[0];
        Assert.Contains(station.GetProperty("kind").GetString(), new[] { "home", "station", "point" });
        Assert.InRange(station.GetProperty("grade").GetInt32(), 1, 5);
        Assert.False(string.IsNullOrEmpty(station.GetProperty("address").GetString()));
        Assert.Matches("^[0-9a-z]{12}$", station.GetProperty("publicCode").GetString());
        Assert.Contains(units.GetProperty("items").EnumerateArray(),
            u => u.GetProperty("name").GetString() == "安吉县住房和城乡建设局" && u.GetProperty("kind").GetString() == "department");
        Assert.DoesNotContain("birthDate", reps.ToString());
    }

    [Fact]
    public async Task Q_finds_by_name_and_a_too_long_q_is_400()
    {
        var http = await app.SignedInAsync("demo-staff", RendaApp.DemoPassword);
        var first = (await List(http, "/api/representatives?pageSize=1")).GetProperty("items")[0];
        var name = first.GetProperty("name").GetString()!;

        var found = await List(http, "/api/representatives?q=" + Uri.EscapeDataString(name));
        var stations = await List(http, "/api/stations?q=" + Uri.EscapeDataString("递铺街道"));
        var units = await List(http, "/api/handling-units?q=" + Uri.EscapeDataString("住房"));
        var none = await List(http, "/api/representatives?q=" + Uri.EscapeDataString("' OR 1=1 --"));
        var tooLong = await http.GetAsync("/api/representatives?q=" + new string('长', 51));

        Assert.Contains(found.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetInt64() == first.GetProperty("id").GetInt64());
        Assert.All(found.GetProperty("items").EnumerateArray(), r => Assert.Contains(name, r.GetProperty("name").GetString()));
        Assert.True(Total(stations) >= 1);
        Assert.Equal(1, Total(units));
        Assert.Equal(0, Total(none));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("application/problem+json", tooLong.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_auditor_and_anonymous_callers_cannot_read_the_roster()
    {
        var auditor = await app.SignedInAsync("demo-auditor", RendaApp.DemoPassword);
        var anonymous = app.CreateClient();

        foreach (var url in new[] { "/api/representatives", "/api/stations", "/api/handling-units" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task The_jurisdiction_tree_shows_a_user_the_path_to_their_own_node_and_below_only()
    {
        await app.CreateUserAsync("cx-tree", "330522", Roles.CongressStaff);
        var neighbour = await app.SignedInAsync("cx-tree");
        var demo = await app.SignedInAsync("demo-staff", RendaApp.DemoPassword);

        var city = await List(neighbour, "/api/jurisdictions?parent=3305");
        var anjiFromNeighbour = await neighbour.GetAsync("/api/jurisdictions?parent=330523");
        var anji = await List(demo, "/api/jurisdictions?parent=330523");
        var roots = await List(demo, "/api/jurisdictions");

        Assert.Equal(["330522"], city.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, anjiFromNeighbour.StatusCode);
        Assert.Equal(15, Total(anji));
        var dipu = anji.GetProperty("items").EnumerateArray().Single(j => j.GetProperty("name").GetString() == "递铺街道");
        Assert.Equal("township", dipu.GetProperty("level").GetString());
        Assert.True(dipu.GetProperty("childCount").GetInt32() > 10, "the demo county's villages are set up");
        Assert.Equal("浙江省", Assert.Single(roots.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await demo.GetAsync("/api/jurisdictions?parent=33x")).StatusCode);
    }
}
