using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Performance;
using Renda.Platform.Auth;
using Renda.Platform.Ui;

namespace Renda.Pages.Performance;

/// <summary>One activity: invite (those who took part least this term listed first) and record attendance.</summary>
[Authorize(Roles = Roles.CongressStaff)]
public sealed class ActivityModel(Activities activities, Lang lang) : PageModel
{
    [BindProperty] public List<long> Invite { get; set; } = [];
    [BindProperty] public List<AttendanceRow> Rows { get; set; } = [];

    public sealed class AttendanceRow
    {
        public long RepresentativeId { get; set; }
        public string? Status { get; set; }
        public string? Reason { get; set; }
    }

    public ActivityView Activity { get; private set; } = null!;
    public IReadOnlyList<InviteCandidate> Candidates { get; private set; } = [];
    public string? Message { get; private set; }
    public bool MessageOk { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostInviteAsync(long id, CancellationToken ct)
    {
        var r = await activities.InviteAsync(id, Invite, ct);
        MessageOk = r.Ok;
        Message = r.Ok ? lang["已邀请", "Invited"] : r.Message(lang.IsEnglish);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAttendanceAsync(long id, CancellationToken ct)
    {
        var r = await activities.RecordAttendanceAsync(id, Rows.Select(x => new AttendanceInput(x.RepresentativeId, x.Status, x.Reason)).ToList(), ct);
        MessageOk = r.Ok;
        Message = r.Ok ? lang["出勤已保存，出席代表的履职档案已更新", "Attendance saved; archives updated"] : r.Message(lang.IsEnglish);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var a = await activities.GetAsync(id, lang.IsEnglish, ct);
        if (!a.Ok) return false;
        Activity = a.Value!;
        var c = await activities.CandidatesAsync(id, 40, ct);
        Candidates = c.Ok ? c.Value!.Where(x => !x.AlreadyInvited).ToList() : [];
        return true;
    }
}
