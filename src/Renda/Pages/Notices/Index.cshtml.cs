using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Platform.Auth;
using Renda.Platform.Http;
using Renda.Platform.Notifications;
using Renda.Platform.Ui;

namespace Renda.Pages.Notices;

[Authorize(Roles = Roles.CongressStaff + "," + Roles.HandlingUnit + "," + Roles.Leader + "," + Roles.StationManager + "," + Roles.Representative + "," + Roles.SystemAdmin)]
public sealed class IndexModel(NoticeInbox inbox, Lang lang) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool Unread { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public Paged<NoticeRow> Notices { get; private set; } = new([], 0, 1, Paging.DefaultPageSize);
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Notices = await inbox.ListAsync(Unread, PageNumber, null, ct);

    public async Task<IActionResult> OnPostReadAsync(long id, CancellationToken ct)
    {
        var r = await inbox.MarkReadAsync(id, ct);
        if (!r.Ok) return NotFound();
        Message = lang["已标为已读", "Marked read"];
        Notices = await inbox.ListAsync(Unread, PageNumber, null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var r = await inbox.MarkReadAsync(null, ct);
        Message = lang[$"已将{r.Value}条通知标为已读", $"Marked {r.Value} notices read"];
        Notices = await inbox.ListAsync(Unread, PageNumber, null, ct);
        return Page();
    }
}
