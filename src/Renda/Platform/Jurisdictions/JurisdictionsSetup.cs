using Microsoft.EntityFrameworkCore;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;

namespace Renda.Platform.Jurisdictions;

public static class JurisdictionsSetup
{
    public static IServiceCollection AddRendaJurisdictions(this IServiceCollection services)
    {
        services.AddSingleton<DivisionCatalog>();
        services.AddScoped<SetUpCounty>();
        services.AddScoped<JurisdictionTree>();
        return services;
    }

    public sealed record SetupRequest(string? Code, bool IncludeVillages);

    /// <summary>A node of the configured tree as the API shows it.</summary>
    public sealed record NodeItem(string Code, string Name, JurisdictionLevel Level, string? ParentCode, int ChildCount);

    /// <summary>An entry of the national list, with whether it is already configured and whether the
    /// caller may set it up (a county within their jurisdiction).</summary>
    public sealed record CatalogItem(string Code, string Name, JurisdictionLevel Level, string? ParentCode, string Path,
        bool Configured, bool CanSetUp);

    public static void MapJurisdictionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/jurisdictions").WithTags("Jurisdictions");
        api.MapGet("", Tree).RequireAuthorization();
        api.MapGet("/catalog", Catalog).RequireAuthorization(p => p.RequireRole(Roles.SystemAdmin));
        app.MapPost("/api/admin/jurisdictions/setup", Setup).WithTags("Jurisdictions")
            .RequireAuthorization(p => p.RequireRole(Roles.SystemAdmin));
    }

    /// <summary>The configured tree: the children of <c>parent</c>, or the roots. A caller sees the
    /// path down to their own jurisdiction and everything below it.</summary>
    private static async Task<IResult> Tree(string? parent, int? page, int? pageSize, JurisdictionTree tree, CancellationToken ct)
    {
        parent = string.IsNullOrWhiteSpace(parent) ? null : parent.Trim();
        if (parent is not null && !Jurisdiction.IsWellFormed(parent))
            return Problems.Validation("parent", "须为 2、4、6、9 或 12 位数字 / 2, 4, 6, 9 or 12 digits");
        if (parent is not null && !await tree.Visible().AnyAsync(j => j.Code == parent, ct))
            return Problems.NotFound("No configured jurisdiction with this code is visible to you.");
        var (p, size) = Paging.Normalize(page, pageSize ?? Paging.MaxPageSize);
        var (items, total) = await tree.ChildrenAsync(parent, p, size, ct);
        return TypedResults.Ok(new Paged<NodeItem>(items, total, p, size));
    }

    /// <summary>The national list, for the admin UI: the children of <c>parent</c> (the provinces
    /// without one), or with <c>q</c> the entries whose name contains it.</summary>
    private static async Task<IResult> Catalog(string? parent, string? q, int? page, int? pageSize,
        DivisionCatalog catalog, AppDbContext db, CancellationToken ct)
    {
        parent = string.IsNullOrWhiteSpace(parent) ? null : parent.Trim();
        q = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        var errors = new Dictionary<string, string[]>();
        if (parent is not null && (!Jurisdiction.IsWellFormed(parent) || parent.Length > 9))
            errors["parent"] = ["须为 2、4、6 或 9 位数字 / 2, 4, 6 or 9 digits"];
        if (q is { Length: > 50 }) errors["q"] = ["最多 50 字符 / at most 50 characters"];
        if (errors.Count > 0) return Problems.Validation(errors);
        try
        {
            if (parent is not null && catalog.Find(parent) is null)
                return Problems.NotFound("No entry with this code in the national list.");
            var matches = q is null ? catalog.Children(parent) : catalog.Search(q, parent);
            var (p, size) = Paging.Normalize(page, pageSize ?? Paging.MaxPageSize);
            var list = matches as IReadOnlyCollection<Division> ?? matches.ToList();
            var slice = list.Skip((p - 1) * size).Take(size).ToList();
            var items = await CatalogItemsAsync(slice, catalog, db, ct);
            return TypedResults.Ok(new Paged<CatalogItem>(items, list.Count, p, size));
        }
        catch (DivisionDataUnavailableException e)
        {
            return DataUnavailable(e);
        }
    }

    internal static async Task<List<CatalogItem>> CatalogItemsAsync(IReadOnlyList<Division> slice, DivisionCatalog catalog,
        AppDbContext db, CancellationToken ct)
    {
        var codes = slice.Select(d => d.Code).ToList();
        var configured = (await db.Jurisdictions.Where(j => codes.Contains(j.Code)).Select(j => j.Code).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var me = db.CurrentUser;
        var admin = me.IsInRole(Roles.SystemAdmin);
        return slice.Select(d => new CatalogItem(d.Code, d.Name, d.Level, d.ParentCode,
            string.Join(" ", catalog.PathOf(d.Code).Select(x => x.Name)),
            configured.Contains(d.Code),
            admin && d.Level == JurisdictionLevel.County && me.ScopeCode is { } s && d.Code.StartsWith(s, StringComparison.Ordinal)))
            .ToList();
    }

    private static async Task<IResult> Setup(SetupRequest? req, SetUpCounty setUp, CancellationToken ct)
    {
        if (req is null) return Problems.Validation("code", "必填 / required");
        try
        {
            var outcome = await setUp.RunAsync(req.Code, req.IncludeVillages, ct);
            if (outcome.Errors is not null) return Problems.Validation(outcome.Errors);
            if (outcome.Refusal is not null)
                return Problems.Make(403, "outside-jurisdiction", "超出本级管辖范围", "Outside your jurisdiction", outcome.Refusal);
            return TypedResults.Ok(outcome.Done);
        }
        catch (DivisionDataUnavailableException e)
        {
            return DataUnavailable(e);
        }
    }

    private static IResult DataUnavailable(DivisionDataUnavailableException e) =>
        Problems.Make(503, "division-data-unavailable", "全国行政区划数据不可用", "The national division list is unavailable", e.Message);
}

/// <summary>The configured tree as one caller may see it: the path from the root down to their own
/// jurisdiction, and everything below it. Used by the API and the admin page.</summary>
public sealed class JurisdictionTree(AppDbContext db)
{
    public IQueryable<Jurisdiction> Visible()
    {
        var scope = db.CurrentUser.ScopeCode;
        if (scope is null) return db.Jurisdictions.AsNoTracking();
        var ancestors = new[] { 2, 4, 6, 9 }.Where(n => n < scope.Length).Select(n => scope[..n]).ToList();
        return db.Jurisdictions.AsNoTracking().Where(j => j.Code.StartsWith(scope) || ancestors.Contains(j.Code));
    }

    public async Task<(List<JurisdictionsSetup.NodeItem> Items, int Total)> ChildrenAsync(string? parent, int page, int size,
        CancellationToken ct = default)
    {
        var visible = Visible();
        var query = parent is null ? visible.Where(j => j.ParentCode == null) : visible.Where(j => j.ParentCode == parent);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(j => j.Code).Skip((page - 1) * size).Take(size)
            .Select(j => new JurisdictionsSetup.NodeItem(j.Code, j.Name, j.Level, j.ParentCode, visible.Count(c => c.ParentCode == j.Code)))
            .ToListAsync(ct);
        return (items, total);
    }

    /// <summary>The configured counties visible to the caller, with how many townships and villages each has.</summary>
    public async Task<List<CountySummary>> CountiesAsync(CancellationToken ct = default)
    {
        var visible = Visible();
        var counties = await visible.Where(j => j.Level == JurisdictionLevel.County).OrderBy(j => j.Code)
            .Select(j => new { j.Code, j.Name }).ToListAsync(ct);
        var below = await visible.Where(j => j.Level == JurisdictionLevel.Township || j.Level == JurisdictionLevel.Village)
            .GroupBy(j => new { County = j.Code.Substring(0, 6), j.Level })
            .Select(g => new { g.Key.County, g.Key.Level, Count = g.Count() }).ToListAsync(ct);
        return counties.Select(c => new CountySummary(c.Code, c.Name,
            below.Where(b => b.County == c.Code && b.Level == JurisdictionLevel.Township).Sum(b => b.Count),
            below.Where(b => b.County == c.Code && b.Level == JurisdictionLevel.Village).Sum(b => b.Count))).ToList();
    }
}

public sealed record CountySummary(string Code, string Name, int Townships, int Villages);
