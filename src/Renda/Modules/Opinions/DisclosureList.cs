using Microsoft.EntityFrameworkCore;
using Renda.Modules.HandlingUnits;
using Renda.Modules.Representatives;
using Renda.Modules.Stations;
using Renda.Platform.Data;
using Renda.Platform.Http;

namespace Renda.Modules.Opinions;

/// <summary>One published (公示) opinion as anyone may see it: the problem, who received it (a representative
/// holds a public office: the name is shown), the station, the dates, the handling and the rating. The
/// submitter's name and phone never; phone and ID numbers inside the texts masked.</summary>
public sealed record DisclosureItem(long Id, string? Category, string CategoryLabel, string Content, string? Location,
    string? RepresentativeName, string? StationName, DateTime SubmittedAt, DateTime? RepliedAt, DateTime? ClosedAt, DateTime PublishedAt,
    string? UnitName, string? Reply, string? Rating, string RatingLabel, int Rounds);

/// <summary>公示: closed opinions that staff published (<c>publish</c> sets <see cref="Opinion.PublishedAt"/>), newest
/// publication first, for <c>GET /api/public/disclosures</c> and the page <c>/p/disclosures</c>. Public: every
/// jurisdiction of this installation, whoever asks.</summary>
public sealed class DisclosureList(AppDbContext db)
{
    public async Task<UseCaseResult<Paged<DisclosureItem>>> ListAsync(string? category, int? page, int? pageSize, bool english = false,
        CancellationToken ct = default)
    {
        var c = string.IsNullOrWhiteSpace(category) ? null : category.Trim();
        if (c is not null && !OpinionCategories.IsKnown(c)) return UseCaseResult<Paged<DisclosureItem>>.Invalid("category", "没有这个类别 / unknown category");
        var (p, size) = Paging.Normalize(page, pageSize);
        var q = db.Set<Opinion>().IgnoreQueryFilters().AsNoTracking().Where(o => o.State == "closed" && o.PublishedAt != null);
        if (c is not null) q = q.Where(o => o.Category == c);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(o => o.PublishedAt).ThenByDescending(o => o.Id).Skip((p - 1) * size).Take(size)
            .Select(o => new
            {
                o.Id, o.Category, o.Content, o.Location, o.RepresentativeId, o.StationId, o.CreatedAt, o.RepliedAt, o.ClosedAt,
                PublishedAt = o.PublishedAt!.Value, o.UnitId, o.ReplyContent, o.Rating, o.Round,
            })
            .ToListAsync(ct);
        var repIds = rows.Where(r => r.RepresentativeId != null).Select(r => r.RepresentativeId!.Value).Distinct().ToList();
        var stationIds = rows.Where(r => r.StationId != null).Select(r => r.StationId!.Value).Distinct().ToList();
        var unitIds = rows.Where(r => r.UnitId != null).Select(r => r.UnitId!.Value).Distinct().ToList();
        var reps = await db.Set<Representative>().IgnoreQueryFilters().Where(r => repIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var stations = await db.Set<Station>().IgnoreQueryFilters().Where(s => stationIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var units = await db.Set<HandlingUnit>().IgnoreQueryFilters().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var items = rows.Select(r => new DisclosureItem(r.Id, r.Category, OpinionCategories.Label(r.Category, english), Masking.FreeText(r.Content),
            r.Location is null ? null : Masking.FreeText(r.Location),
            r.RepresentativeId is { } rid ? reps.GetValueOrDefault(rid) : null, r.StationId is { } sid ? stations.GetValueOrDefault(sid) : null,
            r.CreatedAt, r.RepliedAt, r.ClosedAt, r.PublishedAt, r.UnitId is { } uid ? units.GetValueOrDefault(uid) : null,
            r.ReplyContent is null ? null : Masking.FreeText(r.ReplyContent), r.Rating, OpinionRatings.Label(r.Rating, english), r.Round + 1)).ToList();
        return UseCaseResult<Paged<DisclosureItem>>.Success(new Paged<DisclosureItem>(items, total, p, size));
    }
}

public static class DisclosureApi
{
    public static IEndpointRouteBuilder MapDisclosureApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/public/disclosures", async (string? category, int? page, int? pageSize, DisclosureList list, CancellationToken ct) =>
            (await list.ListAsync(category, page, pageSize, english: false, ct)).ToHttp()).AllowAnonymous().WithTags("Opinions (public)");
        return app;
    }
}
