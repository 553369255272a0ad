using Microsoft.EntityFrameworkCore;
using Renda.Modules.Stations;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Jurisdictions;

namespace Renda.Pages.Stations;

/// <summary>One opening rule as the form posts it.</summary>
public sealed class OpeningRuleForm
{
    public string Rule { get; set; } = "";
    public bool Met { get; set; }
    public string? Note { get; set; }
}

/// <summary>The fields of the create and edit forms (one partial renders them).</summary>
public sealed class StationForm
{
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public string? JurisdictionCode { get; set; }
    public string? Address { get; set; }
    public int? Grade { get; set; }
    public string? ManagerUserName { get; set; }
    public string? ContactName { get; set; }
    public List<OpeningRuleForm> Rules { get; set; } = Station.Rules.Select(r => new OpeningRuleForm { Rule = StationInputs.RuleId(r) }).ToList();
    public long Version { get; set; }

    /// <summary>False for a station manager: kind, name, grade and manager are shown but not editable.</summary>
    public bool Administer { get; set; } = true;
    /// <summary>Only when creating.</summary>
    public bool ChooseJurisdiction { get; set; }
    public IReadOnlyList<(string Code, string Name, bool Township)> Places { get; set; } = [];
    public IDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    public IReadOnlyList<OpeningRuleInput> RuleInputs() => Rules.Select(r => new OpeningRuleInput(r.Rule, r.Met, r.Note)).ToList();

    public static StationForm From(StationDetail s) => new()
    {
        Name = s.Name, Kind = StationInputs.KindId(s.Kind), JurisdictionCode = s.JurisdictionCode, Address = s.Address, Grade = s.Grade,
        ManagerUserName = s.Manager?.UserName, ContactName = s.ContactName, Version = s.Version,
        Rules = s.OpeningRules.Select(r => new OpeningRuleForm { Rule = r.Rule, Met = r.Met, Note = r.Note }).ToList(),
    };

    /// <summary>The townships and villages a new station may stand in: the caller's jurisdiction and below.</summary>
    public static async Task<IReadOnlyList<(string, string, bool)>> PlacesAsync(AppDbContext db, ICurrentUser me, CancellationToken ct)
    {
        var scope = me.ScopeCode ?? "";
        var rows = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Code.StartsWith(scope) && (j.Level == JurisdictionLevel.Township || j.Level == JurisdictionLevel.Village))
            .OrderBy(j => j.Code).Select(j => new { j.Code, j.Name, j.Level }).ToListAsync(ct);
        return rows.Select(r => (r.Code, r.Name, r.Level == JurisdictionLevel.Township)).ToList();
    }
}
