using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Opinions;
using Renda.Platform.Auth;
using Renda.Platform.Http;

namespace Renda.Pages.Opinions;

/// <summary>The proposed supervision topics and livelihood-project candidates made from hot topics.</summary>
[Authorize(Roles = Roles.CongressStaff + "," + Roles.Leader)]
public sealed class HotTopicsProposalsModel(HotTopicsProposals proposals) : PageModel
{
    public Paged<ProposalView> List { get; private set; } = new([], 0, 1, Paging.DefaultPageSize);
    public string? Kind { get; private set; }
    public long? Created { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? kind, int? page, long? created, CancellationToken ct)
    {
        Kind = ProposedTopicKinds.IsKnown(kind) ? kind : null;
        Created = created;
        List = await proposals.ListAsync(Kind, page, null, ct);
        return Page();
    }
}
