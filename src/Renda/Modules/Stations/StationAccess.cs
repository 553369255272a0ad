using Renda.Platform.Auth;

namespace Renda.Modules.Stations;

/// <summary>Who may do what with stations, on top of jurisdiction scoping (which the global filter
/// applies). Congress staff run every station in their jurisdiction; a station manager (联络员) sees and
/// runs only their own — the one their account's <c>StationId</c> names, or those whose
/// <see cref="Station.ManagerUserId"/> is their account; leaders and representatives read.</summary>
public sealed class StationAccess(ICurrentUser me)
{
    /// <summary>May open a station, its calendar and its reception log.</summary>
    public static readonly string[] Readers = [Roles.CongressStaff, Roles.Leader, Roles.StationManager, Roles.Representative];

    /// <summary>May edit a station (a manager: their own), its schedule and its reception log.</summary>
    public static readonly string[] Editors = [Roles.CongressStaff, Roles.StationManager];

    public bool IsStaff => me.IsInRole(Roles.CongressStaff);

    /// <summary>True for an account that is a station manager and nothing broader: it is confined to its own stations.</summary>
    public bool IsConfinedToOwn =>
        me.IsInRole(Roles.StationManager) && !me.IsInRole(Roles.CongressStaff) && !me.IsInRole(Roles.Leader) && !me.IsInRole(Roles.Representative);

    /// <summary>The stations the caller may see (within the jurisdiction the global filter already applies).</summary>
    public IQueryable<Station> Visible(IQueryable<Station> stations)
    {
        if (!IsConfinedToOwn) return stations;
        var own = me.StationId ?? -1;
        var userId = me.UserId ?? "";
        return stations.Where(s => s.Id == own || s.ManagerUserId == userId);
    }

    public bool IsOwn(Station station) =>
        (me.StationId is { } id && id == station.Id) || (me.UserId is { } u && station.ManagerUserId == u);

    /// <summary>Edit its details, schedule and reception log.</summary>
    public bool CanEdit(Station station) => IsStaff || (me.IsInRole(Roles.StationManager) && IsOwn(station));

    /// <summary>Create stations, set kind, grade, name and manager, and assign representatives (编组进站): staff only.</summary>
    public bool CanAdminister => IsStaff;
}
