using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Platform.Auth;
using Renda.Platform.Data;

namespace Renda.Pages.Workbench;

public sealed class IndexModel(UserManager<AppUser> users, AppDbContext db) : PageModel
{
    public string DisplayName { get; private set; } = "";
    public string JurisdictionName { get; private set; } = "";

    public async Task OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        DisplayName = user?.DisplayName ?? User.Identity?.Name ?? "";
        if (user is not null)
            JurisdictionName = (await db.Jurisdictions.FindAsync(user.JurisdictionCode))?.Name ?? user.JurisdictionCode;
    }
}
