using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Renda.Modules.Congress;
using Renda.Modules.HandlingUnits;
using Renda.Modules.Performance;
using Renda.Platform.Auth;
using Renda.Platform.Calendar;
using Renda.Platform.Data;
using Renda.Platform.Workflow;

namespace Renda.Modules.Suggestions;

public sealed record RegisterInput(bool? ConvertToSuggestion);
public sealed record ReturnInput(string? Reason);
public sealed record AssignInput(long? LeadUnitId, IReadOnlyList<long>? CoUnitIds, JsonElement? Deadline);
public sealed record DesignateKeyInput(string? LeaderUserName);
public sealed record ReplyInput(string? ResultClass, string? Content);
public sealed record EvaluateInput(string? Rating, string? Reason);
public sealed record SuperviseInput(string? Note);

/// <summary>What each action of <see cref="SuggestionWorkflow"/> does to a suggestion: the effects that
/// the action endpoint and the pages both run through <see cref="WorkflowEngine"/>. Duty records are
/// written here, so they are saved in the action's transaction.</summary>
public sealed class SuggestionActions(AppDbContext db, WorkingDayCalendar calendar, IOptions<SuggestionOptions> options, TimeProvider clock)
{
    public const string DutySource = "suggestions";
    private SuggestionOptions Options => options.Value;
    private DateOnly Today => ChinaTime.Today(clock);

    /// <summary>The effects for <c>MapWorkflowEndpoints</c>: each resolves the request's own instance.</summary>
    public static WorkflowEffects<Suggestion> Effects(IHttpContextAccessor http)
    {
        SuggestionActions Of() => http.HttpContext!.RequestServices.GetRequiredService<SuggestionActions>();
        return new WorkflowEffects<Suggestion>()
            .OnAsync("submit", (step, ct) => Of().SubmitAsync(step, ct))
            .OnAsync<RegisterInput>("register", (step, input, ct) => Of().RegisterAsync(step, input, ct))
            .OnAsync<ReturnInput>("return", (step, input, ct) => Of().ReturnAsync(step, input, ct))
            .OnAsync<AssignInput>("assign", (step, input, ct) => Of().AssignAsync(step, input, ct))
            .OnAsync<DesignateKeyInput>("designate_key", (step, input, ct) => Of().DesignateKeyAsync(step, input, ct))
            .On("acknowledge", step => Of().Acknowledge(step))
            .OnAsync<ReplyInput>("reply", (step, input, ct) => Of().ReplyAsync(step, input, ct))
            .OnAsync<EvaluateInput>("evaluate", (step, input, ct) => Of().EvaluateAsync(step, input, ct))
            .On("carry_over", step => Of().CarryOver(step))
            .On<SuperviseInput>("supervise", (step, input) => Of().Supervise(step, input));
    }

    /// <summary>Runs one action with its typed input, as the action endpoint does (for pages and tests).</summary>
    public Task<WorkflowResult> ApplyAsync(WorkflowEngine engine, Suggestion s, string action, object? input, ICurrentUser user,
        string? comment = null, long? version = null, CancellationToken ct = default)
    {
        var command = new WorkflowCommand(action, version, comment);
        Func<WorkflowStep<Suggestion>, CancellationToken, Task> effect = action switch
        {
            "submit" => SubmitAsync,
            "register" => (step, c) => RegisterAsync(step, input as RegisterInput ?? new RegisterInput(null), c),
            "return" => (step, c) => ReturnAsync(step, input as ReturnInput ?? new ReturnInput(null), c),
            "assign" => (step, c) => AssignAsync(step, input as AssignInput ?? new AssignInput(null, null, null), c),
            "designate_key" => (step, c) => DesignateKeyAsync(step, input as DesignateKeyInput ?? new DesignateKeyInput(null), c),
            "acknowledge" => (step, _) => { Acknowledge(step); return Task.CompletedTask; },
            "reply" => (step, c) => ReplyAsync(step, input as ReplyInput ?? new ReplyInput(null, null), c),
            "evaluate" => (step, c) => EvaluateAsync(step, input as EvaluateInput ?? new EvaluateInput(null, null), c),
            "carry_over" => (step, _) => { CarryOver(step); return Task.CompletedTask; },
            "supervise" => (step, _) => { Supervise(step, input as SuperviseInput ?? new SuperviseInput(null)); return Task.CompletedTask; },
            _ => (_, _) => Task.CompletedTask,
        };
        return engine.ApplyAsync(SuggestionWorkflow.Definition, s, command, user, effect, ct);
    }

    /// <summary>How many signers (filer included) a suggestion of this term needs: 1, or the legal number for a motion.</summary>
    public async Task<int> RequiredSignersAsync(Suggestion s, CancellationToken ct)
    {
        if (s.Kind != SuggestionTerms.Motion) return 1;
        var level = await db.Set<Term>().Where(t => t.Id == s.TermId).Select(t => t.Congress!.Level).SingleAsync(ct);
        return Options.RequiredMotionSigners(level);
    }

    public async Task SubmitAsync(WorkflowStep<Suggestion> step, CancellationToken ct)
    {
        var s = step.Entity;
        await db.Entry(s).Collection(x => x.CoSigners).LoadAsync(ct);
        var signers = 1 + s.CoSigners.Count(c => c.ConfirmedAt is not null);
        var required = await RequiredSignersAsync(s, ct);
        if (signers < required)
        {
            step.Refuse("motion-needs-co-signers",
                $"议案须由代表{required}人以上联名提出，目前只有{signers}人（含领衔代表）；可邀请更多代表联名，或作为建议提出",
                $"A motion needs at least {required} signing representatives (the filer included); it has {signers}.");
            return;
        }
        var today = Today;
        var session = await db.Set<Session>().Where(x => x.TermId == s.TermId && x.StartsOn <= today && x.EndsOn >= today)
            .Select(x => (long?)x.Id).FirstOrDefaultAsync(ct);
        s.SessionId = session;
        s.Period = session is null ? SuggestionTerms.Recess : SuggestionTerms.Session;
        s.SubmittedAt = step.Now;
        s.ReturnReason = null;
        var kind = s.Kind == SuggestionTerms.Motion ? DutyKinds.MotionFiled : DutyKinds.SuggestionFiled;
        var id = s.Id.ToString(CultureInfo.InvariantCulture);
        await DutyArchive.RecordAsync(db, new DutyEntry(s.FilerId, kind, today,
            $"领衔提出{SuggestionTerms.KindLabel(s.Kind, false)}：{s.Title}", DutySource, id), ct);
        foreach (var c in s.CoSigners.Where(c => c.ConfirmedAt is not null))
            await DutyArchive.RecordAsync(db, new DutyEntry(c.RepresentativeId, DutyKinds.CoSigned, today,
                $"联名{SuggestionTerms.KindLabel(s.Kind, false)}：{s.Title}", DutySource, id), ct);
        step.Data = new { signers, required, period = s.Period };
    }

    public async Task RegisterAsync(WorkflowStep<Suggestion> step, RegisterInput input, CancellationToken ct)
    {
        var s = step.Entity;
        if (input.ConvertToSuggestion == true)
        {
            if (s.Kind != SuggestionTerms.Motion)
            {
                step.Invalid("convertToSuggestion", "只有议案可以转为建议", "Only a motion can be converted into a suggestion.");
                return;
            }
            s.Kind = SuggestionTerms.Suggestion;
            s.ConvertedFromMotion = true;
        }
        var last = await db.Set<Suggestion>().IgnoreQueryFilters()
            .Where(x => x.TermId == s.TermId && x.Kind == s.Kind && x.Number != null).MaxAsync(x => x.Number, ct);
        s.Number = (last ?? 0) + 1;
        s.RegisteredAt = step.Now;
        step.Data = new { number = s.Number, kind = s.Kind, converted = input.ConvertToSuggestion == true };
    }

    public async Task ReturnAsync(WorkflowStep<Suggestion> step, ReturnInput input, CancellationToken ct)
    {
        var s = step.Entity;
        if (!string.IsNullOrWhiteSpace(input.Reason)) step.Comment ??= input.Reason.Trim();
        if (string.IsNullOrWhiteSpace(step.Comment))
        {
            step.Invalid("reason", "请填写退回理由", "A reason is required.");
            return;
        }
        if (step.From == "submitted")
        {
            s.ReturnReason = step.Comment;
            return;
        }
        // The lead unit returns it as not its own (退回改办), within the window after assignment.
        var assignedOn = DateOnly.FromDateTime((s.AssignedAt ?? step.Now) + ChinaTime.Offset);
        var lastDay = calendar.Deadline(assignedOn, Options.ReturnWindowWorkingDays).Date;
        if (Today > lastDay)
        {
            step.Refuse("return-window-closed",
                $"交办后{Options.ReturnWindowWorkingDays}个工作日内（至{ChinaTime.Format(lastDay)}）方可退回改办，请与代表工委联系",
                $"A unit may return an assignment within {Options.ReturnWindowWorkingDays} working days (until {ChinaTime.Format(lastDay)}).");
            return;
        }
        await db.Entry(s).Collection(x => x.Units).LoadAsync(ct);
        step.Data = new { returnedBy = s.LeadUnitId };
        db.RemoveRange(s.Units);
        s.LeadUnitId = null;
        s.Deadline = null;
        s.AssignedAt = null;
    }

    public async Task AssignAsync(WorkflowStep<Suggestion> step, AssignInput input, CancellationToken ct)
    {
        var s = step.Entity;
        if (input.LeadUnitId is not { } leadId) { step.Invalid("leadUnitId", "请选择主办单位", "A lead unit is required."); return; }
        var coIds = (input.CoUnitIds ?? []).Distinct().ToList();
        if (coIds.Contains(leadId)) { step.Invalid("coUnitIds", "会办单位不能与主办单位相同", "A co-unit cannot also be the lead unit."); return; }
        if (coIds.Count > 20) { step.Invalid("coUnitIds", "会办单位最多20个", "At most 20 co-units."); return; }
        var ids = coIds.Append(leadId).ToList();
        var units = await db.Set<HandlingUnit>().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        if (!units.ContainsKey(leadId)) { step.Invalid("leadUnitId", "没有这个承办单位", "No such handling unit."); return; }
        if (coIds.FirstOrDefault(id => !units.ContainsKey(id)) is var missing and > 0)
        {
            step.Invalid("coUnitIds", $"没有承办单位 {missing}", $"No handling unit {missing}.");
            return;
        }
        var today = Today;
        DateOnly deadline;
        switch (input.Deadline)
        {
            case null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }:
                deadline = calendar.Deadline(today, Options.DeadlineWorkingDays).Date;
                break;
            case { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var days) && days is >= 1 and <= 500:
                deadline = calendar.Deadline(today, days).Date;
                break;
            case { ValueKind: JsonValueKind.String } t when ChinaTime.TryDate(t.GetString(), out var date) && date > today && date <= today.AddYears(2):
                deadline = date;
                break;
            default:
                step.Invalid("deadline", "办理期限应为今天以后两年内的日期（yyyy-MM-dd）或工作日天数（1–500）",
                    "The deadline is a date (yyyy-MM-dd) after today and within two years, or a number of working days (1–500).");
                return;
        }
        await db.Entry(s).Collection(x => x.Units).LoadAsync(ct);
        db.RemoveRange(s.Units);
        s.Units.Clear();
        s.Units.Add(new SuggestionUnit { SuggestionId = s.Id, HandlingUnitId = leadId, Role = SuggestionTerms.Lead, JurisdictionCode = s.JurisdictionCode });
        foreach (var id in coIds)
            s.Units.Add(new SuggestionUnit { SuggestionId = s.Id, HandlingUnitId = id, Role = SuggestionTerms.Co, JurisdictionCode = s.JurisdictionCode });
        s.LeadUnitId = leadId;
        s.Deadline = deadline;
        s.AssignedAt = step.Now;
        s.FirstAssignedAt ??= step.Now;
        s.AcknowledgedAt = null;
        step.Data = new { leadUnitId = leadId, coUnitIds = coIds, deadline = ChinaTime.Format(deadline) };
    }

    public async Task DesignateKeyAsync(WorkflowStep<Suggestion> step, DesignateKeyInput input, CancellationToken ct)
    {
        var s = step.Entity;
        var name = input.LeaderUserName?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 256) { step.Invalid("leaderUserName", "请指定督办领导", "A leader is required."); return; }
        var leaderRole = await db.Roles.Where(r => r.Name == Roles.Leader).Select(r => r.Id).SingleOrDefaultAsync(ct);
        var isLeader = await db.Users.Where(u => u.UserName == name)
            .AnyAsync(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == leaderRole), ct);
        if (!isLeader) { step.Invalid("leaderUserName", "该账号不是本辖区的领导", "No leader account of that name in your jurisdiction."); return; }
        s.IsKey = true;
        s.KeyLeaderUserName = name;
        step.Data = new { leader = name };
    }

    public void Acknowledge(WorkflowStep<Suggestion> step) => step.Entity.AcknowledgedAt = step.Now;

    public async Task ReplyAsync(WorkflowStep<Suggestion> step, ReplyInput input, CancellationToken ct)
    {
        var s = step.Entity;
        if (input.ResultClass is not { } cls || !SuggestionTerms.ResultClasses.Contains(cls))
        {
            step.Invalid("resultClass", "请选择办理结果：solved（A）、in_progress_plan（B）或 explained（C）",
                "The result class is solved, in_progress_plan or explained.");
            return;
        }
        var content = input.Content?.Trim();
        if (content?.Length > 20000) { step.Invalid("content", "答复内容不能超过20000字", "The reply may not exceed 20000 characters."); return; }
        var hasDocument = await db.Set<SuggestionDocument>().AnyAsync(d => d.SuggestionId == s.Id && d.Round == s.Round, ct);
        if (string.IsNullOrEmpty(content) && !hasDocument)
        {
            step.Invalid("content", "请填写答复内容或上传答复函", "Write the reply or upload the reply document.");
            return;
        }
        s.ResultClass = cls;
        s.ReplyContent = string.IsNullOrEmpty(content) ? null : content;
        s.RepliedAt = step.Now;
        if (s.FirstRepliedAt is null)
        {
            s.FirstRepliedAt = step.Now;
            s.RepliedOnTime = s.Deadline is not { } d || Today <= d;
        }
        step.Data = new { resultClass = cls, round = s.Round, document = hasDocument };
    }

    public async Task EvaluateAsync(WorkflowStep<Suggestion> step, EvaluateInput input, CancellationToken ct)
    {
        var s = step.Entity;
        if (input.Rating is not { } rating || !SuggestionTerms.Ratings.Contains(rating))
        {
            step.Invalid("rating", "请选择评价：satisfied、basically_satisfied 或 unsatisfied", "The rating is satisfied, basically_satisfied or unsatisfied.");
            return;
        }
        if (!string.IsNullOrWhiteSpace(input.Reason)) step.Comment ??= input.Reason.Trim();
        var round = s.Round;
        s.Rating = rating;
        s.EvaluatedAt = step.Now;
        if (rating == SuggestionTerms.Unsatisfied)
        {
            if (string.IsNullOrWhiteSpace(step.Comment)) { step.Invalid("reason", "不满意时请写明理由", "Say why you are not satisfied."); return; }
            s.Round++;
            s.Deadline = calendar.Deadline(Today, Options.RehandleWorkingDays).Date;
            s.AcknowledgedAt = step.Now;
            step.GoTo("in_progress");
        }
        else
        {
            s.ClosedAt = step.Now;
            step.GoTo("closed");
        }
        step.Data = new { rating, round, deadline = s.Deadline is { } d ? ChinaTime.Format(d) : null };
        await DutyArchive.RecordAsync(db, new DutyEntry(s.FilerId, DutyKinds.SuggestionEvaluated, Today,
            $"评价{SuggestionTerms.KindLabel(s.Kind, false)}办理（第{round}轮，{SuggestionTerms.RatingLabel(rating, false)}）：{s.Title}",
            DutySource, $"{s.Id}-r{round}"), ct);
    }

    public void CarryOver(WorkflowStep<Suggestion> step)
    {
        var s = step.Entity;
        s.CarriedOver = true;
        s.CarriedIntoYear = Today.Year + 1;
        step.Data = new { year = s.CarriedIntoYear };
    }

    public void Supervise(WorkflowStep<Suggestion> step, SuperviseInput input)
    {
        if (!string.IsNullOrWhiteSpace(input.Note)) step.Comment ??= input.Note.Trim();
        if (string.IsNullOrWhiteSpace(step.Comment)) { step.Invalid("note", "请填写督办意见", "A supervision note is required."); return; }
        step.Entity.LastSupervisedAt = step.Now;
        step.Entity.SupervisionCount++;
    }
}
