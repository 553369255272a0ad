using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Congress;
using Renda.Modules.HandlingUnits;
using Renda.Modules.Representatives;
using Renda.Modules.Stations;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Demo;
using Renda.Platform.Jurisdictions;

namespace Renda.IntegrationTests.Demo;

public sealed class DemoCountyTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const string Anji = DemoSeeder.CountyCode;

    [Fact]
    public async Task The_demo_county_has_its_townships_congress_current_term_and_sessions()
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var townships = await db.Jurisdictions.Where(j => j.ParentCode == Anji).ToListAsync();
        Assert.True(townships.Count >= 10, $"{townships.Count} townships");
        Assert.All(townships, t => Assert.Equal(JurisdictionLevel.Township, t.Level));
        Assert.Contains(townships, t => t.Name == "递铺街道");
        Assert.Equal(["浙江省", "湖州市", "安吉县"],
            await db.Jurisdictions.Where(j => j.Code == "33" || j.Code == "3305" || j.Code == Anji).OrderBy(j => j.Code).Select(j => j.Name).ToListAsync());

        var congress = await db.Set<Congress>().Include(c => c.Terms).ThenInclude(t => t.Sessions).SingleAsync();
        Assert.Equal("安吉县人民代表大会", congress.Name);
        var current = Assert.Single(congress.Terms, t => t.IsCurrent);
        Assert.Equal("第十八届", current.Title);
        Assert.True(current.Covers(new DateOnly(2026, 11, 22)));
        Assert.True(current.Covers(DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime)));
        Assert.NotEmpty(current.Sessions);
        Assert.Equal("第一次会议", current.Sessions.OrderBy(s => s.Number).First().Title);
        Assert.All(current.Sessions, s => Assert.True(current.Covers(s.StartsOn) && s.StartsOn <= s.EndsOn));
    }

    [Fact]
    public async Task The_demo_county_has_300_representatives_in_groups_20_stations_and_15_units()
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var reps = await db.Set<Representative>().Include(r => r.DelegationGroup).Include(r => r.ProfessionalGroup).ToListAsync();
        Assert.True(reps.Count >= 300, $"{reps.Count} representatives");
        Assert.All(reps, r =>
        {
            Assert.StartsWith(Anji, r.JurisdictionCode);
            Assert.Equal(r.JurisdictionCode, r.DelegationGroup!.JurisdictionCode);
            Assert.NotNull(r.ProfessionalGroup);
            Assert.Matches("^[0-9a-z]{12}$", r.PublicCode);
        });
        Assert.Equal(reps.Count, reps.Select(r => r.PublicCode).Distinct().Count());
        Assert.Equal(ProfessionalGroup.Standard.Order(), reps.Select(r => r.ProfessionalGroup!.Name).Distinct().Order());
        Assert.Contains(reps, r => r.Ethnicity == "畲族");
        Assert.Contains(reps, r => r.Gender == Gender.Female);
        Assert.True(await db.Set<DelegationGroup>().CountAsync() >= 10);

        var stations = await db.Set<Station>().Include(s => s.Representatives).ThenInclude(x => x.Representative).ToListAsync();
        Assert.True(stations.Count >= 20, $"{stations.Count} stations");
        Assert.Contains(stations, s => s.Kind == StationKind.Home);
        Assert.Contains(stations, s => s.Kind == StationKind.Point);
        Assert.All(stations, s =>
        {
            Assert.InRange(s.Representatives.Count, 3, 8);
            Assert.InRange(s.Grade, 1, 5);
            Assert.StartsWith("浙江省湖州市安吉县", s.Address);
            // Representatives are assigned near where they serve: the station's township.
            Assert.All(s.Representatives, x => Assert.StartsWith(x.Representative!.JurisdictionCode, s.JurisdictionCode));
        });

        var units = await db.Set<HandlingUnit>().ToListAsync();
        Assert.True(units.Count >= 15, $"{units.Count} units");
        Assert.Contains(units, u => u.Name == "安吉县住房和城乡建设局" && u.Kind == HandlingUnitKind.Department);
        Assert.Contains(units, u => u.Name == "湖州市生态环境局安吉分局");
        Assert.Contains(units, u => u.Kind == HandlingUnitKind.TownshipGovernment);
    }

    [Fact]
    public async Task The_neighbouring_county_is_set_up_without_people()
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.Equal("长兴县", (await db.Jurisdictions.FindAsync(DemoSeeder.NeighbourCode))!.Name);
        Assert.True(await db.Jurisdictions.CountAsync(j => j.ParentCode == DemoSeeder.NeighbourCode) >= 10);
        Assert.False(await db.Set<Representative>().AnyAsync(r => r.JurisdictionCode.StartsWith(DemoSeeder.NeighbourCode)));
        Assert.False(await db.Users.AnyAsync(u => u.JurisdictionCode.StartsWith(DemoSeeder.NeighbourCode) && u.UserName!.StartsWith("demo-")));
    }

    [Theory]
    [InlineData("demo-admin", Roles.SystemAdmin)]
    [InlineData("demo-security", Roles.SecurityAdmin)]
    [InlineData("demo-auditor", Roles.Auditor)]
    [InlineData("demo-staff", Roles.CongressStaff)]
    [InlineData("demo-unit", Roles.HandlingUnit)]
    [InlineData("demo-rep", Roles.Representative)]
    [InlineData("demo-station", Roles.StationManager)]
    [InlineData("demo-leader", Roles.Leader)]
    public async Task Each_demo_account_signs_in_with_the_demo_password_and_holds_its_role(string userName, string role)
    {
        var http = await app.SignedInAsync(userName, RendaApp.DemoPassword);

        var me = await (await http.GetAsync("/api/me")).JsonAsync();

        Assert.Equal([role], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(Anji, me.GetProperty("jurisdictionCode").GetString());
        Assert.False(me.GetProperty("mustChangePassword").GetBoolean());
        var displayName = me.GetProperty("displayName").GetString()!;
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", displayName);
    }

    [Fact]
    public async Task Demo_accounts_are_linked_to_their_unit_representative_and_station()
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unit = await db.Set<HandlingUnit>().SingleAsync(u => u.Name == "安吉县住房和城乡建设局");

        var unitMe = await (await (await app.SignedInAsync("demo-unit", RendaApp.DemoPassword)).GetAsync("/api/me")).JsonAsync();
        var repMe = await (await (await app.SignedInAsync("demo-rep", RendaApp.DemoPassword)).GetAsync("/api/me")).JsonAsync();
        var stationMe = await (await (await app.SignedInAsync("demo-station", RendaApp.DemoPassword)).GetAsync("/api/me")).JsonAsync();

        Assert.Equal(unit.Id, unitMe.GetProperty("unitId").GetInt64());
        var rep = await db.Set<Representative>().FindAsync(repMe.GetProperty("representativeId").GetInt64());
        Assert.Equal(rep!.Name, repMe.GetProperty("displayName").GetString());
        var stationId = stationMe.GetProperty("stationId").GetInt64();
        Assert.True(await db.Set<StationRepresentative>().AnyAsync(x => x.StationId == stationId && x.RepresentativeId == rep.Id),
            "demo-rep serves at demo-station's station");
    }

    [Fact]
    public async Task A_wrong_password_does_not_open_a_demo_account()
    {
        var res = await app.CreateClient().LoginAsync("demo-staff", RendaApp.DemoPassword + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, res.StatusCode);
    }

    [Fact]
    public async Task Running_the_seeder_again_adds_nothing()
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        async Task<(int, int, int, int, int)> Counts() => (
            await db.Set<Representative>().CountAsync(), await db.Set<Station>().CountAsync(), await db.Jurisdictions.CountAsync(),
            await db.Users.CountAsync(), await db.AuditEntries.CountAsync(e => e.Actor == DemoSeeder.Actor));
        var before = await Counts();

        var loaded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();

        Assert.False(loaded);
        Assert.Equal(before, await Counts());
        Assert.Equal(1, await db.Set<DemoLoad>().CountAsync());
    }

    [Fact]
    public async Task The_load_is_audited_without_personal_information()
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var names = await db.Set<Representative>().OrderBy(r => r.Id).Take(50).Select(r => r.Name).ToListAsync();
        var created = await db.AuditEntries.Where(e => e.Actor == DemoSeeder.Actor && e.EntityType == nameof(Representative)).ToListAsync();

        Assert.Equal(await db.Set<Representative>().CountAsync(), created.Count);
        Assert.All(created, e => Assert.DoesNotContain(names, n => e.Summary.Contains(n, StringComparison.Ordinal)));
        Assert.Equal(DemoSeeder.Accounts.Count,
            await db.AuditEntries.CountAsync(e => e.Actor == DemoSeeder.Actor && e.Action == Platform.Audit.AuditActions.RoleGranted));
    }

    [Fact]
    public async Task Two_loads_give_the_same_county()
    {
        using var other = new DemoApp();
        _ = other.Server; // starts it, which loads the demo into its own database

        Assert.Equal(await Roster(app), await Roster(other));
        Assert.Equal(await Stations(app), await Stations(other));

        static async Task<List<string>> Roster(RendaApp a)
        {
            await using var scope = a.Scope();
            return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Representative>()
                .OrderBy(r => r.Id).Take(20).Select(r => r.Name + "|" + r.Occupation + "|" + r.Employer).ToListAsync();
        }

        static async Task<List<string>> Stations(RendaApp a)
        {
            await using var scope = a.Scope();
            return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Station>()
                .OrderBy(s => s.Id).Select(s => s.Name + "|" + s.Address).ToListAsync();
        }
    }
}
