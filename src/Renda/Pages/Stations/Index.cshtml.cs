using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Stations;
using Renda.Platform.Auth;
using Renda.Platform.Http;
using Renda.Platform.Ui;

namespace Renda.Pages.Stations;

/// <summary>家站点 list with search and filters: staff see their jurisdiction's, a station manager their own.</summary>
[Authorize(Roles = StationPages.ReaderRoles)]
public sealed class IndexModel(StationDirectory directory, StationAccess access, Lang lang) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Grade { get; set; }
    [BindProperty(SupportsGet = true)] public string? Township { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public Paged<StationListItem> Stations { get; private set; } = new([], 0, 1, Paging.DefaultPageSize);
    public IReadOnlyList<(string Code, string Name)> Townships { get; private set; } = [];
    public string? Error { get; private set; }
    public bool CanAdminister => access.CanAdminister;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var result = await directory.ListAsync(new StationFilter(Q, Kind, Grade, Township, PageNumber), ct);
        if (result.Ok) Stations = result.Value!;
        else Error = result.Message(lang.IsEnglish);
        Townships = await directory.TownshipsAsync(ct);
    }

    public string TownshipName(string code) =>
        Townships.FirstOrDefault(t => code.StartsWith(t.Code, StringComparison.Ordinal)).Name ?? code;

    public string PageLink(int page) => "?" + string.Join("&", new[]
    {
        ("q", Q), ("kind", Kind), ("grade", Grade), ("township", Township), ("p", page.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    }.Where(x => !string.IsNullOrEmpty(x.Item2)).Select(x => x.Item1 + "=" + Uri.EscapeDataString(x.Item2!)));
}

/// <summary>Role lists of the station pages, as the comma-separated strings <c>[Authorize]</c> takes.</summary>
public static class StationPages
{
    public const string ReaderRoles = Roles.CongressStaff + "," + Roles.Leader + "," + Roles.StationManager + "," + Roles.Representative;
    public const string EditorRoles = Roles.CongressStaff + "," + Roles.StationManager;
    public const string StaffRoles = Roles.CongressStaff;
}
