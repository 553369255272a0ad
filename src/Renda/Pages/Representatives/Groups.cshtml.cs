using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Representatives;

namespace Renda.Pages.Representatives;

/// <summary>/groups: the delegation and professional groups of the current term with their members.</summary>
[Authorize(Roles = RosterAccess.PageReadersList)]
public sealed class GroupsModel(RosterGroups groups) : PageModel
{
    public GroupsOverview Overview { get; private set; } = new(null, null, [], []);

    public async Task OnGetAsync(long? term, CancellationToken ct) => Overview = await groups.OverviewAsync(term, ct);
}
