using Microsoft.EntityFrameworkCore;
using Renda.Modules.HandlingUnits;
using Renda.Platform.Calendar;
using Renda.Platform.Data;
using Renda.Platform.Workflow;

namespace Renda.Modules.Opinions;

public sealed record TriageInput(string? Category, string? Urgency);
public sealed record AssignInput(long? UnitId, DateOnly? Deadline);
public sealed record ReasonInput(string? Reason);
public sealed record ReplyInput(string? Content);
public sealed record MergeInput(long? TargetId);
public sealed record EscalateInput(string? Kind, string? Reason);
public sealed record SuperviseInput(string? Note);

public static class EscalationKinds
{
    public const string Suggestion = "suggestion", UpperLevel = "upper_level";
    public static bool IsKnown(string? k) => k is Suggestion or UpperLevel;
}

/// <summary>What each action of <see cref="OpinionWorkflow"/> does to an opinion, for the API and the
/// pages alike (one instance per request: the effects query the request's context). <c>close</c> is the
/// supervision job's (the ops part); <c>submit</c> is <see cref="SubmitOpinion"/>'s.</summary>
public sealed class OpinionEffects
{
    private readonly AppDbContext _db;
    private readonly OpinionRules _rules;

    public OpinionEffects(AppDbContext db, OpinionRules rules)
    {
        _db = db;
        _rules = rules;
        Table = new WorkflowEffects<Opinion>()
            .On<TriageInput>("triage", Triage)
            .OnAsync<AssignInput>("assign", AssignAsync)
            .On("acknowledge", Acknowledge)
            .On<ReasonInput>("return", Return)
            .On<ReplyInput>("reply", Reply)
            .On<ReasonInput>("decline", Decline)
            .OnAsync<MergeInput>("merge", MergeAsync)
            .OnAsync<EscalateInput>("escalate", EscalateAsync)
            .On<SuperviseInput>("supervise", Supervise)
            .On("publish", Publish)
            .On<RateInput>("rate", _rules.Rate);
    }

    /// <summary>The effects by action, for <see cref="WorkflowApi.PerformAsync{T}"/>.</summary>
    public WorkflowEffects<Opinion> Table { get; }

    /// <summary>梳理: the category and the urgency (either may stay as it was).</summary>
    public void Triage(WorkflowStep<Opinion> step, TriageInput input)
    {
        var category = Blank(input.Category);
        var urgency = Blank(input.Urgency);
        if (category is not null && !OpinionCategories.IsKnown(category))
            step.Invalid("category", "没有这个类别", "Unknown category.");
        if (urgency is not null && !OpinionUrgency.IsKnown(urgency))
            step.Invalid("urgency", "紧急程度应为 normal 或 urgent", "Urgency must be normal or urgent.");
        var o = step.Entity;
        if (category is not null) o.Category = category;
        if (urgency is not null) o.Urgency = urgency;
        step.Data = new { category = o.Category, urgency = o.Urgency };
    }

    /// <summary>交办: to a unit the caller can see, with a deadline (default: the configured working days
    /// from today, 调休 counted); the unit keeps seeing it after it is returned.</summary>
    public async Task AssignAsync(WorkflowStep<Opinion> step, AssignInput input, CancellationToken ct)
    {
        if (input.UnitId is not { } unitId)
        {
            step.Invalid("unitId", "请选择承办单位", "A handling unit is required.");
            return;
        }
        var unit = await _db.Set<HandlingUnit>().AsNoTracking().Where(u => u.Id == unitId).Select(u => new { u.Id, u.Name }).FirstOrDefaultAsync(ct);
        if (unit is null)
        {
            step.Invalid("unitId", "没有这个承办单位", "No such handling unit.");
            return;
        }
        var today = DateOnly.FromDateTime(step.Now + ChinaTime.Offset);
        if (input.Deadline is { } given && given < today)
        {
            step.Invalid("deadline", "办理期限不能早于今天", "The deadline may not be in the past.");
            return;
        }
        var o = step.Entity;
        o.UnitId = unit.Id;
        o.AssignedAt = step.Now;
        o.AcknowledgedAt = null;
        o.DueDate = input.Deadline ?? _rules.ReplyDeadline();
        o.Overdue = false;
        if (!await _db.Set<OpinionUnitLink>().AnyAsync(l => l.OpinionId == o.Id && l.UnitId == unit.Id, ct))
            _db.Add(new OpinionUnitLink { OpinionId = o.Id, UnitId = unit.Id, JurisdictionCode = o.JurisdictionCode, FirstAssignedAt = step.Now });
        step.Data = new { unitId = unit.Id, unit = unit.Name, deadline = ChinaTime.Format(o.DueDate.Value) };
    }

    /// <summary>签收.</summary>
    public void Acknowledge(WorkflowStep<Opinion> step) => step.Entity.AcknowledgedAt = step.Now;

    /// <summary>退回: not this unit's; the reason goes into the history and staff assign it again.</summary>
    public void Return(WorkflowStep<Opinion> step, ReasonInput input)
    {
        if (Reason(step, input.Reason, "reason") is not { } reason) return;
        var o = step.Entity;
        step.Data = new { unitId = o.UnitId };
        step.Comment = reason;
        o.UnitId = null;
        o.AssignedAt = null;
        o.AcknowledgedAt = null;
        o.DueDate = null;
        o.Overdue = false;
    }

    /// <summary>答复: what was done; late when after the deadline.</summary>
    public void Reply(WorkflowStep<Opinion> step, ReplyInput input)
    {
        var content = input.Content?.Trim();
        if (string.IsNullOrEmpty(content))
        {
            step.Invalid("content", "请填写答复内容", "The reply is required.");
            return;
        }
        if (content.Length > Opinion.MaxReply)
        {
            step.Invalid("content", $"答复不能超过{Opinion.MaxReply}字", $"The reply may not exceed {Opinion.MaxReply} characters.");
            return;
        }
        var o = step.Entity;
        o.ReplyContent = content;
        o.RepliedAt = step.Now;
        o.RepliedLate = o.DueDate is { } due && DateOnly.FromDateTime(step.Now + ChinaTime.Offset) > due;
        o.Overdue = false;
        step.Data = new { late = o.RepliedLate, round = o.Round };
    }

    /// <summary>不予受理: the reason is shown to the submitter.</summary>
    public void Decline(WorkflowStep<Opinion> step, ReasonInput input)
    {
        if (Reason(step, input.Reason, "reason") is not { } reason) return;
        step.Entity.DeclineReason = reason;
        step.Comment = reason;
    }

    /// <summary>合并: into another open opinion of the same jurisdiction (its submitter follows the target).</summary>
    public async Task MergeAsync(WorkflowStep<Opinion> step, MergeInput input, CancellationToken ct)
    {
        var o = step.Entity;
        if (input.TargetId is not { } targetId)
        {
            step.Invalid("targetId", "请选择要合并到的意见", "A target opinion is required.");
            return;
        }
        if (targetId == o.Id)
        {
            step.Invalid("targetId", "不能合并到自身", "An opinion cannot be merged into itself.");
            return;
        }
        var target = await _db.Set<Opinion>().AsNoTracking().Where(x => x.Id == targetId)
            .Select(x => new { x.Id, x.State, x.JurisdictionCode, x.TrackingCode }).FirstOrDefaultAsync(ct);
        if (target is null)
        {
            step.Invalid("targetId", "没有这条意见", "No such opinion.");
            return;
        }
        if (OpinionWorkflow.Definition.IsFinal(target.State))
        {
            step.Refuse("merge-target-closed", "只能合并到尚未办结的意见", "The target opinion is no longer open.");
            return;
        }
        if (target.JurisdictionCode != o.JurisdictionCode)
        {
            step.Refuse("merge-target-elsewhere", "只能合并同一辖区的意见", "The target belongs to another jurisdiction.");
            return;
        }
        o.MergedIntoId = target.Id;
        step.Data = new { targetId = target.Id, target = TrackingCodes.Display(target.TrackingCode) };
    }

    /// <summary>转办: to a recess suggestion of the receiving representative (handed to the suggestions module),
    /// or to the congress one level up.</summary>
    public async Task EscalateAsync(WorkflowStep<Opinion> step, EscalateInput input, CancellationToken ct)
    {
        var kind = input.Kind?.Trim();
        if (!EscalationKinds.IsKnown(kind))
        {
            step.Invalid("kind", "转办方式应为 suggestion（闭会建议）或 upper_level（上级人大）",
                "Kind must be suggestion or upper_level.");
            return;
        }
        var reason = Blank(input.Reason);
        if (reason?.Length > Opinion.MaxReason)
        {
            step.Invalid("reason", $"理由不能超过{Opinion.MaxReason}字", $"The reason may not exceed {Opinion.MaxReason} characters.");
            return;
        }
        var o = step.Entity;
        if (reason is not null) step.Comment = reason;
        o.EscalatedTo = kind;
        if (kind == EscalationKinds.Suggestion)
        {
            if (o.RepresentativeId is not { } rep)
            {
                step.Refuse("no-receiving-representative", "没有接收该意见的代表，不能转为代表建议",
                    "Only an opinion a representative received can become their suggestion.");
                return;
            }
            var title = SuggestionTitle(o.Content);
            var body = o.Location is null ? o.Content : $"{o.Content}\n\n地点：{o.Location}";
            await Suggestions.EscalatedOpinions.DraftAsync(_db, new Suggestions.EscalatedOpinion(o.Id, rep, title, body, o.Category), ct);
            step.Data = new { kind, representativeId = rep };
        }
        else step.Data = new { kind };
    }

    /// <summary>督办: a note (kept in the history) and one more supervision.</summary>
    public void Supervise(WorkflowStep<Opinion> step, SuperviseInput input)
    {
        if (Reason(step, input.Note, "note") is not { } note) return;
        step.Entity.SupervisionCount++;
        step.Comment = note;
        step.Data = new { count = step.Entity.SupervisionCount };
    }

    /// <summary>公示: once.</summary>
    public void Publish(WorkflowStep<Opinion> step)
    {
        if (step.Entity.PublishedAt is not null)
        {
            step.Refuse("already-published", "该意见已公示", "The opinion is already published.");
            return;
        }
        step.Entity.PublishedAt = step.Now;
    }

    /// <summary>The suggestion's title: the first sentence of the content, at most 40 characters.</summary>
    public static string SuggestionTitle(string content)
    {
        var first = content.Split(['。', '！', '？', '\n', '.', '!', '?'], 2)[0].Trim();
        if (first.Length == 0) first = content.Trim();
        return first.Length <= 40 ? first : first[..40] + "…";
    }

    private static string? Reason(WorkflowStep<Opinion> step, string? value, string field)
    {
        var reason = Blank(value);
        if (reason is null) step.Invalid(field, "请填写理由", "A reason is required.");
        else if (reason.Length > Opinion.MaxReason)
            step.Invalid(field, $"不能超过{Opinion.MaxReason}字", $"May not exceed {Opinion.MaxReason} characters.");
        else return reason;
        return null;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
