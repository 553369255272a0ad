using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Platform.Auth;
using Renda.Platform.Ui;

namespace Renda.Pages.Admin;

[Authorize(Roles = Roles.SecurityAdmin)]
public sealed class PolicyModel(AccountAdmin admin, Lang lang) : PageModel
{
    public PolicyValues Values { get; private set; } = null!;
    public string? Message { get; private set; }
    public bool MessageOk { get; private set; }

    public void OnGet() => Values = admin.CurrentPolicy;

    public async Task<IActionResult> OnPostAsync(int minPasswordLength, int minCharacterClasses, int lockoutThreshold, int lockoutMinutes, CancellationToken ct)
    {
        var proposed = new PolicyValues(minPasswordLength, minCharacterClasses, lockoutThreshold, lockoutMinutes);
        var result = await admin.UpdatePolicyAsync(proposed, ct);
        Values = result.Ok ? result.Value! : proposed;
        Message = result.Ok ? lang["已保存。", "Saved."] : result.Message(lang.IsEnglish);
        MessageOk = result.Ok;
        return Page();
    }
}
