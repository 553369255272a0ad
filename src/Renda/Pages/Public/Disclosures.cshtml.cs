using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Opinions;
using Renda.Platform.Http;
using Renda.Platform.Ui;

namespace Renda.Pages.Public;

/// <summary>/p/disclosures: 办理结果公示, the same list as <c>GET /api/public/disclosures</c>, by category.</summary>
public sealed class DisclosuresModel(DisclosureList list, Lang lang) : PageModel
{
    public Paged<DisclosureItem> Items { get; private set; } = new([], 0, 1, Paging.DefaultPageSize);
    public string? Category { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(string? category, int? page, CancellationToken ct)
    {
        Category = OpinionCategories.IsKnown(category) ? category : null;
        if (!string.IsNullOrWhiteSpace(category) && Category is null) Error = lang["没有这个类别，已显示全部。", "Unknown category; showing all."];
        var result = await list.ListAsync(Category, page, Paging.DefaultPageSize, lang.IsEnglish, ct);
        if (result.Ok) Items = result.Value!;
    }
}
