using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Renda.Modules.HandlingUnits;
using Renda.Modules.Opinions;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Ui;
using Renda.Platform.Workflow;

namespace Renda.Pages.Opinions;

/// <summary>One opinion: the content as submitted, the masked submitter (congress staff may reveal the phone,
/// audited), the history, and a form for each action the caller may take (the same effects as the API);
/// at triage, the similar open opinions side by side, each with a merge button.</summary>
[Authorize(Roles = OpinionPages.ReaderRoles)]
public sealed class DetailModel(OpinionsInbox inbox, OpinionEffects effects, OpinionRules rules, WorkflowEngine engine, AppDbContext db,
    ICurrentUser user, Lang lang) : PageModel
{
    public Opinion Opinion { get; private set; } = null!;
    public OpinionNames Names { get; private set; } = null!;
    public IReadOnlyList<WorkflowHistoryEntry> History { get; private set; } = [];
    public IReadOnlyList<string> Allowed { get; private set; } = [];
    public IReadOnlyList<SimilarOpinion> Similar { get; private set; } = [];
    public IReadOnlyList<(long Id, string Name)> Units { get; private set; } = [];
    public string? RevealedPhone { get; private set; }
    public string? Message { get; private set; }
    public bool MessageOk { get; private set; }
    public IDictionary<string, string> Errors { get; } = new Dictionary<string, string>();
    public bool CanReveal => user.IsInRole(Roles.CongressStaff) && Opinion.PhoneMasked is not null;

    /// <summary>The action form's fields (one form per action; the ones an action does not use stay empty).</summary>
    public sealed class ActionForm
    {
        public long? Version { get; set; }
        public string? Category { get; set; }
        public string? Urgency { get; set; }
        public long? UnitId { get; set; }
        public string? Deadline { get; set; }
        public string? Reason { get; set; }
        public string? Content { get; set; }
        public long? TargetId { get; set; }
        public string? Kind { get; set; }
        public string? Note { get; set; }
        public string? Rating { get; set; }
        public string? Comment { get; set; }
    }

    [BindProperty] public ActionForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostActAsync(long id, string act, CancellationToken ct)
    {
        var action = act;
        if (await inbox.FindAsync(id, ct) is not { } o) return NotFound();
        DateOnly? deadline = null;
        if (!string.IsNullOrWhiteSpace(Form.Deadline))
        {
            if (Renda.Platform.Calendar.ChinaTime.TryDate(Form.Deadline, out var d)) deadline = d;
            else
            {
                Errors["deadline"] = L("日期格式应为 yyyy-MM-dd", "Use yyyy-MM-dd");
                await LoadAsync(id, ct);
                return Page();
            }
        }
        Func<WorkflowStep<Opinion>, CancellationToken, Task>? effect = action switch
        {
            "triage" => Sync(s => effects.Triage(s, new TriageInput(Form.Category, Form.Urgency))),
            "assign" => (s, c) => effects.AssignAsync(s, new AssignInput(Form.UnitId, deadline), c),
            "acknowledge" => Sync(effects.Acknowledge),
            "return" => Sync(s => effects.Return(s, new ReasonInput(Form.Reason))),
            "reply" => Sync(s => effects.Reply(s, new ReplyInput(Form.Content))),
            "decline" => Sync(s => effects.Decline(s, new ReasonInput(Form.Reason))),
            "merge" => (s, c) => effects.MergeAsync(s, new MergeInput(Form.TargetId), c),
            "escalate" => (s, c) => effects.EscalateAsync(s, new EscalateInput(Form.Kind, Form.Reason), c),
            "supervise" => Sync(s => effects.Supervise(s, new SuperviseInput(Form.Note))),
            "publish" => Sync(effects.Publish),
            "rate" => Sync(s => rules.Rate(s, new RateInput(Form.Rating, Form.Comment))),
            _ => null,
        };
        var command = new WorkflowCommand(action, Form.Version);
        var result = effect is null
            ? await engine.ApplyAsync(OpinionWorkflow.Definition, o, command, user, (Action<WorkflowStep<Opinion>>?)null, ct)
            : await engine.ApplyAsync(OpinionWorkflow.Definition, o, command, user, effect, ct);
        if (result.Succeeded)
        {
            TempData["opinion-message"] = L($"已{OpinionWorkflow.Definition.ActionLabel(action).Zh}", $"Done: {OpinionWorkflow.Definition.ActionLabel(action).En}");
            return Redirect($"/opinions/{id}");
        }
        var refusal = result.Refusal!;
        if (refusal.Field is { } field) Errors[field] = L(refusal.Zh, refusal.En);
        Message = L(refusal.Zh, refusal.En);
        MessageOk = false;
        db.ChangeTracker.Clear();
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevealAsync(long id, CancellationToken ct)
    {
        var result = await inbox.RevealPhoneAsync(id, ct);
        if (!await LoadAsync(id, ct)) return NotFound();
        if (result.Ok) RevealedPhone = result.Value!.Phone;
        else { Message = result.Message(lang.IsEnglish); MessageOk = false; }
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (await inbox.FindAsync(id, ct) is not { } o) return false;
        Opinion = o;
        Names = await inbox.NamesAsync(o, ct);
        History = await engine.HistoryAsync(OpinionWorkflow.Definition, o.Id, ct);
        Allowed = OpinionWorkflow.Definition.AllowedActions(o, user).Select(a => a.Action).Where(a => a != "close").ToList();
        if (Allowed.Contains("merge")) Similar = await inbox.SimilarAsync(o, ct);
        if (Allowed.Contains("assign"))
            Units = (await db.Set<HandlingUnit>().AsNoTracking().OrderBy(u => u.Kind).ThenBy(u => u.Name).Select(u => new { u.Id, u.Name }).ToListAsync(ct))
                .Select(u => (u.Id, u.Name)).ToList();
        if (Message is null && TempData["opinion-message"] is string done) { Message = done; MessageOk = true; }
        return true;
    }

    private static Func<WorkflowStep<Opinion>, CancellationToken, Task> Sync(Action<WorkflowStep<Opinion>> effect) => (s, _) =>
    {
        effect(s);
        return Task.CompletedTask;
    };

    private string L(string zh, string en) => lang.IsEnglish ? en : zh;

    public string Label(string action) => OpinionWorkflow.Definition.ActionLabel(action).For(lang.IsEnglish);
    public static string Time(DateTime? utc) => utc is { } t ? Renda.Platform.Calendar.ChinaTime.FormatInstant(t) : "";
}
