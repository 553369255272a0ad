using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Platform.Auth;
using Renda.Platform.Http;
using Renda.Platform.Ui;

namespace Renda.Pages.Admin;

[Authorize(Roles = Platform.Auth.Roles.SecurityAdmin)]
public sealed class RolesModel(AccountAdmin admin, Lang lang) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }
    public Paged<AccountRow> Accounts { get; private set; } = new([], 0, 1, Paging.DefaultPageSize);
    public string? Message { get; private set; }
    public bool MessageOk { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Accounts = await admin.ListAsync(Q, PageNumber, null, ct);

    public async Task<IActionResult> OnPostGrantAsync(string userName, string role, CancellationToken ct)
    {
        var result = await admin.GrantRoleAsync(userName, role, ct);
        return await Done(result, lang["已授予 ", "Granted "] + $"{userName}: {Platform.Auth.Roles.Label(role, lang.IsEnglish)}", ct);
    }

    public async Task<IActionResult> OnPostRevokeAsync(string userName, string role, CancellationToken ct)
    {
        var result = await admin.RevokeRoleAsync(userName, role);
        return await Done(result, lang["已撤销 ", "Revoked "] + $"{userName}: {Platform.Auth.Roles.Label(role, lang.IsEnglish)}", ct);
    }

    private async Task<IActionResult> Done(UseCaseResult<bool> result, string ok, CancellationToken ct)
    {
        Message = result.Ok ? ok : result.Message(lang.IsEnglish);
        MessageOk = result.Ok;
        Accounts = await admin.ListAsync(Q, PageNumber, null, ct);
        return Page();
    }
}
