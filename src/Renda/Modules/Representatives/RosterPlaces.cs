using Microsoft.EntityFrameworkCore;
using Renda.Modules.Congress;
using Renda.Platform.Data;

namespace Renda.Modules.Representatives;

/// <summary>The groups, constituencies and townships of one term, by name, for turning what a form or a
/// spreadsheet names into rows: a delegation group or constituency named for the first time is created
/// (and listed in <see cref="NewGroups"/>/<see cref="NewConstituencies"/>); a professional group must be
/// in the configured list, and its row is created for the term on first use. Nothing is added to the
/// DbContext until <see cref="Attach"/>, so a preview changes nothing.</summary>
internal sealed class RosterPlaces
{
    private readonly Term _term;
    private readonly Dictionary<string, DelegationGroup> _groups;
    private readonly Dictionary<string, Constituency> _constituencies;
    private readonly Dictionary<string, ProfessionalGroup> _professional;
    private readonly Dictionary<string, string> _townshipByName;
    private readonly HashSet<string> _townshipCodes;
    private readonly List<object> _created = [];

    public List<string> NewGroups { get; } = [];
    public List<string> NewConstituencies { get; } = [];

    private RosterPlaces(Term term, List<DelegationGroup> groups, List<Constituency> constituencies, List<ProfessionalGroup> professional,
        List<(string Code, string Name)> townships)
    {
        _term = term;
        _groups = groups.ToDictionary(g => g.Name, StringComparer.Ordinal);
        _constituencies = constituencies.ToDictionary(c => c.Name, StringComparer.Ordinal);
        _professional = professional.ToDictionary(g => g.Name, StringComparer.Ordinal);
        _townshipByName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (code, name) in townships) _townshipByName.TryAdd(name, code);
        _townshipCodes = townships.Select(t => t.Code).ToHashSet(StringComparer.Ordinal);
    }

    public static async Task<RosterPlaces> LoadAsync(AppDbContext db, Term term, CancellationToken ct)
    {
        var congressCode = term.Congress?.JurisdictionCode ?? term.JurisdictionCode;
        var groups = await db.Set<DelegationGroup>().Where(g => g.TermId == term.Id).ToListAsync(ct);
        var constituencies = await db.Set<Constituency>().Where(c => c.TermId == term.Id).ToListAsync(ct);
        var professional = await db.Set<ProfessionalGroup>().Where(g => g.TermId == term.Id).ToListAsync(ct);
        var townships = await db.Jurisdictions.AsNoTracking().Where(j => j.ParentCode == congressCode).OrderBy(j => j.Code)
            .Select(j => new { j.Code, j.Name }).ToListAsync(ct);
        return new RosterPlaces(term, groups, constituencies, professional, townships.Select(t => (t.Code, t.Name)).ToList());
    }

    private string CongressCode => _term.Congress?.JurisdictionCode ?? _term.JurisdictionCode;

    public bool HasGroup(string name) => _groups.ContainsKey(name);

    /// <summary>A township of the congress's jurisdiction by name (递铺街道) or code (330523001); null when unknown.</summary>
    public string? Township(string? nameOrCode)
    {
        if (string.IsNullOrWhiteSpace(nameOrCode)) return null;
        var s = nameOrCode.Trim();
        if (_townshipCodes.Contains(s)) return s;
        return _townshipByName.GetValueOrDefault(s);
    }

    /// <summary>Where a representative of this group serves: the township given, else the existing
    /// group's, else the township whose name starts the group's (递铺街道代表小组, 递铺代表小组), else
    /// the congress's own jurisdiction.</summary>
    public string JurisdictionFor(string groupName, string? townshipCode)
    {
        if (townshipCode is not null) return townshipCode;
        if (_groups.TryGetValue(groupName, out var existing)) return existing.JurisdictionCode;
        return TownshipNamedIn(groupName) ?? CongressCode;
    }

    private string? TownshipNamedIn(string text)
    {
        string? best = null;
        var bestLength = 0;
        foreach (var (name, code) in _townshipByName)
        {
            foreach (var candidate in new[] { name, ShortName(name) })
            {
                if (candidate.Length >= 2 && candidate.Length > bestLength && text.StartsWith(candidate, StringComparison.Ordinal))
                {
                    best = code;
                    bestLength = candidate.Length;
                }
            }
        }
        return best;
    }

    private static string ShortName(string township) =>
        township.EndsWith("街道", StringComparison.Ordinal) ? township[..^2]
        : township.EndsWith('镇') || township.EndsWith('乡') ? township[..^1] : township;

    public DelegationGroup Group(string name, string jurisdictionCode)
    {
        if (_groups.TryGetValue(name, out var group)) return group;
        group = new DelegationGroup { TermId = _term.Id, JurisdictionCode = jurisdictionCode, Name = name };
        _groups[name] = group;
        _created.Add(group);
        NewGroups.Add(name);
        return group;
    }

    public Constituency Constituency(string name, ConstituencyKind kind, string jurisdictionCode)
    {
        if (_constituencies.TryGetValue(name, out var c)) return c;
        c = new Constituency { TermId = _term.Id, JurisdictionCode = jurisdictionCode, Name = name, Kind = kind };
        _constituencies[name] = c;
        _created.Add(c);
        NewConstituencies.Add(name);
        return c;
    }

    /// <summary>The term's row of a configured professional group, created on first use.</summary>
    public ProfessionalGroup? Professional(string? name)
    {
        if (name is null) return null;
        if (_professional.TryGetValue(name, out var g)) return g;
        g = new ProfessionalGroup { TermId = _term.Id, JurisdictionCode = CongressCode, Name = name };
        _professional[name] = g;
        _created.Add(g);
        return g;
    }

    /// <summary>Adds the rows created so far to the context (for a commit).</summary>
    public void Attach(AppDbContext db)
    {
        foreach (var row in _created) db.Add(row);
        _created.Clear();
    }
}
