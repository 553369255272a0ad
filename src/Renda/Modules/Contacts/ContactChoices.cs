using Microsoft.EntityFrameworkCore;
using Renda.Modules.Representatives;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Jurisdictions;

namespace Renda.Modules.Contacts;

public sealed record Choice(string Value, string Label, string? Group = null);

public sealed record RepresentativeCard(long Id, string Name, string DelegationGroup, string JurisdictionCode, string Township);

/// <summary>The options the 双联 pages offer in their selects, scoped like everything else.</summary>
public sealed class ContactChoices(AppDbContext db, ICurrentUser me)
{
    public async Task<List<Choice>> GroupsAsync(CancellationToken ct = default) =>
        await db.Set<DelegationGroup>().AsNoTracking().Where(g => g.Term!.IsCurrent).OrderBy(g => g.JurisdictionCode).ThenBy(g => g.Id)
            .Select(g => new Choice(g.Id.ToString(), g.Name, null)).ToListAsync(ct);

    /// <summary>The townships the caller's delegation groups gather.</summary>
    public async Task<List<Choice>> TownshipsAsync(CancellationToken ct = default)
    {
        var codes = await db.Set<DelegationGroup>().AsNoTracking().Where(g => g.Term!.IsCurrent)
            .Select(g => g.JurisdictionCode).Distinct().ToListAsync(ct);
        return await db.Jurisdictions.AsNoTracking().Where(j => codes.Contains(j.Code)).OrderBy(j => j.Code)
            .Select(j => new Choice(j.Code, j.Name, null)).ToListAsync(ct);
    }

    /// <summary>Representatives in office in a current term, grouped by delegation group.</summary>
    public async Task<List<Choice>> RepresentativesAsync(long? group = null, CancellationToken ct = default)
    {
        var reps = db.Set<Representative>().AsNoTracking().Where(r => r.Term!.IsCurrent && r.Status == RepresentativeStatus.InOffice);
        if (group is { } g) reps = reps.Where(r => r.DelegationGroupId == g);
        return await reps.OrderBy(r => r.JurisdictionCode).ThenBy(r => r.Id)
            .Select(r => new Choice(r.Id.ToString(), r.Name, r.DelegationGroup!.Name)).ToListAsync(ct);
    }

    /// <summary>A representative the caller may see (scoped), with their township's name.</summary>
    public async Task<RepresentativeCard?> RepresentativeAsync(long id, CancellationToken ct = default)
    {
        var rep = await db.Set<Representative>().AsNoTracking().Where(r => r.Id == id)
            .Select(r => new { r.Id, r.Name, Group = r.DelegationGroup!.Name, r.JurisdictionCode }).SingleOrDefaultAsync(ct);
        if (rep is null) return null;
        var township = await db.Jurisdictions.AsNoTracking().Where(j => j.Code == rep.JurisdictionCode).Select(j => j.Name).SingleOrDefaultAsync(ct);
        return new RepresentativeCard(rep.Id, rep.Name, rep.Group, rep.JurisdictionCode, township ?? rep.JurisdictionCode);
    }

    public async Task<List<Choice>> CommitteeMembersAsync(CancellationToken ct = default) =>
        await db.Set<CommitteeMember>().AsNoTracking().Where(m => m.EndedOn == null).OrderBy(m => m.Id)
            .Select(m => new Choice(m.Id.ToString(), m.Title + " " + m.Name, null)).ToListAsync(ct);

    /// <summary>The committee pairings the caller may record a contact for: all of them for staff, a
    /// leader's own for a leader.</summary>
    public async Task<List<Choice>> CommitteePairingsForLogAsync(CancellationToken ct = default)
    {
        var viewer = ContactViewer.Of(me);
        var q = db.Set<ContactPairing>().AsNoTracking().Where(p => p.Level == ContactLevel.Committee && p.EndedOn == null);
        if (!viewer.IsManager)
        {
            var uid = me.UserId ?? "";
            q = q.Where(p => p.CommitteeMember!.UserId == uid);
        }
        return await q.OrderBy(p => p.CommitteeMemberId).ThenBy(p => p.Representative!.JurisdictionCode).ThenBy(p => p.RepresentativeId)
            .Select(p => new Choice(p.Id.ToString(), p.Representative!.Name + "（" + p.Representative.DelegationGroup!.Name + "）",
                p.CommitteeMember!.Title + " " + p.CommitteeMember.Name))
            .ToListAsync(ct);
    }

    /// <summary>The villages and communities of a representative's township (and the township itself).</summary>
    public async Task<List<Choice>> VillagesAsync(string townshipCode, CancellationToken ct = default)
    {
        var township = await db.Jurisdictions.AsNoTracking().Where(j => j.Code == townshipCode).Select(j => new Choice(j.Code, j.Name, null)).ToListAsync(ct);
        var villages = await db.Jurisdictions.AsNoTracking().Where(j => j.ParentCode == townshipCode && j.Level == JurisdictionLevel.Village)
            .OrderBy(j => j.Code).Select(j => new Choice(j.Code, j.Name, null)).ToListAsync(ct);
        return [.. villages, .. township];
    }
}
