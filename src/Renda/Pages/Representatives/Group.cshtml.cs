using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Representatives;

namespace Renda.Pages.Representatives;

/// <summary>/groups/{kind}/{id}: who was in one group, from when to when.</summary>
[Authorize(Roles = RosterAccess.PageReadersList)]
public sealed class GroupModel(RosterGroups groups) : PageModel
{
    public GroupHistory History { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string kind, long id, CancellationToken ct)
    {
        var history = await groups.HistoryAsync(kind, id, ct);
        if (history is null) return NotFound();
        History = history;
        return Page();
    }
}
