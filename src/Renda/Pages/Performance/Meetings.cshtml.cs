using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Performance;
using Renda.Pages.Archive;
using Renda.Platform.Auth;
using Renda.Platform.Ui;

namespace Renda.Pages.Performance;

/// <summary>述职 meetings: the list; staff arrange a new one (a representative from the roster by id).</summary>
[Authorize(Roles = ArchivePages.ReaderRoles)]
public sealed class MeetingsModel(Reporting reporting, ICurrentUser me, Lang lang) : PageModel
{
    [BindProperty] public long? RepresentativeId { get; set; }
    [BindProperty] public string? Date { get; set; }
    [BindProperty] public string? Place { get; set; }
    [BindProperty] public string? Audience { get; set; } = "选区选民";
    [BindProperty] public int? Attendees { get; set; } = 30;

    public IReadOnlyList<MeetingView> Meetings { get; private set; } = [];
    public string? Message { get; private set; }
    public bool CanArrange => me.IsInRole(Roles.CongressStaff);

    public async Task OnGetAsync(CancellationToken ct) => Meetings = await reporting.ListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await reporting.CreateAsync(new MeetingInput(RepresentativeId, Date, Place, Audience, Attendees), ct);
        if (r.Ok) return Redirect($"/performance/meetings/{r.Value!.Id}");
        Message = r.Message(lang.IsEnglish);
        Meetings = await reporting.ListAsync(ct);
        return Page();
    }
}
