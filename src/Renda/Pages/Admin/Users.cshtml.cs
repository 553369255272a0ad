using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Platform.Auth;
using Renda.Platform.Http;
using Renda.Platform.Ui;

namespace Renda.Pages.Admin;

[Authorize(Roles = Roles.SystemAdmin)]
public sealed class UsersModel(AccountAdmin admin, Lang lang) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }
    [BindProperty] public string? NewUserName { get; set; }
    [BindProperty] public string? NewDisplayName { get; set; }
    [BindProperty] public string? NewJurisdictionCode { get; set; }

    public Paged<AccountRow> Accounts { get; private set; } = new([], 0, 1, Paging.DefaultPageSize);
    public CreatedAccount? Created { get; private set; }
    public string? Message { get; private set; }
    public bool MessageOk { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Accounts = await admin.ListAsync(Q, PageNumber, null, ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var result = await admin.CreateAsync(new NewAccount(NewUserName, NewDisplayName, NewJurisdictionCode, null), ct);
        if (result.Ok)
        {
            Created = result.Value;
            NewUserName = NewDisplayName = NewJurisdictionCode = null;
        }
        else Show(result.Message(lang.IsEnglish), false);
        Accounts = await admin.ListAsync(Q, PageNumber, null, ct);
        return Page();
    }

    public Task<IActionResult> OnPostUnlockAsync(string userName, CancellationToken ct) =>
        Act(admin.UnlockAsync(userName), lang["已解锁 ", "Unlocked "] + userName, ct);

    public Task<IActionResult> OnPostDisableAsync(string userName, CancellationToken ct) =>
        Act(admin.SetDisabledAsync(userName, true), lang["已停用 ", "Disabled "] + userName, ct);

    public Task<IActionResult> OnPostEnableAsync(string userName, CancellationToken ct) =>
        Act(admin.SetDisabledAsync(userName, false), lang["已启用 ", "Enabled "] + userName, ct);

    private async Task<IActionResult> Act(Task<UseCaseResult<bool>> action, string done, CancellationToken ct)
    {
        var result = await action;
        Show(result.Ok ? done : result.Message(lang.IsEnglish), result.Ok);
        Accounts = await admin.ListAsync(Q, PageNumber, null, ct);
        return Page();
    }

    private void Show(string message, bool ok)
    {
        Message = message;
        MessageOk = ok;
    }
}
