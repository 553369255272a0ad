using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Performance;
using Renda.Pages.Archive;
using Renda.Platform.Auth;
using Renda.Platform.Ui;

namespace Renda.Pages.Performance;

/// <summary>One 述职 meeting: the report draft, the QR for phones, the attendee codes, paper-vote entry, closing.</summary>
[Authorize(Roles = ArchivePages.ReaderRoles)]
public sealed class MeetingModel(Reporting reporting, ICurrentUser me, Lang lang) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Rating { get; set; }

    public MeetingView Meeting { get; private set; } = null!;
    public string? Message { get; private set; }
    public bool MessageOk { get; private set; }
    public bool IsStaff => me.IsInRole(Roles.CongressStaff);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostVoteAsync(long id, CancellationToken ct)
    {
        var r = await reporting.EnterPaperVoteAsync(id, new VoteInput(Code, Rating), ct);
        MessageOk = r.Ok;
        Message = r.Ok ? lang["已录入", "Entered"] : r.Message(lang.IsEnglish);
        if (r.Ok) Code = null;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostCloseAsync(long id, CancellationToken ct)
    {
        var r = await reporting.CloseAsync(id, ct);
        MessageOk = r.Ok;
        Message = r.Ok ? lang["测评已结束，结果已计入履职档案", "Closed; the result is in the archive"] : r.Message(lang.IsEnglish);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var m = await reporting.GetAsync(id, ct);
        if (!m.Ok) return false;
        Meeting = m.Value!;
        return true;
    }
}
