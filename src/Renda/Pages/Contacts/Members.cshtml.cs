using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Contacts;
using Renda.Platform.Auth;
using Renda.Platform.Ui;

namespace Renda.Pages.Contacts;

/// <summary>The standing committee's members (常委会组成人员): mark, optionally linked to an account; end.</summary>
[Authorize(Roles = Roles.CongressStaff + "," + Roles.Leader + "," + Roles.StationManager)]
public sealed class MembersModel(CommitteeMembers members, Lang lang, ICurrentUser me) : PageModel
{
    [BindProperty] public string? NewName { get; set; }
    [BindProperty] public string? NewTitle { get; set; }
    [BindProperty] public string? NewUserName { get; set; }

    public bool CanManage => me.IsInRole(Roles.CongressStaff);
    public IReadOnlyList<CommitteeMemberItem> Members { get; private set; } = [];
    public IReadOnlyList<(string UserName, string DisplayName)> Accounts { get; private set; } = [];
    public string? Message { get; private set; }
    public bool MessageOk { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostMarkAsync(CancellationToken ct)
    {
        if (!CanManage) return Forbid();
        var result = await members.MarkAsync(new NewCommitteeMember(NewName, NewTitle, NewUserName, null), ct);
        Show(result.Ok ? lang["已添加 ", "Added "] + result.Value!.Title + " " + result.Value.Name : result.Message(lang.IsEnglish), result.Ok);
        if (result.Ok) NewName = NewTitle = NewUserName = null;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostEndAsync(long id, CancellationToken ct)
    {
        if (!CanManage) return Forbid();
        var result = await members.EndAsync(id, ct);
        Show(result.Ok ? lang["已结束其常委会组成人员身份", "Membership ended"] : result.Message(lang.IsEnglish), result.Ok);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Members = await members.ListAsync(includeEnded: true, ct);
        if (CanManage) Accounts = await members.EligibleAccountsAsync(ct);
    }

    private void Show(string message, bool ok)
    {
        Message = message;
        MessageOk = ok;
    }
}
