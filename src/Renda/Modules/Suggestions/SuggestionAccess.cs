using Microsoft.EntityFrameworkCore;
using Renda.Platform.Auth;
using Renda.Platform.Data;

namespace Renda.Modules.Suggestions;

/// <summary>Who sees which suggestions, on top of the jurisdiction filter: staff and leaders see every
/// filed one (not other people's drafts); a representative sees what they filed or were asked to
/// co-sign; a handling unit sees what is assigned to it as lead or co-unit. The admin roles see none.</summary>
public static class SuggestionAccess
{
    public static readonly string[] Readers = [Roles.CongressStaff, Roles.Leader, Roles.Representative, Roles.HandlingUnit];
    public static readonly string[] Staff = [Roles.CongressStaff];
    public static readonly string[] Overseers = [Roles.CongressStaff, Roles.Leader];

    public static IQueryable<Suggestion> Visible(AppDbContext db, ICurrentUser user)
    {
        var all = db.Set<Suggestion>().AsQueryable();
        if (Overseers.Any(user.IsInRole)) return all.Where(s => s.State != "draft");
        var rep = user.IsInRole(Roles.Representative) ? user.RepresentativeId : null;
        var unit = user.IsInRole(Roles.HandlingUnit) ? user.UnitId : null;
        if (rep is null && unit is null) return all.Where(_ => false);
        return all.Where(s => (rep != null && (s.FilerId == rep || s.CoSigners.Any(c => c.RepresentativeId == rep)))
            || (unit != null && s.State != "draft" && s.Units.Any(u => u.HandlingUnitId == unit)));
    }

    /// <summary>The loader of the one API shape: the suggestion with its co-signers and units, if the caller may see it.</summary>
    public static Task<Suggestion?> LoadAsync(AppDbContext db, long id, CancellationToken ct) =>
        Visible(db, db.CurrentUser).Include(s => s.CoSigners).Include(s => s.Units).AsSplitQuery().FirstOrDefaultAsync(s => s.Id == id, ct);
}
