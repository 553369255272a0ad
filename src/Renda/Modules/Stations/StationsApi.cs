using Microsoft.EntityFrameworkCore;
using Renda.Modules.Representatives;
using Renda.Platform.Data;
using Renda.Platform.Http;

namespace Renda.Modules.Stations;

public static class StationsApi
{
    public sealed record Item(long Id, string Name, string PublicCode, StationKind Kind, string Address, int Grade,
        int RepresentativeCount, string JurisdictionCode);

    public static void MapStationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/stations").WithTags("Stations")
            .RequireAuthorization(p => p.RequireRole(RosterAccess.Readers));
        api.MapGet("", List);
    }

    /// <summary>Stations in the caller's jurisdiction (scoped by the global filter); <c>q</c> matches
    /// the name or the address.</summary>
    private static async Task<IResult> List(AppDbContext db, string? q, int? page, int? pageSize, CancellationToken ct)
    {
        if (!RosterAccess.TryQuery(q, out var query)) return Problems.Validation("q", "最多 50 字符 / at most 50 characters");
        var (p, size) = Paging.Normalize(page, pageSize);
        var stations = db.Set<Station>().AsNoTracking();
        if (query is not null) stations = stations.Where(s => s.Name.Contains(query) || s.Address.Contains(query));
        var total = await stations.CountAsync(ct);
        var items = await stations.OrderBy(s => s.JurisdictionCode).ThenBy(s => s.Kind).ThenBy(s => s.Id)
            .Skip((p - 1) * size).Take(size)
            .Select(s => new Item(s.Id, s.Name, s.PublicCode, s.Kind, s.Address, s.Grade, s.Representatives.Count, s.JurisdictionCode))
            .ToListAsync(ct);
        return TypedResults.Ok(new Paged<Item>(items, total, p, size));
    }
}
