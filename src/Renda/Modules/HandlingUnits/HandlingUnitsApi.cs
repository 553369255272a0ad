using Microsoft.EntityFrameworkCore;
using Renda.Modules.Representatives;
using Renda.Platform.Data;
using Renda.Platform.Http;

namespace Renda.Modules.HandlingUnits;

public static class HandlingUnitsApi
{
    public sealed record Item(long Id, string Name, HandlingUnitKind Kind, string JurisdictionCode);

    public static void MapHandlingUnitsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/handling-units").WithTags("Handling units")
            .RequireAuthorization(p => p.RequireRole(RosterAccess.Readers));
        api.MapGet("", List);
    }

    /// <summary>Units in the caller's jurisdiction (scoped by the global filter): departments first,
    /// then township governments; <c>q</c> matches the name.</summary>
    private static async Task<IResult> List(AppDbContext db, string? q, int? page, int? pageSize, CancellationToken ct)
    {
        if (!RosterAccess.TryQuery(q, out var query)) return Problems.Validation("q", "最多 50 字符 / at most 50 characters");
        var (p, size) = Paging.Normalize(page, pageSize);
        var units = db.Set<HandlingUnit>().AsNoTracking();
        if (query is not null) units = units.Where(u => u.Name.Contains(query));
        var total = await units.CountAsync(ct);
        var items = await units.OrderBy(u => u.Kind).ThenBy(u => u.JurisdictionCode).ThenBy(u => u.Id)
            .Skip((p - 1) * size).Take(size)
            .Select(u => new Item(u.Id, u.Name, u.Kind, u.JurisdictionCode))
            .ToListAsync(ct);
        return TypedResults.Ok(new Paged<Item>(items, total, p, size));
    }
}
