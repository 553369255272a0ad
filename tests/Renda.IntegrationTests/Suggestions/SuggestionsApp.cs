using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Congress;
using Renda.Modules.HandlingUnits;
using Renda.Modules.Representatives;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Jurisdictions;
using CongressEntity = Renda.Modules.Congress.Congress;

namespace Renda.IntegrationTests.Suggestions;

[CollectionDefinition(Name)]
public sealed class SuggestionsCollection : ICollectionFixture<SuggestionsApp>
{
    public const string Name = "suggestions";
}

/// <summary>A county congress for suggestions, arranged in the database: 安吉县 (330523), its 18th term with
/// its 5th session running 2026-03-01..03-05 (the clock starts on 2026-03-02, China time), 14 representatives,
/// four handling units; 长兴县 (330522) next door with one representative and staff. Accounts: staff, two
/// leaders, a representative (the filer 王建国) and a second one (李秀英), the lead unit (住建局), a co-unit
/// (交通局), an unrelated unit (教育局), staff of 长兴县, an auditor.</summary>
public sealed class SuggestionsApp : RendaApp, IAsyncLifetime
{
    public const string Anji = "330523", Dipu = "330523001", Changxing = "330522", ChangxingTown = "330522001";
    public static readonly string[] Names =
        ["王建国", "李秀英", "张志强", "刘丽华", "陈永明", "杨春燕", "赵德明", "黄玉兰", "周海涛", "吴晓红", "徐国平", "孙美玲", "朱建华", "胡文静"];

    public Dictionary<string, long> Reps { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, long> Units { get; } = new(StringComparer.Ordinal);
    public long TermId { get; private set; }
    public long SessionId { get; private set; }
    public long EarlierSessionId { get; private set; }
    public long ChangxingRep { get; private set; }

    public async Task InitializeAsync()
    {
        await this.EnsureJurisdictionAsync("33", "浙江省");
        await this.EnsureJurisdictionAsync("3305", "湖州市");
        await this.EnsureJurisdictionAsync(Anji, "安吉县");
        await this.EnsureJurisdictionAsync(Dipu, "递铺街道");
        await this.EnsureJurisdictionAsync(Changxing, "长兴县");
        await this.EnsureJurisdictionAsync(ChangxingTown, "雉城街道");
        await using (var scope = Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var congress = new CongressEntity { JurisdictionCode = Anji, Name = "安吉县人民代表大会", Level = JurisdictionLevel.County };
            var term = new Term { Congress = congress, JurisdictionCode = Anji, Number = 18, IsCurrent = true, StartsOn = new(2022, 1, 5), EndsOn = new(2026, 12, 31) };
            var earlier = new Session { Term = term, JurisdictionCode = Anji, Number = 4, StartsOn = new(2025, 3, 1), EndsOn = new(2025, 3, 4) };
            var session = new Session { Term = term, JurisdictionCode = Anji, Number = 5, StartsOn = new(2026, 3, 1), EndsOn = new(2026, 3, 5) };
            var group = new DelegationGroup { Term = term, JurisdictionCode = Dipu, Name = "递铺街道代表小组" };
            db.AddRange(congress, term, earlier, session, group);
            foreach (var (name, i) in Names.Select((n, i) => (n, i)))
                db.Add(Rep(term, Dipu, group, name, i));
            var cxCongress = new CongressEntity { JurisdictionCode = Changxing, Name = "长兴县人民代表大会", Level = JurisdictionLevel.County };
            var cxTerm = new Term { Congress = cxCongress, JurisdictionCode = Changxing, Number = 18, IsCurrent = true, StartsOn = new(2022, 1, 5), EndsOn = new(2026, 12, 31) };
            var cxGroup = new DelegationGroup { Term = cxTerm, JurisdictionCode = ChangxingTown, Name = "雉城街道代表小组" };
            var cxRep = Rep(cxTerm, ChangxingTown, cxGroup, "钱立新", 0);
            db.AddRange(cxCongress, cxTerm, cxGroup, cxRep);
            foreach (var u in new[] { "县住房和城乡建设局", "县交通运输局", "县教育局", "县自然资源和规划局" })
                db.Add(new HandlingUnit { JurisdictionCode = Anji, Name = u, Kind = HandlingUnitKind.Department });
            await db.SaveChangesAsync();
            TermId = term.Id;
            SessionId = session.Id;
            EarlierSessionId = earlier.Id;
            ChangxingRep = cxRep.Id;
            foreach (var r in await db.Set<Representative>().Where(r => r.TermId == term.Id).ToListAsync()) Reps[r.Name] = r.Id;
            foreach (var u in await db.Set<HandlingUnit>().ToListAsync()) Units[u.Name] = u.Id;
        }

        await this.CreateUserAsync("sg-staff", Anji, Roles.CongressStaff);
        await this.CreateUserAsync("sg-leader", Anji, Roles.Leader);
        await this.CreateUserAsync("sg-rep", Anji, Roles.Representative);
        await this.CreateUserAsync("sg-rep2", Anji, Roles.Representative);
        await this.CreateUserAsync("sg-lead", Anji, Roles.HandlingUnit);
        await this.CreateUserAsync("sg-co", Anji, Roles.HandlingUnit);
        await this.CreateUserAsync("sg-other-unit", Anji, Roles.HandlingUnit);
        await this.CreateUserAsync("sg-auditor", Anji, Roles.Auditor);
        await this.CreateUserAsync("cx-staff", Changxing, Roles.CongressStaff);
        await LinkAsync("sg-rep", u => u.RepresentativeId = Reps["王建国"]);
        await LinkAsync("sg-rep2", u => u.RepresentativeId = Reps["李秀英"]);
        await LinkAsync("sg-lead", u => u.UnitId = Units["县住房和城乡建设局"]);
        await LinkAsync("sg-co", u => u.UnitId = Units["县交通运输局"]);
        await LinkAsync("sg-other-unit", u => u.UnitId = Units["县教育局"]);
        // The co-signing representatives sign in as themselves.
        for (var i = 2; i < Names.Length; i++)
        {
            await this.CreateUserAsync($"sg-rep{i + 1}", Anji, Roles.Representative);
            var id = Reps[Names[i]];
            await LinkAsync($"sg-rep{i + 1}", u => u.RepresentativeId = id);
        }
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    private static Representative Rep(Term term, string township, DelegationGroup group, string name, int i) => new()
    {
        Term = term, JurisdictionCode = township, Name = name, Gender = i % 2 == 0 ? Gender.Male : Gender.Female, Ethnicity = "汉族",
        BirthDate = new DateOnly(1970 + i, 3, 1 + i), Occupation = "村党组织书记", Employer = "递铺街道", Constituency = "递铺街道第1选区",
        DelegationGroup = group, PublicCode = Modules.Representatives.PublicCodes.New(), PhoneMasked = "138****0000",
    };

    private async Task LinkAsync(string userName, Action<AppUser> change)
    {
        await using var scope = Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        change(user);
        await users.UpdateAsync(user);
    }

    /// <summary>The sign-in name of a representative of <see cref="Names"/>.</summary>
    public static string UserOf(string name) => Array.IndexOf(Names, name) switch
    {
        0 => "sg-rep",
        1 => "sg-rep2",
        var i => $"sg-rep{i + 1}",
    };

    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    /// <summary>A signed-in client per account, reused while the clock stays on the same day (tokens expire when a test moves it).</summary>
    public async Task<HttpClient> As(string userName)
    {
        var key = userName + "@" + Clock.GetUtcNow().ToString("yyyyMMddHH");
        if (_clients.TryGetValue(key, out var c)) return c;
        var http = await this.SignedInAsync(userName);
        _clients[key] = http;
        return http;
    }

    // ---- helpers named for intent ----

    public async Task<long> DraftAsync(string filer = "sg-rep", string kind = "suggestion", string title = "关于改善县城老旧小区停车难问题的建议",
        long[]? coSigners = null, string? category = "城乡建设")
    {
        var res = await (await As(filer)).PostAsJsonAsync("/api/suggestions", new { kind, title, body = "老旧小区停车位不足，建议统筹建设公共停车场。", category, coSigners });
        if (res.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"draft: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        return (await res.JsonAsync()).GetProperty("id").GetInt64();
    }

    public async Task<HttpResponseMessage> ActAsync(string userName, long id, string action, object? body = null) =>
        await (await As(userName)).PostAsJsonAsync($"/api/suggestions/{id}/actions/{action}", body ?? new { });

    public async Task<JsonElement> MustActAsync(string userName, long id, string action, object? body = null)
    {
        var res = await ActAsync(userName, id, action, body);
        if (res.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{action} by {userName}: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        return await res.JsonAsync();
    }

    public async Task<JsonElement> GetAsync(string userName, long id)
    {
        var res = await (await As(userName)).GetAsync($"/api/suggestions/{id}");
        if (res.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {id} as {userName}: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        return await res.JsonAsync();
    }

    /// <summary>A suggestion filed by 王建国, submitted, registered and assigned to 住建局 with 交通局 as co-unit.</summary>
    public async Task<long> AssignedAsync(string title = "关于改善县城老旧小区停车难问题的建议", object? deadline = null)
    {
        var id = await DraftAsync(title: title);
        await MustActAsync("sg-rep", id, "submit");
        await MustActAsync("sg-staff", id, "register");
        await MustActAsync("sg-staff", id, "assign", new { leadUnitId = Units["县住房和城乡建设局"], coUnitIds = new[] { Units["县交通运输局"] }, deadline });
        return id;
    }

    public async Task<long> InProgressAsync(string title = "关于改善县城老旧小区停车难问题的建议")
    {
        var id = await AssignedAsync(title);
        await MustActAsync("sg-lead", id, "acknowledge");
        return id;
    }

    public async Task<long> RepliedAsync(string resultClass = "solved", string title = "关于改善县城老旧小区停车难问题的建议")
    {
        var id = await InProgressAsync(title);
        await MustActAsync("sg-lead", id, "reply", new { resultClass, content = "已在县城新建公共停车场三处，新增车位600个。" });
        return id;
    }

    public static string? ProblemType(JsonElement problem) =>
        problem.TryGetProperty("type", out var t) ? t.GetString()?.Replace("urn:renda:problem:", "") : null;
}
