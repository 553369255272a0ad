using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Renda.IntegrationTests.Infrastructure;
using Renda.Platform.Auth;

namespace Renda.IntegrationTests.Opinions;

/// <summary>GET /api/opinions/hot-topics and the proposals made from a topic, on counties of their own
/// (the app's clock stands at 2026-03-02 01:00 UTC).</summary>
public sealed class HotTopicsApiTests(RendaApp app) : IClassFixture<RendaApp>
{
    public static readonly string[] Parking =
    [
        "阳光小区停车难，晚上下班回来根本找不到停车位，希望增加停车位。",
        "我们小区停车位太少，停车难问题越来越严重，很多车只能停在路边。",
        "建议在菜市场附近规划建设公共停车场，缓解周边小区停车难。",
        "老旧小区停车位严重不足，车辆乱停乱放，消防通道被占用，停车难亟待解决。",
        "小区里停车难，私家车越来越多，停车位远远不够，请求解决。",
    ];

    public const string StreetLight = "村口的路灯坏了好几个月，晚上出行很不安全，希望尽快修好。";

    public sealed record Seeded(StatsWorld World, long StationC, List<long> ParkingIds, long LightId, long OldId, long DeclinedId);

    /// <summary>Five parking opinions from three stations in two townships over the last three weeks, a street
    /// light and two other matters; a parking one 40 days old and a declined one.</summary>
    public static async Task<Seeded> SeedAsync(RendaApp app, string county)
    {
        var w = await new StatsWorld(app, county).CreateAsync();
        var c = await w.AddStationAsync("乙镇城南联络点", w.TownshipB);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var stations = new[] { (w.StationA, w.TownshipA), (w.StationA, w.TownshipA), (w.StationB, w.TownshipB), (c, w.TownshipB), (w.StationB, w.TownshipB) };
        var ids = new List<long>();
        for (var i = 0; i < Parking.Length; i++)
        {
            var (station, township) = stations[i];
            ids.Add(await w.AddAsync(now.AddDays(-20 + 4 * i), "submitted", o => o.StationId = station, township, Parking[i]));
        }
        var light = await w.AddAsync(now.AddDays(-3), "triaged", o => o.StationId = w.StationA, w.TownshipA, StreetLight);
        await w.AddAsync(now.AddDays(-5), "submitted", null, w.TownshipB, "学校门口上下学时段交通拥堵，建议增加交警疏导。");
        await w.AddAsync(now.AddDays(-6), "submitted", null, w.TownshipB, "河道里垃圾漂浮，水体发臭，希望环保部门清理整治。");
        var old = await w.AddAsync(now.AddDays(-40), "closed", o => o.StationId = w.StationA, w.TownshipA, "小区停车难，停车位不够，晚上没地方停车。");
        var declined = await w.AddAsync(now.AddDays(-2), "declined", o => o.StationId = w.StationA, w.TownshipA, "小区停车难，停车位太少了。");
        return new Seeded(w, c, ids, light, old, declined);
    }

    private static async Task<JsonElement> TopicsAsync(HttpClient http, string query = "")
    {
        var res = await http.GetAsync("/api/opinions/hot-topics" + query);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        return await res.JsonAsync();
    }

    [Fact]
    public async Task Five_parking_opinions_from_three_stations_make_one_hot_topic()
    {
        var s = await SeedAsync(app, "339701");
        var body = await TopicsAsync(await s.World.StaffAsync());

        Assert.Equal((30, 3, 8), (body.GetProperty("days").GetInt32(), body.GetProperty("minCount").GetInt32(), body.GetProperty("considered").GetInt32()));
        var topic = Assert.Single(body.GetProperty("topics").EnumerateArray());
        Assert.Equal(5, topic.GetProperty("count").GetInt32());
        Assert.Equal(s.ParkingIds.OrderDescending(), topic.GetProperty("opinionIds").EnumerateArray().Select(i => i.GetInt64()));
        Assert.Contains(topic.GetProperty("representativeId").GetInt64(), s.ParkingIds);
        Assert.Contains(topic.GetProperty("representativeText").GetString(), Parking);
        Assert.Contains("停车难", topic.GetProperty("keyPhrases").EnumerateArray().Select(p => p.GetString()));
        Assert.Contains("停车难", topic.GetProperty("title").GetString());
        var stations = topic.GetProperty("stations").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["甲镇人大代表联络站"] = 2, ["乙镇人大代表联络站"] = 2, ["乙镇城南联络点"] = 1 }, stations);
        var townships = topic.GetProperty("townships").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["乙镇"] = 3, ["甲镇"] = 2 }, townships);
        Assert.Equal(5, topic.GetProperty("opinions").GetArrayLength());
        Assert.DoesNotContain(s.LightId, topic.GetProperty("opinionIds").EnumerateArray().Select(i => i.GetInt64()));
    }

    [Fact]
    public async Task The_window_and_the_minimum_count_choose_what_shows()
    {
        var s = await SeedAsync(app, "339703");
        var http = await s.World.StaffAsync();

        Assert.Equal(0, (await TopicsAsync(http, "?minCount=6")).GetProperty("topics").GetArrayLength());
        var wider = Assert.Single((await TopicsAsync(http, "?days=60&minCount=6")).GetProperty("topics").EnumerateArray());
        Assert.Contains(s.OldId, wider.GetProperty("opinionIds").EnumerateArray().Select(i => i.GetInt64()));
        Assert.DoesNotContain(s.DeclinedId, wider.GetProperty("opinionIds").EnumerateArray().Select(i => i.GetInt64()));
        // The last ten days hold two parking opinions only: a pair is a topic at minCount=2, not at 3.
        Assert.Equal(0, (await TopicsAsync(http, "?days=10")).GetProperty("topics").GetArrayLength());
        Assert.Equal(2, Assert.Single((await TopicsAsync(http, "?days=10&minCount=2")).GetProperty("topics").EnumerateArray()).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task An_empty_county_has_no_topics_and_another_county_sees_none_of_these()
    {
        await SeedAsync(app, "339705");
        var other = await new StatsWorld(app, "339706").CreateAsync();
        var body = await TopicsAsync(await other.StaffAsync());
        Assert.Equal(0, body.GetProperty("considered").GetInt32());
        Assert.Equal(0, body.GetProperty("topics").GetArrayLength());
    }

    [Theory]
    [InlineData(31, "?days=0", "days")]
    [InlineData(32, "?days=367", "days")]
    [InlineData(33, "?days=abc", "days")]
    [InlineData(34, "?minCount=1", "minCount")]
    [InlineData(35, "?minCount=-3", "minCount")]
    public async Task Bad_parameters_are_refused_field_by_field(int county, string query, string field)
    {
        var http = await StaffOfAsync("3397" + county);
        var res = await http.GetAsync("/api/opinions/hot-topics" + query);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.True((await res.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Staff_turn_a_topic_into_a_proposed_supervision_topic_and_leaders_read_the_list()
    {
        var s = await SeedAsync(app, "339709");
        var staff = await s.World.StaffAsync();
        var topic = (await TopicsAsync(staff)).GetProperty("topics")[0];
        var ids = topic.GetProperty("opinionIds").EnumerateArray().Select(i => i.GetInt64()).ToList();

        var res = await staff.PostAsJsonAsync("/api/opinions/hot-topics/proposals", new
        {
            kind = "supervision", title = "<b>小区停车难</b>专题询问", summary = "五件意见反映老旧小区停车难。", opinionIds = ids.Append(ids[0]),
        });

        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var created = await res.JsonAsync();
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal($"/api/opinions/hot-topics/proposals/{id}", res.Headers.Location?.ToString());
        Assert.Equal(("supervision", "监督议题", "proposed", 5), (created.GetProperty("kind").GetString(), created.GetProperty("kindLabel").GetString(),
            created.GetProperty("status").GetString(), created.GetProperty("opinionCount").GetInt32()));
        Assert.Equal("<b>小区停车难</b>专题询问", created.GetProperty("title").GetString());
        Assert.Equal(ids.Order(), created.GetProperty("opinionIds").EnumerateArray().Select(i => i.GetInt64()));
        Assert.Equal((s.World.Staff, s.World.County), (created.GetProperty("createdBy").GetString(), created.GetProperty("jurisdictionCode").GetString()));

        var leader = await app.SignedInAsync(s.World.Leader);
        var list = await (await leader.GetAsync("/api/opinions/hot-topics/proposals")).JsonAsync();
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(id, list.GetProperty("items")[0].GetProperty("id").GetInt64());
        Assert.Equal(0, (await (await leader.GetAsync("/api/opinions/hot-topics/proposals?kind=livelihood_project")).JsonAsync()).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync("/api/opinions/hot-topics/proposals",
            new { kind = "supervision", title = "x", opinionIds = ids })).StatusCode);

        // Another county's staff see neither the proposal nor can they cite these opinions.
        var other = await new StatsWorld(app, "339710").CreateAsync();
        var otherStaff = await other.StaffAsync();
        Assert.Equal(0, (await (await otherStaff.GetAsync("/api/opinions/hot-topics/proposals")).JsonAsync()).GetProperty("total").GetInt32());
        var refused = await otherStaff.PostAsJsonAsync("/api/opinions/hot-topics/proposals", new { kind = "livelihood_project", title = "停车场", opinionIds = ids });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.JsonAsync()).GetProperty("errors").TryGetProperty("opinionIds", out _));
    }

    [Fact]
    public async Task A_bad_proposal_is_refused_field_by_field_and_nothing_is_written()
    {
        var http = await StaffOfAsync("339711");
        var res = await http.PostAsJsonAsync("/api/opinions/hot-topics/proposals", new
        {
            kind = "'; DROP TABLE proposed_topics; --", title = new string('停', 101), summary = new string('车', 2001), opinionIds = Array.Empty<long>(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var errors = (await res.JsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "kind", "title", "summary", "opinionIds" }) Assert.True(errors.TryGetProperty(field, out _), field);

        var unknown = await http.PostAsJsonAsync("/api/opinions/hot-topics/proposals", new { kind = "supervision", title = "  ", opinionIds = new[] { 987654321L } });
        var e2 = (await unknown.JsonAsync()).GetProperty("errors");
        Assert.True(e2.TryGetProperty("title", out _));
        Assert.Contains("987654321", e2.GetProperty("opinionIds")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("/api/opinions/hot-topics/proposals",
            new StringContent("{\"kind\": 5", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(0, (await (await http.GetAsync("/api/opinions/hot-topics/proposals")).JsonAsync()).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData(Roles.Representative)]
    [InlineData(Roles.HandlingUnit)]
    [InlineData(Roles.StationManager)]
    [InlineData(Roles.Auditor)]
    public async Task Only_staff_and_leaders_see_hot_topics(string role)
    {
        var user = "hot-" + role;
        await app.CreateUserAsync(user, "339799", role);
        var http = await app.SignedInAsync(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/api/opinions/hot-topics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/api/opinions/hot-topics/proposals")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/opinions/hot-topics")).StatusCode);
    }

    private async Task<HttpClient> StaffOfAsync(string county)
    {
        var w = await new StatsWorld(app, county).CreateAsync();
        return await w.StaffAsync();
    }
}
