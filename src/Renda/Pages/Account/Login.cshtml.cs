using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Platform.Auth;
using Renda.Platform.Ui;

namespace Renda.Pages.Account;

public sealed class LoginModel(AccountSignIn check, SignInManager<AppUser> signIn, Lang lang) : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = lang["请输入用户名和密码。", "Enter your user name and password."];
            return Page();
        }
        var result = await check.CheckAsync(UserName.Trim(), Password, "web", ct);
        switch (result.Outcome)
        {
            case SignInOutcome.LockedOut:
                Error = lang["账号已锁定，请 15 分钟后再试或联系系统管理员。", "The account is locked; try again in 15 minutes or ask the system administrator."];
                return Page();
            case SignInOutcome.Failed:
                Error = lang["用户名或密码错误。", "Wrong user name or password."];
                return Page();
        }
        await signIn.SignInAsync(result.User!, isPersistent: false);
        if (result.User!.MustChangePassword) return Redirect("/account/change-password");
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/workbench");
    }
}
