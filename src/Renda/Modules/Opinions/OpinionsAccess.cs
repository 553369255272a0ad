using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Search;

namespace Renda.Modules.Opinions;

/// <summary>A unit an opinion was once assigned to (交办), kept when the unit returns it or it goes to
/// another unit, so that a unit still sees what it handled. Written by the <c>assign</c> effect in the
/// action's transaction; the history row of the action is the record of when and by whom.</summary>
[NotAudited]
public sealed class OpinionUnitLink : IJurisdictionScoped
{
    public long Id { get; set; }
    public long OpinionId { get; set; }
    public long UnitId { get; set; }
    public string JurisdictionCode { get; set; } = "";
    public DateTime FirstAssignedAt { get; set; }
}

internal sealed class OpinionUnitLinkConfiguration : IEntityTypeConfiguration<OpinionUnitLink>
{
    public void Configure(EntityTypeBuilder<OpinionUnitLink> e)
    {
        e.ToTable("opinion_unit_links");
        e.Property(l => l.JurisdictionCode).HasMaxLength(12);
        e.HasIndex(l => new { l.OpinionId, l.UnitId }).IsUnique();
        e.HasIndex(l => new { l.UnitId, l.OpinionId });
    }
}

/// <summary>Who reads which opinions, on top of the jurisdiction scope the DbContext applies: congress
/// staff and leaders all of their jurisdiction; a handling unit what is or was assigned to it; a
/// representative what they received. The auditor and the security administrator nothing (the API
/// and the pages let only <see cref="Readers"/> in).</summary>
public static class OpinionsAccess
{
    public static readonly string[] Readers = [Roles.CongressStaff, Roles.HandlingUnit, Roles.Leader, Roles.Representative];

    /// <summary>The full-text index over the content as submitted (docs/adr/0022; migration 0007).</summary>
    public static readonly FullTextIndex SearchIndex = new("opinions", "id", "content");

    public static bool SeesAll(ICurrentUser user) => user.IsInRole(Roles.CongressStaff) || user.IsInRole(Roles.Leader);

    public static IQueryable<Opinion> VisibleTo(this IQueryable<Opinion> opinions, AppDbContext db, ICurrentUser user)
    {
        if (SeesAll(user)) return opinions;
        var unit = user.IsInRole(Roles.HandlingUnit) ? user.UnitId : null;
        var rep = user.IsInRole(Roles.Representative) ? user.RepresentativeId : null;
        if (unit is null && rep is null) return opinions.Where(o => false);
        var links = db.Set<OpinionUnitLink>();
        return opinions.Where(o =>
            (unit != null && (o.UnitId == unit || links.Any(l => l.OpinionId == o.Id && l.UnitId == unit)))
            || (rep != null && o.RepresentativeId == rep));
    }

    /// <summary>One opinion the caller may read (tracked, for an action), or null.</summary>
    public static Task<Opinion?> FindVisibleAsync(AppDbContext db, long id, CancellationToken ct) =>
        db.Set<Opinion>().VisibleTo(db, db.CurrentUser).FirstOrDefaultAsync(o => o.Id == id, ct);
}
