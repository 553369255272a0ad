using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Congress;
using Renda.Modules.Representatives;
using Renda.Modules.Stations;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Jurisdictions;
using CongressEntity = Renda.Modules.Congress.Congress;

namespace Renda.IntegrationTests.Contacts;

/// <summary>A small world for 双联, arranged directly in the database: 安吉县 (330523) with its current
/// term, two townships (递铺街道 with 6 representatives, 孝丰镇 with 4), their delegation groups and a
/// village each; the neighbouring 长兴县 (330522) with a term, a group and two representatives. Accounts:
/// staff, a leader, a station manager and two representatives in 安吉县; staff in 长兴县; staff of the city
/// (湖州市, 3305) above both. The clock is at 2026-03-02 (China time) until a test moves it.</summary>
public sealed class ContactsApp : RendaApp, IAsyncLifetime
{
    public const string Anji = "330523", Dipu = "330523001", Xiaofeng = "330523105";
    public const string DipuVillage = "330523001201", XiaofengVillage = "330523105201";
    public const string Changxing = "330522", ChangxingTown = "330522001", ChangxingVillage = "330522001201";

    public static readonly string[] DipuNames = ["王建国", "李秀英", "张志强", "刘丽华", "陈永明", "杨春燕"];
    public static readonly string[] XiaofengNames = ["赵德明", "黄玉兰", "周海涛", "吴晓红"];
    public static readonly string[] ChangxingNames = ["徐国平", "孙美玲"];

    public Dictionary<string, long> Reps { get; } = new(StringComparer.Ordinal);
    public long AnjiTermId { get; private set; }
    public long ChangxingTermId { get; private set; }
    public long DipuGroupId { get; private set; }
    public long XiaofengGroupId { get; private set; }

    public async Task InitializeAsync()
    {
        await this.EnsureJurisdictionAsync("33", "浙江省");
        await this.EnsureJurisdictionAsync("3305", "湖州市");
        await this.EnsureJurisdictionAsync(Anji, "安吉县");
        await this.EnsureJurisdictionAsync(Dipu, "递铺街道");
        await this.EnsureJurisdictionAsync(Xiaofeng, "孝丰镇");
        await this.EnsureJurisdictionAsync(DipuVillage, "三官村");
        await this.EnsureJurisdictionAsync(XiaofengVillage, "横溪坞村");
        await this.EnsureJurisdictionAsync(Changxing, "长兴县");
        await this.EnsureJurisdictionAsync(ChangxingTown, "雉城街道");
        await this.EnsureJurisdictionAsync(ChangxingVillage, "长兴村");

        await using (var scope = Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var (anjiTerm, groups) = AddCongress(db, Anji, "安吉县人民代表大会", [(Dipu, "递铺街道代表小组", DipuNames), (Xiaofeng, "孝丰镇代表小组", XiaofengNames)]);
            var (cxTerm, _) = AddCongress(db, Changxing, "长兴县人民代表大会", [(ChangxingTown, "雉城街道代表小组", ChangxingNames)]);
            await db.SaveChangesAsync();
            AnjiTermId = anjiTerm.Id;
            ChangxingTermId = cxTerm.Id;
            DipuGroupId = groups[0].Id;
            XiaofengGroupId = groups[1].Id;
            foreach (var r in await db.Set<Representative>().ToListAsync()) Reps[r.Name] = r.Id;
        }

        await this.CreateUserAsync("aj-staff", Anji, Roles.CongressStaff);
        await this.CreateUserAsync("aj-leader", Anji, Roles.Leader);
        await this.CreateUserAsync("aj-leader2", Anji, Roles.Leader);
        await this.CreateUserAsync("aj-station", Anji, Roles.StationManager);
        await this.CreateUserAsync("aj-unit", Anji, Roles.HandlingUnit);
        await this.CreateUserAsync("aj-rep", Anji, Roles.Representative);
        await this.CreateUserAsync("aj-rep2", Anji, Roles.Representative);
        await this.CreateUserAsync("cx-staff", Changxing, Roles.CongressStaff);
        await this.CreateUserAsync("cx-leader", Changxing, Roles.Leader);
        await this.CreateUserAsync("hz-staff", "3305", Roles.CongressStaff);
        await LinkRepresentativeAsync("aj-rep", Reps["王建国"]);
        await LinkRepresentativeAsync("aj-rep2", Reps["李秀英"]);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    private static (Term, List<DelegationGroup>) AddCongress(AppDbContext db, string code, string name,
        (string Township, string Group, string[] Names)[] townships)
    {
        var congress = new CongressEntity { JurisdictionCode = code, Name = name, Level = JurisdictionLevel.County };
        var term = new Term
        {
            Congress = congress, JurisdictionCode = code, Number = 18, IsCurrent = true,
            StartsOn = new DateOnly(2022, 1, 5), EndsOn = new DateOnly(2026, 12, 31),
        };
        var professional = new ProfessionalGroup { Term = term, JurisdictionCode = code, Name = "农业农村" };
        db.AddRange(congress, term, professional);
        var groups = new List<DelegationGroup>();
        foreach (var (township, groupName, names) in townships)
        {
            var group = new DelegationGroup { Term = term, JurisdictionCode = township, Name = groupName };
            groups.Add(group);
            db.Add(group);
            var station = new Station
            {
                JurisdictionCode = township, Kind = StationKind.Station, Name = groupName.Replace("代表小组", "人大代表联络站"),
                Address = name.Replace("人民代表大会", "") + "人民路1号", Grade = 4, PublicCode = Modules.Representatives.PublicCodes.New(),
            };
            db.Add(station);
            for (var i = 0; i < names.Length; i++)
            {
                var rep = new Representative
                {
                    Term = term, JurisdictionCode = township, Name = names[i], Gender = i % 2 == 0 ? Gender.Male : Gender.Female,
                    Ethnicity = "汉族", BirthDate = new DateOnly(1970 + i, 3, 1 + i), Occupation = "村党组织书记", Employer = township + "村",
                    Constituency = $"{groupName.Replace("代表小组", "")}第{i % 2 + 1}选区", DelegationGroup = group, ProfessionalGroup = professional,
                    PublicCode = Modules.Representatives.PublicCodes.New(),
                };
                db.Add(rep);
                if (i < 3) station.Representatives.Add(new StationRepresentative { Station = station, Representative = rep, JurisdictionCode = township });
            }
        }
        return (term, groups);
    }

    public async Task LinkRepresentativeAsync(string userName, long representativeId)
    {
        await using var scope = Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        user.RepresentativeId = representativeId;
        await users.UpdateAsync(user);
    }

    // ---- helpers named for intent ----

    public Task<HttpClient> As(string userName) => this.SignedInAsync(userName);

    public static async Task<long> MarkMemberAsync(HttpClient staff, string title, string? userName = null, string? name = null)
    {
        var res = await staff.PostAsJsonAsync("/api/contacts/committee-members", new { title, userName, name });
        if (!res.IsSuccessStatusCode) throw new InvalidOperationException($"mark member: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        return (await res.JsonAsync()).GetProperty("id").GetInt64();
    }

    public static Task<HttpResponseMessage> PairCommitteeAsync(HttpClient http, long memberId, long representativeId) =>
        http.PostAsJsonAsync("/api/contacts/pairings", new { level = "committee", committeeMemberId = memberId, representativeId });

    public static Task<HttpResponseMessage> PairVoterAsync(HttpClient http, long? representativeId, string name, string village,
        string? phone = null, string? household = null) =>
        http.PostAsJsonAsync("/api/contacts/pairings", new
        {
            level = "representative", representativeId, voter = new { name, jurisdictionCode = village, phone, household },
        });

    public static async Task<long> IdOf(HttpResponseMessage created)
    {
        if (!created.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        return (await created.JsonAsync()).GetProperty("id").GetInt64();
    }

    public static Task<HttpResponseMessage> LogAsync(HttpClient http, long pairingId, string kind, DateOnly on, string notes = "") =>
        http.PostAsJsonAsync("/api/contacts/log", new { pairingId, kind, on = on.ToString("yyyy-MM-dd"), notes });

    public static async Task<JsonElement> GetJsonAsync(HttpClient http, string url)
    {
        var res = await http.GetAsync(url);
        if (!res.IsSuccessStatusCode) throw new InvalidOperationException($"GET {url}: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        return await res.JsonAsync();
    }

    /// <summary>The errors of a 400 problem, by field.</summary>
    public static async Task<Dictionary<string, string[]>> FieldErrorsAsync(HttpResponseMessage res)
    {
        var body = await res.JsonAsync();
        return body.GetProperty("errors").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(e => e.GetString()!).ToArray());
    }
}
