using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Platform.Audit;
using Renda.Platform.Auth;
using Renda.Platform.Ui;

namespace Renda.Pages.Account;

[Authorize]
public sealed class ChangePasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditTrail audit, Lang lang) : PageModel
{
    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }
    public bool MustChange { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task OnGetAsync() => MustChange = (await users.GetUserAsync(User))?.MustChangePassword == true;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        MustChange = user.MustChangePassword;
        if (string.IsNullOrEmpty(CurrentPassword) || string.IsNullOrEmpty(NewPassword))
            Errors.Add(lang["请填写全部字段。", "Fill in every field."]);
        else if (NewPassword != ConfirmPassword)
            Errors.Add(lang["两次输入的新密码不一致。", "The two new passwords differ."]);
        if (Errors.Count > 0) return Page();

        var result = await PasswordChange.ChangeAsync(users, audit, user, CurrentPassword!, NewPassword!, ct);
        if (!result.Succeeded)
        {
            Errors.AddRange(result.Errors.Select(e => e.Code == "PasswordMismatch" ? lang["当前密码不正确。", "The current password is wrong."] : e.Description));
            return Page();
        }
        await signIn.RefreshSignInAsync(user);
        return Redirect("/workbench");
    }
}
