using System.Net;
using System.Net.Http.Json;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Stations;
using static Renda.IntegrationTests.Stations.StationTestSupport;

namespace Renda.IntegrationTests.Stations;

[Collection(StationsCollection.Name)]
public sealed class StationsApiTests(DemoApp app)
{
    [Fact]
    public async Task Staff_create_a_station_with_its_rules_and_read_it_back_in_the_list_and_the_detail()
    {
        var staff = await app.StaffAsync();
        var res = await staff.PostAsJsonAsync("/api/stations", new
        {
            name = "上舍村代表联络点", kind = "point", jurisdictionCode = Dipu, address = "递铺街道上舍村文化礼堂", grade = 4,
            managerUserName = "demo-station", contactName = "沈丽",
            openingRules = new[] { new { rule = "door_open", met = true, note = "工作日开放" }, new { rule = "voters_visit", met = false, note = "" } },
        });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var id = (await res.JsonAsync()).GetProperty("id").GetInt64();
        Assert.Equal($"/api/stations/{id}", res.Headers.Location?.OriginalString);

        var s = await staff.OkJsonAsync($"/api/stations/{id}");
        Assert.Equal("上舍村代表联络点", s.GetProperty("name").GetString());
        Assert.Equal("point", s.GetProperty("kind").GetString());
        Assert.Equal("联络点", s.GetProperty("kindLabel").GetString());
        Assert.Equal("四星级", s.GetProperty("gradeLabel").GetString());
        Assert.Equal("递铺街道", s.GetProperty("jurisdictionName").GetString());
        Assert.Equal("demo-station", s.GetProperty("manager").GetProperty("userName").GetString());
        Assert.Matches("^[0-9a-z]{12}$", s.GetProperty("publicCode").GetString());
        var rules = s.GetProperty("openingRules").EnumerateArray().ToList();
        Assert.Equal(["door_open", "representatives_resident", "voters_visit", "activities_regular"], rules.Select(r => r.GetProperty("rule").GetString()));
        Assert.True(rules[0].GetProperty("met").GetBoolean());
        Assert.Equal("工作日开放", rules[0].GetProperty("note").GetString());
        Assert.False(rules[2].GetProperty("met").GetBoolean());
        Assert.True(s.GetProperty("canEdit").GetBoolean());

        var list = await staff.OkJsonAsync("/api/stations?q=" + Uri.EscapeDataString("上舍村") + "&kind=point&grade=4&township=" + Dipu);
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(id, item.GetProperty("id").GetInt64());
        Assert.Equal(s.GetProperty("publicCode").GetString(), item.GetProperty("publicCode").GetString());
        Assert.Equal(1, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_list_filters_by_kind_grade_and_township()
    {
        var staff = await app.StaffAsync();
        var homes = await staff.OkJsonAsync("/api/stations?kind=home&pageSize=200");
        var fiveStar = await staff.OkJsonAsync("/api/stations?grade=5&pageSize=200");
        var xiaofeng = await staff.OkJsonAsync("/api/stations?township=" + Xiaofeng + "&pageSize=200");

        Assert.NotEmpty(homes.GetProperty("items").EnumerateArray());
        Assert.All(homes.GetProperty("items").EnumerateArray(), s => Assert.Equal("home", s.GetProperty("kind").GetString()));
        Assert.All(fiveStar.GetProperty("items").EnumerateArray(), s => Assert.Equal(5, s.GetProperty("grade").GetInt32()));
        Assert.NotEmpty(xiaofeng.GetProperty("items").EnumerateArray());
        Assert.All(xiaofeng.GetProperty("items").EnumerateArray(), s => Assert.StartsWith(Xiaofeng, s.GetProperty("jurisdictionCode").GetString()));
        var all = (await staff.OkJsonAsync("/api/stations")).GetProperty("total").GetInt32();
        Assert.True(homes.GetProperty("total").GetInt32() < all);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_each_field_and_creates_nothing()
    {
        var staff = await app.StaffAsync();
        var before = await app.CountAsync<Station>();

        var res = await staff.PostAsJsonAsync("/api/stations", new
        {
            name = "  ", kind = "castle", jurisdictionCode = "330522001", address = new string('路', 201), grade = 9,
            managerUserName = "nobody-here", openingRules = new[] { new { rule = "always_sunny", met = true, note = "" } },
        });

        await AssertInvalidAsync(res, "name", "kind", "jurisdictionCode", "address", "grade", "managerUserName", "openingRules");
        Assert.Equal(before, await app.CountAsync<Station>());
        await AssertInvalidAsync(await staff.PostAsJsonAsync("/api/stations", new { name = "甲", kind = "home", jurisdictionCode = "33052300", address = "乙", grade = 0 }),
            "jurisdictionCode", "grade");
        await AssertInvalidAsync(await staff.GetAsync("/api/stations?grade=9&kind=castle&township=abc"), "grade", "kind", "township");
        // A manager must hold station_manager: demo-staff does not.
        await AssertInvalidAsync(await staff.PostAsJsonAsync("/api/stations", new { name = "甲", kind = "home", jurisdictionCode = Dipu, address = "乙", grade = 3, managerUserName = "demo-staff" }),
            "managerUserName");
        Assert.Equal(before, await app.CountAsync<Station>());
    }

    [Fact]
    public async Task A_malformed_body_is_a_400_problem()
    {
        var staff = await app.StaffAsync();
        var res = await staff.PostAsync("/api/stations", new StringContent("{\"name\": \"甲\", \"grade\": \"五星\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Script_tags_are_stored_as_typed_and_encoded_on_the_page()
    {
        const string name = "<script>alert('x')</script>联络点";
        var id = await app.NewStationAsync(name);
        var staff = await app.StaffAsync();

        Assert.Equal(name, (await staff.OkJsonAsync($"/api/stations/{id}")).GetProperty("name").GetString());

        var browser = app.PageClient();
        await browser.SignInWithFormAsync("demo-staff", RendaApp.DemoPassword);
        var html = await browser.GetStringAsync($"/stations/{id}");
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;联络点", html);
        Assert.DoesNotContain("<script>alert", html);
    }

    [Fact]
    public async Task An_update_needs_the_current_version_and_a_stale_one_changes_nothing()
    {
        var id = await app.NewStationAsync("版本测试联络点");
        var staff = await app.StaffAsync();
        var version = (await staff.OkJsonAsync($"/api/stations/{id}")).GetProperty("version").GetInt64();

        var ok = await staff.PutAsJsonAsync($"/api/stations/{id}", new { address = "新地址 8 号", grade = 5, version });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var after = await ok.JsonAsync();
        Assert.Equal("新地址 8 号", after.GetProperty("address").GetString());
        Assert.Equal(5, after.GetProperty("grade").GetInt32());
        Assert.Equal(version + 1, after.GetProperty("version").GetInt64());

        var stale = await staff.PutAsJsonAsync($"/api/stations/{id}", new { address = "旧版本覆盖", version });
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("新地址 8 号", (await staff.OkJsonAsync($"/api/stations/{id}")).GetProperty("address").GetString());

        await AssertInvalidAsync(await staff.PutAsJsonAsync($"/api/stations/{id}", new { address = "无版本" }), "version");
        await AssertInvalidAsync(await staff.PutAsJsonAsync($"/api/stations/{id}", new { jurisdictionCode = Xiaofeng, version = version + 1 }), "jurisdictionCode");
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PutAsJsonAsync("/api/stations/999999", new { version = 0 })).StatusCode);
    }
}
