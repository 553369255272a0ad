using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Performance;
using Renda.Platform.Http;
using Renda.Platform.Ui;

namespace Renda.Pages.Archive;

/// <summary>一人一档: everything one representative did, newest first, with counts by kind and filters
/// by year and kind.</summary>
[Authorize(Roles = ArchivePages.ReaderRoles)]
public sealed class RepresentativeModel(RepresentativeArchive archive, Lang lang) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public ArchiveOwner Owner { get; private set; } = null!;
    public ArchiveSummary Summary { get; private set; } = null!;
    public Paged<ArchiveItem> Records { get; private set; } = new([], 0, 1, Paging.DefaultPageSize);
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var owner = await archive.OwnerAsync(id, ct);
        if (owner.Status == 404) return NotFound();
        if (!owner.Ok) return Forbid();
        Owner = owner.Value!;
        var list = await archive.ListAsync(id, Year, Kind, PageNumber, null, lang.IsEnglish, ct);
        var summary = await archive.SummaryAsync(id, list.Errors?.ContainsKey("year") == true ? null : Year, lang.IsEnglish, ct);
        Summary = summary.Value!;
        if (list.Ok) Records = list.Value!;
        else Error = list.Message(lang.IsEnglish);
        return Page();
    }

    public string Link(string? year, string? kind, int? page = null) => "?" + string.Join("&", new[]
    {
        ("year", year), ("kind", kind), ("p", page?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    }.Where(x => !string.IsNullOrEmpty(x.Item2)).Select(x => x.Item1 + "=" + Uri.EscapeDataString(x.Item2!)));
}
