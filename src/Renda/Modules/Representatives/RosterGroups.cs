using Microsoft.EntityFrameworkCore;
using Renda.Platform.Data;

namespace Renda.Modules.Representatives;

public sealed record MemberItem(long Id, string Name);

public sealed record GroupItem(string Kind, long Id, string Name, string JurisdictionCode, IReadOnlyList<MemberItem> Members);

public sealed record GroupsOverview(long? TermId, string? Term, IReadOnlyList<GroupItem> DelegationGroups, IReadOnlyList<GroupItem> ProfessionalGroups);

public sealed record HistoryItem(long RepresentativeId, string Name, DateOnly StartsOn, DateOnly? EndsOn);

public sealed record GroupHistory(string Kind, long Id, string Name, string JurisdictionCode, long TermId, IReadOnlyList<HistoryItem> Memberships);

/// <summary>Delegation and professional groups of a term with their current members, and one group's
/// membership history (who was in it from when to when).</summary>
public sealed class RosterGroups(AppDbContext db, RosterTerms terms)
{
    public async Task<GroupsOverview> OverviewAsync(long? termId, CancellationToken ct = default)
    {
        var term = await terms.ResolveAsync(termId, ct);
        if (term is null) return new GroupsOverview(null, null, [], []);
        var open = await db.Set<GroupMembership>().AsNoTracking()
            .Where(m => m.EndsOn == null && m.Representative!.TermId == term.Id)
            .OrderBy(m => m.RepresentativeId)
            .Select(m => new { m.Kind, m.DelegationGroupId, m.ProfessionalGroupId, m.RepresentativeId, m.Representative!.Name })
            .ToListAsync(ct);
        var delegation = open.Where(m => m.Kind == GroupKind.Delegation).ToLookup(m => m.DelegationGroupId!.Value, m => new MemberItem(m.RepresentativeId, m.Name));
        var professional = open.Where(m => m.Kind == GroupKind.Professional).ToLookup(m => m.ProfessionalGroupId!.Value, m => new MemberItem(m.RepresentativeId, m.Name));
        var groups = await db.Set<DelegationGroup>().AsNoTracking().Where(g => g.TermId == term.Id).OrderBy(g => g.JurisdictionCode).ThenBy(g => g.Name).ToListAsync(ct);
        var pgs = await db.Set<ProfessionalGroup>().AsNoTracking().Where(g => g.TermId == term.Id).OrderBy(g => g.Id).ToListAsync(ct);
        return new GroupsOverview(term.Id, term.Congress!.Name + term.Title,
            groups.Select(g => new GroupItem("delegation", g.Id, g.Name, g.JurisdictionCode, delegation[g.Id].ToList())).ToList(),
            pgs.Select(g => new GroupItem("professional", g.Id, g.Name, g.JurisdictionCode, professional[g.Id].ToList())).ToList());
    }

    /// <summary>One group's memberships, earliest first; null when the group is not visible.</summary>
    public async Task<GroupHistory?> HistoryAsync(string kind, long id, CancellationToken ct = default)
    {
        (string Name, string Code, long TermId)? group = kind switch
        {
            "delegation" => await db.Set<DelegationGroup>().Where(g => g.Id == id).Select(g => new ValueTuple<string, string, long>(g.Name, g.JurisdictionCode, g.TermId)).SingleOrDefaultAsync(ct),
            "professional" => await db.Set<ProfessionalGroup>().Where(g => g.Id == id).Select(g => new ValueTuple<string, string, long>(g.Name, g.JurisdictionCode, g.TermId)).SingleOrDefaultAsync(ct),
            _ => null,
        };
        if (group is not { Name: not null } g) return null;
        var memberships = db.Set<GroupMembership>().AsNoTracking();
        memberships = kind == "delegation" ? memberships.Where(m => m.DelegationGroupId == id) : memberships.Where(m => m.ProfessionalGroupId == id);
        var items = await memberships.OrderBy(m => m.StartsOn).ThenBy(m => m.RepresentativeId)
            .Select(m => new HistoryItem(m.RepresentativeId, m.Representative!.Name, m.StartsOn, m.EndsOn)).ToListAsync(ct);
        return new GroupHistory(kind, id, g.Name, g.Code, g.TermId, items);
    }
}
