using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Jurisdictions;
using Renda.Platform.Ui;
using static Renda.Platform.Jurisdictions.JurisdictionsSetup;

namespace Renda.Pages.Admin;

/// <summary>Pick a province, a city and a county from the national list, set the county up, and see
/// the configured tree with its counts. Plain GET links and one POST form: no script needed.</summary>
[Authorize(Roles = Roles.SystemAdmin)]
public sealed class JurisdictionsModel(DivisionCatalog catalog, SetUpCounty setUp, JurisdictionTree tree, AppDbContext db, Lang lang)
    : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Province { get; set; }
    [BindProperty(SupportsGet = true)] public string? City { get; set; }
    [BindProperty(SupportsGet = true)] public string? County { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [TempData] public string? Message { get; set; }
    public string? Error { get; private set; }
    public bool CatalogMissing { get; private set; }

    public List<CatalogItem> Provinces { get; private set; } = [];
    public List<CatalogItem> Cities { get; private set; } = [];
    public List<CatalogItem> Counties { get; private set; } = [];
    public List<CatalogItem> Found { get; private set; } = [];
    public List<CountySummary> Configured { get; private set; } = [];
    public CountySummary? OpenCounty { get; private set; }
    public List<NodeItem> Townships { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostSetUpAsync(string? code, bool includeVillages, CancellationToken ct)
    {
        try
        {
            var outcome = await setUp.RunAsync(code, includeVillages, ct);
            if (outcome.Done is { } done)
            {
                Message = lang[
                    $"已设置 {done.Path}：{done.Townships} 个乡镇（街道）、{done.Villages} 个村（社区）；新增 {done.Created} 条，更新 {done.Updated} 条。",
                    $"Set up {done.Path}: {done.Townships} townships, {done.Villages} villages; {done.Created} rows added, {done.Updated} updated."];
                return RedirectToPage(new { province = done.Code[..2], city = done.Code[..4], county = done.Code });
            }
            Error = outcome.Refusal ?? string.Join(" ", outcome.Errors!.Values.SelectMany(v => v));
        }
        catch (DivisionDataUnavailableException)
        {
            CatalogMissing = true;
        }
        Response.StatusCode = Error is null ? 503 : 400;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Configured = await tree.CountiesAsync(ct);
        if (Jurisdiction.IsWellFormed(County) && County!.Length == 6)
        {
            OpenCounty = Configured.FirstOrDefault(c => c.Code == County);
            if (OpenCounty is not null) Townships = (await tree.ChildrenAsync(County, 1, Paging.MaxPageSize, ct)).Items;
        }

        try
        {
            var scope = db.CurrentUser.ScopeCode ?? "";
            bool Reachable(Division d) => d.Code.StartsWith(scope, StringComparison.Ordinal) || scope.StartsWith(d.Code, StringComparison.Ordinal);
            Provinces = await Items(catalog.Children(null).Where(Reachable), ct);
            if (Jurisdiction.IsWellFormed(Province) && Province!.Length == 2)
                Cities = await Items(catalog.Children(Province).Where(Reachable), ct);
            if (Jurisdiction.IsWellFormed(City) && City!.Length == 4 && City.StartsWith(Province ?? "", StringComparison.Ordinal))
                Counties = await Items(catalog.Children(City).Where(Reachable), ct);
            var q = Q?.Trim();
            if (q is { Length: > 0 and <= 50 })
                Found = await Items(catalog.Search(q).Where(d => d.Level == JurisdictionLevel.County && Reachable(d)).Take(50), ct);
        }
        catch (DivisionDataUnavailableException)
        {
            CatalogMissing = true;
        }
    }

    private Task<List<CatalogItem>> Items(IEnumerable<Division> divisions, CancellationToken ct) =>
        CatalogItemsAsync(divisions.ToList(), catalog, db, ct);
}
