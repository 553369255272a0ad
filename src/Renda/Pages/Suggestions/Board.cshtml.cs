using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Suggestions;

namespace Renda.Pages.Suggestions;

/// <summary>/suggestions/board: what each unit holds, how old, what is overdue or due soon.</summary>
[Authorize(Roles = SuggestionPages.Overseers)]
public sealed class BoardModel(SuggestionQueries queries) : PageModel
{
    public IReadOnlyList<BoardRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await queries.BoardAsync(ct);
}
