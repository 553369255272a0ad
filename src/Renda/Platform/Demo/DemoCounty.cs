using Renda.Modules.Congress;
using Renda.Modules.HandlingUnits;
using Renda.Modules.Representatives;
using Renda.Modules.Stations;
using Renda.Platform.Jurisdictions;
using static Renda.Platform.Demo.DemoNames;

namespace Renda.Platform.Demo;

/// <summary>The people and places of the demo county, generated from its real townships and villages
/// with a fixed seed: the same list and seed give the same county on every machine. Nothing here
/// touches the database; the seeder saves the graph. Public codes are the one exception to
/// determinism: they come from a CSPRNG, because they must stay unguessable wherever they are printed.</summary>
internal sealed class DemoCounty
{
    public required Congress Congress { get; init; }
    public required Term CurrentTerm { get; init; }
    public List<ProfessionalGroup> ProfessionalGroups { get; } = [];
    public List<DelegationGroup> DelegationGroups { get; } = [];
    public List<Representative> Representatives { get; } = [];
    public List<Station> Stations { get; } = [];
    public List<HandlingUnit> HandlingUnits { get; } = [];

    private enum Work
    {
        VillageSecretary, CommunitySecretary, Entrepreneur, Worker, Teacher, Doctor, Farmer, Homestay,
        CountyCadre, CommunityWorker, Lawyer,
    }

    /// <summary>Weights of each kind of work among representatives: (urban 街道, rural 镇/乡).</summary>
    private static readonly (Work Work, int Urban, int Rural)[] WorkWeights =
    [
        (Work.VillageSecretary, 4, 24), (Work.CommunitySecretary, 14, 3), (Work.Entrepreneur, 20, 16), (Work.Worker, 8, 6),
        (Work.Teacher, 8, 6), (Work.Doctor, 6, 5), (Work.Farmer, 5, 14), (Work.Homestay, 3, 8), (Work.CountyCadre, 9, 2),
        (Work.CommunityWorker, 6, 2), (Work.Lawyer, 3, 1),
    ];

    private readonly Random _rnd;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    private readonly string _countyName;

    private DemoCounty(int seed, string countyName)
    {
        _rnd = new Random(seed);
        _countyName = countyName;
    }

    /// <param name="county">The county (e.g. 330523 安吉县).</param>
    /// <param name="countyPath">Its full name for addresses, e.g. 浙江省湖州市安吉县.</param>
    /// <param name="townships">Its townships from the national list, in code order.</param>
    /// <param name="villages">Its villages and communities from the national list, in code order.</param>
    public static DemoCounty Generate(Division county, string countyPath, IReadOnlyList<Division> townships,
        IReadOnlyList<Division> villages, int seed)
    {
        var congress = new Congress { JurisdictionCode = county.Code, Name = county.Name + "人民代表大会", Level = JurisdictionLevel.County };
        var previous = new Term
        {
            Congress = congress, JurisdictionCode = county.Code, Number = 17,
            StartsOn = new DateOnly(2017, 1, 6), EndsOn = new DateOnly(2021, 12, 31), IsCurrent = false,
        };
        var current = new Term
        {
            Congress = congress, JurisdictionCode = county.Code, Number = 18,
            StartsOn = new DateOnly(2022, 1, 5), EndsOn = new DateOnly(2026, 12, 31), IsCurrent = true,
        };
        congress.Terms.AddRange([previous, current]);
        (DateOnly, DateOnly)[] sessions =
        [
            (new(2022, 1, 5), new(2022, 1, 8)), (new(2023, 1, 10), new(2023, 1, 13)), (new(2024, 1, 16), new(2024, 1, 19)),
            (new(2025, 1, 14), new(2025, 1, 17)), (new(2026, 1, 13), new(2026, 1, 16)),
        ];
        for (var i = 0; i < sessions.Length; i++)
            current.Sessions.Add(new Session { Term = current, JurisdictionCode = county.Code, Number = i + 1, StartsOn = sessions[i].Item1, EndsOn = sessions[i].Item2 });

        var demo = new DemoCounty(seed, county.Name) { Congress = congress, CurrentTerm = current };
        foreach (var name in ProfessionalGroup.Standard)
            demo.ProfessionalGroups.Add(new ProfessionalGroup { Term = current, JurisdictionCode = county.Code, Name = name });

        foreach (var unit in Departments)
            demo.HandlingUnits.Add(new HandlingUnit { JurisdictionCode = county.Code, Name = unit, Kind = HandlingUnitKind.Department });

        foreach (var township in townships)
        {
            var own = villages.Where(v => v.ParentCode == township.Code).ToList();
            demo.AddTownship(township, countyPath, own);
        }
        return demo;
    }

    private void AddTownship(Division township, string countyPath, List<Division> villages)
    {
        var term = CurrentTerm;
        var urban = township.Name.EndsWith("街道", StringComparison.Ordinal);
        var group = new DelegationGroup { Term = term, JurisdictionCode = township.Code, Name = township.Name + "代表小组" };
        DelegationGroups.Add(group);
        HandlingUnits.Add(new HandlingUnit
        {
            JurisdictionCode = township.Code, Kind = HandlingUnitKind.TownshipGovernment,
            Name = township.Name + (urban ? "办事处" : "人民政府"),
        });

        var communities = villages.Where(v => v.Name.EndsWith("社区", StringComparison.Ordinal)).ToList();
        var rural = villages.Where(v => v.Name.EndsWith('村')).ToList();
        if (rural.Count == 0) rural = villages.Count > 0 ? villages : [township];

        var seats = Seats.GetValueOrDefault(township.Name, 15);
        var constituencies = Math.Max(1, (seats + 2) / 3);
        var reps = new List<Representative>(seats);
        for (var i = 0; i < seats; i++)
        {
            var rep = NewRepresentative(township, urban, i, rural, communities);
            rep.Term = term;
            rep.DelegationGroup = group;
            rep.Constituency = $"{township.Name}第{i % constituencies + 1}选区";
            reps.Add(rep);
        }
        Representatives.AddRange(reps);

        // One 代表之家 (镇/乡) or 代表联络站 (街道) per township, and 联络点 in its villages and communities.
        var main = new Station
        {
            JurisdictionCode = township.Code,
            Kind = urban ? StationKind.Station : StationKind.Home,
            Name = township.Name + (urban ? "人大代表联络站" : "人大代表之家"),
            Address = $"{countyPath}{township.Name}{Pick(Roads)}{_rnd.Next(1, 300)}号",
            Grade = _rnd.Next(3, 6),
            PublicCode = PublicCodes.New(),
        };
        Assign(main, reps, mustInclude: reps[0]);
        Stations.Add(main);

        var points = seats >= 24 ? 2 : 1;
        var places = (urban ? communities.Concat(rural) : rural.Concat(communities)).Distinct().ToList();
        foreach (var place in Sample(places, Math.Min(points, places.Count)))
        {
            var isCommunity = place.Name.EndsWith("社区", StringComparison.Ordinal);
            var point = new Station
            {
                JurisdictionCode = place.Code,
                Kind = StationKind.Point,
                Name = place.Name + "代表联络点",
                Address = isCommunity
                    ? $"{countyPath}{township.Name}{Pick(Roads)}{_rnd.Next(1, 200)}号{place.Name}党群服务中心"
                    : $"{countyPath}{township.Name}{place.Name}文化礼堂",
                Grade = _rnd.Next(1, 5),
                PublicCode = PublicCodes.New(),
            };
            Assign(point, reps, mustInclude: null);
            Stations.Add(point);
        }
    }

    private void Assign(Station station, List<Representative> reps, Representative? mustInclude)
    {
        var count = Math.Min(reps.Count, _rnd.Next(3, 9));
        var chosen = Sample(reps, count);
        if (mustInclude is not null && !chosen.Contains(mustInclude)) chosen[0] = mustInclude;
        foreach (var rep in chosen)
            station.Representatives.Add(new StationRepresentative { Station = station, Representative = rep, JurisdictionCode = station.JurisdictionCode });
    }

    private Representative NewRepresentative(Division township, bool urban, int index, List<Division> rural, List<Division> communities)
    {
        var female = _rnd.NextDouble() < 0.32;
        var she = _rnd.NextDouble() < (SheTownships.Contains(township.Name) ? 0.2 : 0.01);
        var rep = new Representative
        {
            JurisdictionCode = township.Code,
            Name = UniqueName(female, she),
            Gender = female ? Gender.Female : Gender.Male,
            Ethnicity = she ? "畲族" : "汉族",
            Status = RepresentativeStatus.InOffice,
            PublicCode = PublicCodes.New(),
        };
        // The first two seats of a township go to its leaders (null work), as is usual for a county congress.
        var work = index < 2 ? (Work?)null : PickWeighted(urban);
        // A township without communities has village secretaries and farmers instead.
        if (communities.Count == 0 && work is Work.CommunitySecretary or Work.CommunityWorker) work = Work.VillageSecretary;
        // Leaders and cadres are in mid-career; the others anywhere from 26 to 60 at the election.
        var (from, to) = work is null or Work.VillageSecretary or Work.CommunitySecretary or Work.CountyCadre ? (1965, 1986) : (1962, 1997);
        rep.BirthDate = new DateOnly(_rnd.Next(from, to), _rnd.Next(1, 13), _rnd.Next(1, 29));

        var shortName = township.Name.EndsWith("街道", StringComparison.Ordinal) ? township.Name[..^2] : township.Name[..^1];
        string group;
        if (work is null)
        {
            rep.Occupation = (urban, index) switch
            {
                (true, 0) => "党工委书记",
                (true, _) => "人大工委主任",
                (false, 0) => "党委书记",
                (false, _) => "人大主席",
            };
            rep.Employer = index == 0
                ? $"中共{_countyName}{township.Name}{(urban ? "工作委员会" : "委员会")}"
                : $"{_countyName}{township.Name}{(urban ? "人大工作委员会" : "人大主席团")}";
            group = index == 0 ? "计划财经" : "城市建设";
        }
        else
        {
            (rep.Occupation, rep.Employer, group) = work switch
            {
                Work.VillageSecretary => ("村党组织书记、村委会主任", township.Name + Pick(rural).Name, "农业农村"),
                Work.CommunitySecretary => ("社区党组织书记、居委会主任", township.Name + Pick(communities).Name, "城市建设"),
                Work.Entrepreneur => (Pick(["董事长", "总经理", "董事长兼总经理"]), Firm(), Chance(0.6) ? "工矿商贸" : "计划财经"),
                Work.Worker => (Pick(["车间主任", "技术员", "一线职工", "质检员"]), Firm(), "工矿商贸"),
                Work.Teacher => (Chance(0.2) ? "校长" : "教师", School(shortName, urban), "教科文卫"),
                Work.Doctor => (Pick(["医生", "医生", "护士长", "院长"]), Hospital(township.Name, urban), "教科文卫"),
                Work.Farmer => (Pick(["农民", "茶农", "竹农", "家庭农场主", "种粮大户"]), township.Name + Pick(rural).Name, Chance(0.8) ? "农业农村" : "生态环保"),
                Work.Homestay => (Pick(["民宿业主", "农家乐经营户"]), township.Name + Pick(rural).Name, "生态环保"),
                Work.CountyCadre => CountyCadre(),
                Work.CommunityWorker => ("社区工作者", township.Name + Pick(communities).Name, "民族法治"),
                _ => ("律师", $"浙江{Pick(FirmFirst)}{Pick(FirmSecond)}律师事务所", "民族法治"),
            };
            if (she && Chance(0.5)) group = "民族法治";
        }
        rep.ProfessionalGroup = ProfessionalGroups.Single(g => g.Name == group);
        return rep;
    }

    private (string, string, string) CountyCadre()
    {
        var unit = Pick(Departments);
        var group = unit switch
        {
            _ when unit.Contains("生态环境", StringComparison.Ordinal) => "生态环保",
            _ when unit.Contains("教育", StringComparison.Ordinal) || unit.Contains("卫生", StringComparison.Ordinal) => "教科文卫",
            _ when unit.Contains("农业", StringComparison.Ordinal) || unit.Contains("水利", StringComparison.Ordinal) => "农业农村",
            _ when unit.Contains("财政", StringComparison.Ordinal) || unit.Contains("发展和改革", StringComparison.Ordinal) => "计划财经",
            _ when unit.Contains("住房", StringComparison.Ordinal) || unit.Contains("交通", StringComparison.Ordinal) || unit.Contains("规划", StringComparison.Ordinal) => "城市建设",
            _ when unit.Contains("市场", StringComparison.Ordinal) => "工矿商贸",
            _ => "民族法治",
        };
        return (Pick(["局长", "副局长", "党组书记"]), unit, group);
    }

    private string Firm() => $"{(Chance(0.4) ? "浙江" : "安吉")}{Pick(FirmFirst)}{Pick(FirmSecond)}{Pick(FirmTrades)}";

    private string School(string shortName, bool urban) => urban
        ? Pick([$"安吉县{shortName}小学", $"安吉县{shortName}初级中学", "安吉县高级中学", "安吉县职业教育中心", $"安吉县{shortName}幼儿园"])
        : Pick([$"安吉县{shortName}小学", $"安吉县{shortName}中学", $"安吉县{shortName}中心幼儿园"]);

    private string Hospital(string township, bool urban) => urban
        ? Pick(["安吉县人民医院", "安吉县中医医院", "安吉县妇幼保健院", $"安吉县{township}社区卫生服务中心"])
        : Chance(0.8) ? $"安吉县{township}卫生院" : "安吉县中医医院";

    private string UniqueName(bool female, bool she)
    {
        for (var attempt = 0; ; attempt++)
        {
            var surname = she ? Pick(SheSurnames)
                : _rnd.Next(CommonSurnames.Length * 3 + OtherSurnames.Length) is var k && k < CommonSurnames.Length * 3
                    ? CommonSurnames[k / 3]
                    : OtherSurnames[k - CommonSurnames.Length * 3];
            var last = Pick(female ? FemaleLast : MaleLast);
            var given = Chance(0.75) ? Pick(female ? FemaleFirst : MaleFirst) + last : last;
            if (given.Length == 2 && given[0] == given[1]) continue;
            var name = surname + given;
            if (_names.Add(name) || attempt > 50) return name;
        }
    }

    private Work PickWeighted(bool urban)
    {
        var total = WorkWeights.Sum(w => urban ? w.Urban : w.Rural);
        var k = _rnd.Next(total);
        foreach (var (work, u, r) in WorkWeights)
        {
            k -= urban ? u : r;
            if (k < 0) return work;
        }
        return Work.Entrepreneur;
    }

    private bool Chance(double p) => _rnd.NextDouble() < p;
    private T Pick<T>(IReadOnlyList<T> list) => list[_rnd.Next(list.Count)];

    private List<T> Sample<T>(IReadOnlyList<T> list, int count)
    {
        var copy = list.ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = _rnd.Next(i, copy.Length);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }
        return copy.Take(count).ToList();
    }
}
