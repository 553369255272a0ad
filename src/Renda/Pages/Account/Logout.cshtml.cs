using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Platform.Audit;
using Renda.Platform.Auth;

namespace Renda.Pages.Account;

public sealed class LogoutModel(SignInManager<AppUser> signIn, AuditTrail audit, ICurrentUser me) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (me.UserName is not null)
            await audit.WriteAsync(new AuditRecord(AuditActions.SignOut, nameof(AppUser), me.UserId ?? "",
                JsonSerializer.Serialize(new { channel = "web" })), ct);
        await signIn.SignOutAsync();
        return Redirect("/account/login");
    }
}
