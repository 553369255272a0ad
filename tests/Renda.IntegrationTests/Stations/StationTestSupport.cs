using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Congress;
using Renda.Modules.Representatives;
using Renda.Platform.Auth;
using Renda.Platform.Data;

namespace Renda.IntegrationTests.Stations;

/// <summary>The station and archive tests share one demo county (seeding it is the slow part); each test
/// makes the stations and representatives whose numbers it asserts, so the tests do not depend on each other.</summary>
[CollectionDefinition(Name)]
public sealed class StationsCollection : ICollectionFixture<DemoApp>
{
    public const string Name = "stations and archive on the demo county";
}

public static class StationTestSupport
{
    public const string Anji = "330523";
    public const string Dipu = "330523001";      // 递铺街道: station 1 (demo-station's) stands here
    public const string Xiaofeng = "330523105";  // 孝丰镇
    public const string Neighbour = "330522";    // 长兴县

    public static Task<HttpClient> StaffAsync(this RendaApp app) => app.SignedInAsync("demo-staff", RendaApp.DemoPassword);

    /// <summary>Creates a station through the API as demo-staff and returns its id.</summary>
    public static async Task<long> NewStationAsync(this RendaApp app, string name, string jurisdiction = Dipu, string kind = "point", int grade = 3)
    {
        var staff = await app.StaffAsync();
        var res = await staff.PostAsJsonAsync("/api/stations", new { name, kind, jurisdictionCode = jurisdiction, address = "安吉县测试路 1 号", grade });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return (await res.JsonAsync()).GetProperty("id").GetInt64();
    }

    /// <summary>A representative of the current term in the township, assigned nowhere.</summary>
    public static async Task<long> NewRepresentativeAsync(this RendaApp app, string name, string jurisdiction = Dipu)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var term = await db.Set<Term>().SingleAsync(t => t.IsCurrent);
        var township = jurisdiction[..9];
        var group = await db.Set<DelegationGroup>().SingleAsync(g => g.JurisdictionCode == township && g.TermId == term.Id);
        var rep = new Representative
        {
            TermId = term.Id, JurisdictionCode = jurisdiction, Name = name, Gender = Gender.Female, Ethnicity = "汉族",
            BirthDate = new DateOnly(1980, 5, 1), Occupation = "教师", Employer = "安吉县测试小学", Constituency = "测试选区",
            DelegationGroupId = group.Id, PublicCode = Renda.Modules.Representatives.PublicCodes.New(),
        };
        db.Add(rep);
        await db.SaveChangesAsync();
        return rep.Id;
    }

    /// <summary>A station_manager account in the county, tied to a station by its StationId (or to none).</summary>
    public static async Task<HttpClient> ManagerAsync(this RendaApp app, string userName, long? stationId)
    {
        var user = await app.CreateUserAsync(userName, Anji, Roles.StationManager);
        if (stationId is not null)
        {
            await using var scope = app.Scope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var u = await users.FindByNameAsync(user.UserName!);
            u!.StationId = stationId;
            await users.UpdateAsync(u);
        }
        return await app.SignedInAsync(userName);
    }

    public static async Task<int> CountAsync<T>(this RendaApp app, System.Linq.Expressions.Expression<Func<T, bool>>? where = null) where T : class
    {
        await using var scope = app.Scope();
        var set = scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<T>();
        return where is null ? await set.CountAsync() : await set.CountAsync(where);
    }

    public static async Task<JsonElement> OkJsonAsync(this HttpClient http, string url)
    {
        var res = await http.GetAsync(url);
        Assert.True(res.StatusCode == HttpStatusCode.OK, $"{url}: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        return await res.JsonAsync();
    }

    /// <summary>Asserts a 400 problem naming each field.</summary>
    public static async Task AssertInvalidAsync(HttpResponseMessage res, params string[] fields)
    {
        var body = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == HttpStatusCode.BadRequest, $"{(int)res.StatusCode} {body}");
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        foreach (var f in fields) Assert.True(errors.TryGetProperty(f, out _), $"no error for {f} in {body}");
    }
}

/// <summary>An acting user for calling use cases directly.</summary>
public sealed class ActingUser(string name, string scope, params string[] roles) : ICurrentUser
{
    public string? UserId => "test-" + name;
    public string? UserName => name;
    public IReadOnlyList<string> Roles => roles;
    public string? ScopeCode => scope;
    public string? ClientIp => null;
    public long? UnitId => null;
    public long? RepresentativeId => null;
    public long? StationId => null;
    public bool IsInRole(string role) => roles.Contains(role);
}
