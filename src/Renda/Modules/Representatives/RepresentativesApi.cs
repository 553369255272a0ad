using Microsoft.EntityFrameworkCore;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;

namespace Renda.Modules.Representatives;

/// <summary>Who may read the roster lists (representatives, stations, handling units): the working
/// roles. The auditor reads the audit trail and nothing else; the security admin sets policy.</summary>
public static class RosterAccess
{
    public static readonly string[] Readers =
        [Roles.CongressStaff, Roles.Leader, Roles.StationManager, Roles.Representative, Roles.HandlingUnit, Roles.SystemAdmin];

    /// <summary>The <c>q</c> of a list: trimmed, null when empty, at most 50 characters.</summary>
    public static bool TryQuery(string? q, out string? query)
    {
        query = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        return query is not { Length: > 50 };
    }
}

public static class RepresentativesApi
{
    public sealed record Item(long Id, string Name, Gender Gender, string PublicCode, string DelegationGroup,
        string? ProfessionalGroup, string Occupation, string Constituency, RepresentativeStatus Status, string JurisdictionCode);

    public static void MapRepresentativesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/representatives").WithTags("Representatives")
            .RequireAuthorization(p => p.RequireRole(RosterAccess.Readers));
        api.MapGet("", List);
    }

    /// <summary>The roster in the caller's jurisdiction (scoped by the global filter), in roster order;
    /// <c>q</c> matches the name, occupation or employer.</summary>
    private static async Task<IResult> List(AppDbContext db, string? q, int? page, int? pageSize, CancellationToken ct)
    {
        if (!RosterAccess.TryQuery(q, out var query)) return Problems.Validation("q", "最多 50 字符 / at most 50 characters");
        var (p, size) = Paging.Normalize(page, pageSize);
        var reps = db.Set<Representative>().AsNoTracking();
        if (query is not null)
            reps = reps.Where(r => r.Name.Contains(query) || r.Occupation.Contains(query) || r.Employer.Contains(query));
        var total = await reps.CountAsync(ct);
        var items = await reps.OrderBy(r => r.Id).Skip((p - 1) * size).Take(size)
            .Select(r => new Item(r.Id, r.Name, r.Gender, r.PublicCode, r.DelegationGroup!.Name,
                r.ProfessionalGroup == null ? null : r.ProfessionalGroup.Name, r.Occupation, r.Constituency, r.Status, r.JurisdictionCode))
            .ToListAsync(ct);
        return TypedResults.Ok(new Paged<Item>(items, total, p, size));
    }
}
