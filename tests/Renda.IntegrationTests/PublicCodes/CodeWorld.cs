using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Congress;
using Renda.Modules.Representatives;
using Renda.Modules.Stations;
using Renda.Platform.Data;
using Renda.Platform.Jurisdictions;

namespace Renda.IntegrationTests.PublicCodes;

/// <summary>A station with its representatives in one township of a county, arranged directly in the
/// database (as the roster and stations modules would have created them).</summary>
public sealed record CodeWorld(long StationId, string StationCode, string StationName, long RepresentativeId,
    string RepresentativeCode, string RepresentativeName, long OtherRepresentativeId)
{
    public const string County = "330523";
    public const string Township = "330523001";
    public const string OtherCounty = "330522";

    public static async Task<CodeWorld> CreateAsync(RendaApp app, string stationName = "递铺街道代表联络站",
        string representativeName = "沈晓燕", string county = County, string township = Township)
    {
        await app.EnsureJurisdictionAsync(township, "递铺街道");
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var congress = db.Set<Congress>().Local.FirstOrDefault(c => c.JurisdictionCode == county)
            ?? db.Set<Congress>().FirstOrDefault(c => c.JurisdictionCode == county);
        if (congress is null)
        {
            congress = new Congress { JurisdictionCode = county, Name = "安吉县人民代表大会", Level = JurisdictionLevel.County };
            congress.Terms.Add(new Term
            {
                JurisdictionCode = county, Number = 18, StartsOn = new DateOnly(2022, 1, 1), EndsOn = new DateOnly(2026, 12, 31), IsCurrent = true,
            });
            db.Add(congress);
            await db.SaveChangesAsync();
        }
        var term = db.Set<Term>().First(t => t.CongressId == congress.Id);
        var group = new DelegationGroup { TermId = term.Id, JurisdictionCode = township, Name = "递铺街道代表小组 " + Guid.NewGuid().ToString("N")[..6] };
        var professional = new ProfessionalGroup { TermId = term.Id, JurisdictionCode = county, Name = "城市建设 " + Guid.NewGuid().ToString("N")[..6] };
        db.AddRange(group, professional);
        await db.SaveChangesAsync();

        Representative Rep(string name) => new()
        {
            TermId = term.Id, JurisdictionCode = township, Name = name, Gender = Gender.Female, Ethnicity = "汉族",
            BirthDate = new DateOnly(1979, 4, 23), Occupation = "教师", Employer = "安吉县递铺镇中心小学", Constituency = "递铺街道第3选区",
            DelegationGroupId = group.Id, ProfessionalGroupId = professional.Id, PublicCode = Renda.Modules.Representatives.PublicCodes.New(),
        };
        var rep = Rep(representativeName);
        var other = Rep("王建华");
        var station = new Station
        {
            JurisdictionCode = township, Kind = StationKind.Station, Name = stationName, Address = "浙江省湖州市安吉县递铺街道昌硕东路1号",
            Grade = 4, PublicCode = Renda.Modules.Representatives.PublicCodes.New(),
        };
        db.AddRange(rep, other, station);
        await db.SaveChangesAsync();
        db.AddRange(
            new StationRepresentative { StationId = station.Id, RepresentativeId = rep.Id, JurisdictionCode = township },
            new StationRepresentative { StationId = station.Id, RepresentativeId = other.Id, JurisdictionCode = township });
        await db.SaveChangesAsync();
        return new CodeWorld(station.Id, station.PublicCode, station.Name, rep.Id, rep.PublicCode, rep.Name, other.Id);
    }
}
