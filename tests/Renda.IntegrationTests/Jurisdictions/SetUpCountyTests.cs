using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Jurisdictions;

namespace Renda.IntegrationTests.Jurisdictions;

/// <summary>Setting up a real county from the national list: who may, what appears, and that doing
/// it twice changes nothing.</summary>
public sealed class SetUpCountyTests(RendaApp app) : IClassFixture<RendaApp>
{
    private static Task<HttpResponseMessage> SetUp(HttpClient http, object body) =>
        http.PostAsJsonAsync("/api/admin/jurisdictions/setup", body);

    private async Task<HttpClient> AdminOf(string userName, string code)
    {
        await app.CreateUserAsync(userName, code, Roles.SystemAdmin);
        return await app.SignedInAsync(userName);
    }

    private async Task<List<Jurisdiction>> RowsUnder(string code)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Jurisdictions
            .Where(j => j.Code.StartsWith(code)).OrderBy(j => j.Code).ToListAsync();
    }

    [Fact]
    public async Task An_admin_of_the_province_sets_up_a_county_with_the_townships_of_the_national_list()
    {
        var admin = await AdminOf("zj-admin", "33");
        var catalog = app.Services.GetRequiredService<DivisionCatalog>();

        var res = await SetUp(admin, new { code = "330522", includeVillages = false });

        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var body = await res.JsonAsync();
        Assert.Equal("长兴县", body.GetProperty("name").GetString());
        Assert.Equal("浙江省 湖州市 长兴县", body.GetProperty("path").GetString());
        var townships = catalog.Children("330522");
        Assert.Equal(townships.Count, body.GetProperty("townships").GetInt32());
        var rows = await RowsUnder("330522");
        Assert.Equal(townships.Select(t => (t.Code, t.Name)), rows.Where(r => r.Level == JurisdictionLevel.Township).Select(r => (r.Code, r.Name)));
        Assert.Contains(rows, r => r.Name == "雉城街道" && r.ParentCode == "330522");
        Assert.DoesNotContain(rows, r => r.Level == JurisdictionLevel.Village);

        // The tree API shows them to the admin.
        var tree = await (await admin.GetAsync("/api/jurisdictions?parent=330522")).JsonAsync();
        Assert.Equal(townships.Count, tree.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Setting_up_twice_adds_and_changes_nothing()
    {
        var admin = await AdminOf("zj-admin-twice", "33");

        var first = await (await SetUp(admin, new { code = "330502" })).JsonAsync();
        var rowsAfterFirst = await RowsUnder("330502");
        var second = await (await SetUp(admin, new { code = "330502" })).JsonAsync();

        Assert.True(first.GetProperty("created").GetInt32() > 5);
        Assert.Equal(0, second.GetProperty("created").GetInt32());
        Assert.Equal(0, second.GetProperty("updated").GetInt32());
        Assert.Equal(rowsAfterFirst.Select(r => r.Code), (await RowsUnder("330502")).Select(r => r.Code));
    }

    [Fact]
    public async Task Villages_come_when_asked_with_their_place_names()
    {
        var admin = await AdminOf("zj-admin-villages", "33");

        var res = await SetUp(admin, new { code = "330521", includeVillages = true });

        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var body = await res.JsonAsync();
        var villages = (await RowsUnder("330521")).Where(r => r.Level == JurisdictionLevel.Village).ToList();
        Assert.True(villages.Count > 50, $"{villages.Count} villages");
        Assert.Equal(villages.Count, body.GetProperty("villages").GetInt32());
        Assert.All(villages, v =>
        {
            Assert.Equal(12, v.Code.Length);
            Assert.Equal(v.Code[..9], v.ParentCode);
            Assert.DoesNotContain("委会", v.Name);
            Assert.DoesNotContain("委员会", v.Name);
        });
    }

    [Fact]
    public async Task An_admin_of_one_county_may_not_set_up_the_neighbouring_county()
    {
        var admin = await AdminOf("aj-admin", "330523");

        var res = await SetUp(admin, new { code = "330522" });
        var other = await SetUp(admin, new { code = "330503" });

        Assert.Equal(HttpStatusCode.Forbidden, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        Assert.Contains("outside-jurisdiction", await res.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Empty(await RowsUnder("330503"));
    }

    [Fact]
    public async Task Only_a_system_admin_may_set_up()
    {
        await app.CreateUserAsync("zj-staff", "33", Roles.CongressStaff);
        var staff = await app.SignedInAsync("zj-staff");

        Assert.Equal(HttpStatusCode.Forbidden, (await SetUp(staff, new { code = "330521" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/jurisdictions/catalog")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SetUp(app.CreateClient(), new { code = "330521" })).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("3305")]
    [InlineData("33052")]
    [InlineData("3305230")]
    [InlineData("330523001")]
    [InlineData("abcdef")]
    [InlineData("33052２")]
    [InlineData("<script>")]
    [InlineData("330522' OR '1'='1")]
    [InlineData("999999")]
    [InlineData("330500")]
    public async Task A_bad_code_is_400_with_an_error_on_code(string code)
    {
        var admin = await app.SignedInAsync(await EnsureAdmin());

        var res = await SetUp(admin, new { code, includeVillages = false });

        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        var errors = (await res.JsonAsync()).GetProperty("errors");
        Assert.Equal(JsonValueKind.Array, errors.GetProperty("code").ValueKind);
    }

    [Fact]
    public async Task A_missing_or_mistyped_body_is_400()
    {
        var admin = await app.SignedInAsync(await EnsureAdmin());

        var noCode = await SetUp(admin, new { includeVillages = true });
        var wrongType = await admin.PostAsync("/api/admin/jurisdictions/setup",
            new StringContent("{\"code\": 330522, \"includeVillages\": \"yes\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, noCode.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
    }

    [Fact]
    public async Task The_catalog_lists_the_national_list_for_the_admin_ui()
    {
        var admin = await app.SignedInAsync(await EnsureAdmin());

        var provinces = await (await admin.GetAsync("/api/jurisdictions/catalog")).JsonAsync();
        var huzhou = await (await admin.GetAsync("/api/jurisdictions/catalog?parent=3305")).JsonAsync();
        var search = await (await admin.GetAsync("/api/jurisdictions/catalog?q=" + Uri.EscapeDataString("安吉"))).JsonAsync();
        var bad = await admin.GetAsync("/api/jurisdictions/catalog?parent=33x");
        var unknown = await admin.GetAsync("/api/jurisdictions/catalog?parent=9999");

        Assert.Equal(31, provinces.GetProperty("total").GetInt32());
        var anji = huzhou.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "330523");
        Assert.Equal("安吉县", anji.GetProperty("name").GetString());
        Assert.Equal("county", anji.GetProperty("level").GetString());
        Assert.True(anji.GetProperty("canSetUp").GetBoolean());
        Assert.Contains(search.GetProperty("items").EnumerateArray(), c => c.GetProperty("path").GetString() == "浙江省 湖州市 安吉县");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_admin_page_lists_the_counties_of_a_city_and_refuses_other_roles()
    {
        var admin = await app.SignedInAsync(await EnsureAdmin());
        await app.CreateUserAsync("zj-page-staff", "33", Roles.CongressStaff);
        var staff = await app.SignedInAsync("zj-page-staff");

        var page = await admin.GetAsync("/admin/jurisdictions?province=33&city=3305");
        var refused = await staff.GetAsync("/admin/jurisdictions");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("浙江省 湖州市 安吉县", html);
        Assert.Contains("name=\"code\" value=\"330523\"", html);
        Assert.Contains("__RequestVerificationToken", html);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    private async Task<string> EnsureAdmin()
    {
        const string name = "zj-admin-shared";
        await using (var scope = app.Scope())
            if (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.AnyAsync(u => u.UserName == name)) return name;
        await app.CreateUserAsync(name, "33", Roles.SystemAdmin);
        return name;
    }
}
