using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Performance;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Ui;
using Renda.Platform.Workflow;

namespace Renda.Pages.Performance;

/// <summary>Staff review: self-registered records waiting (approve, or return with a reason) and objections to answer.</summary>
[Authorize(Roles = Roles.CongressStaff)]
public sealed class ReviewModel(SelfRegistration registration, Scoring scoring, AppDbContext db, WorkflowEngine engine, ICurrentUser me, Lang lang) : PageModel
{
    [BindProperty] public long RecordId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public long ObjectionId { get; set; }
    [BindProperty] public string? Answer { get; set; }

    public Paged<SelfReportListItem> Pending { get; private set; } = new([], 0, 1, Paging.DefaultPageSize);
    public IReadOnlyList<Scoring.ObjectionView> Objections { get; private set; } = [];
    public string? Message { get; private set; }
    public bool MessageOk { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostApproveAsync(CancellationToken ct) => await ActAsync("approve", ct);

    public async Task<IActionResult> OnPostReturnAsync(CancellationToken ct) => await ActAsync("return", ct);

    private async Task<IActionResult> ActAsync(string action, CancellationToken ct)
    {
        var report = await SelfRegistration.LoadAsync(db, RecordId, ct);
        if (report is null) return NotFound();
        Action<WorkflowStep<SelfReport>> effect = action == "approve"
            ? SelfReportWorkflow.Approve
            : step => SelfReportWorkflow.Return(step, Reason);
        var result = await engine.ApplyAsync(SelfReportWorkflow.Definition, report, action, me, effect, ct);
        MessageOk = result.Succeeded;
        Message = result.Succeeded
            ? (action == "approve" ? lang["已审核通过：", "Approved: "] : lang["已退回：", "Returned: "]) + report.RepresentativeName
            : lang.IsEnglish ? result.Refusal!.En : result.Refusal!.Zh;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAnswerAsync(CancellationToken ct)
    {
        var r = await scoring.AnswerAsync(ObjectionId, new Scoring.AnswerInput(Answer), ct);
        MessageOk = r.Ok;
        Message = r.Ok ? lang["已答复异议", "Objection answered"] : r.Message(lang.IsEnglish);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var list = await registration.ListAsync("pending", 1, 100, ct);
        if (list.Ok) Pending = list.Value!;
        Objections = await scoring.ObjectionsAsync(null, true, ct);
    }
}
