using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Opinions;
using Renda.Platform.Auth;
using Renda.Platform.Ui;

namespace Renda.Pages.Admin;

[Authorize(Roles = Roles.SystemAdmin)]
public sealed class Open311KeysModel(Open311Keys keys, Lang lang) : PageModel
{
    [BindProperty] public string? Name { get; set; }

    public List<Open311KeyRow> Keys { get; private set; } = [];
    public IssuedOpen311Key? Issued { get; private set; }
    public string? Message { get; private set; }
    public bool MessageOk { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Keys = await keys.ListAsync(ct);

    public async Task<IActionResult> OnPostIssueAsync(CancellationToken ct)
    {
        var result = await keys.IssueAsync(new NewOpen311Key(Name), ct);
        if (result.Ok)
        {
            Issued = result.Value;
            Name = null;
        }
        else
        {
            Message = result.Message(lang.IsEnglish);
            MessageOk = false;
        }
        Keys = await keys.ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken ct)
    {
        var result = await keys.RevokeAsync(id, ct);
        if (!result.Ok) return NotFound();
        Message = lang["已吊销", "Revoked"];
        MessageOk = true;
        Keys = await keys.ListAsync(ct);
        return Page();
    }
}
