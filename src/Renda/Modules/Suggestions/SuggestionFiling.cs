using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Renda.Modules.Congress;
using Renda.Modules.Performance;
using Renda.Modules.Representatives;
using Renda.Platform.Auth;
using Renda.Platform.Calendar;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Workflow;

namespace Renda.Modules.Suggestions;

public sealed record DraftInput(string? Kind, string? Title, string? Body, string? Category, string? Problem, string? Proposal,
    IReadOnlyList<long>? CoSigners);

public sealed record CoSignersInput(IReadOnlyList<long>? RepresentativeIds);

public sealed record MeetingInput(string? HeldOn, string? Place, string? Participants, string? Notes);

public sealed record OpinionInput(string? Content);

/// <summary>Filing: a representative drafts (建议 or 议案) with co-signers; invited representatives confirm;
/// units exchange opinions and log meetings. The workflow actions are in <see cref="SuggestionActions"/>.</summary>
public sealed class SuggestionFiling(AppDbContext db, WorkflowEngine engine, ICurrentUser me, TimeProvider clock)
{
    public const int MaxCoSigners = 200;

    /// <summary>POST /api/suggestions: a draft filed by the caller (a representative of a current term).</summary>
    public async Task<UseCaseResult<Suggestion>> DraftAsync(DraftInput input, CancellationToken ct = default)
    {
        if (!me.IsInRole(Roles.Representative) || me.RepresentativeId is not { } filerId)
            return UseCaseResult<Suggestion>.Refused(403, "not-a-representative", "只有代表本人可以提出建议或议案",
                "Only a representative can file a suggestion or motion");
        var errors = new Dictionary<string, string[]>();
        var kind = input.Kind?.Trim();
        if (kind is null || !SuggestionTerms.Kinds.Contains(kind)) errors["kind"] = ["类别应为 suggestion（建议）或 motion（议案）"];
        var title = Text(input.Title, "title", 200, required: true, errors);
        var body = Text(input.Body, "body", 20000, required: true, errors);
        var category = Text(input.Category, "category", 50, required: false, errors);
        var problem = Text(input.Problem, "problem", 5000, required: false, errors);
        var proposal = Text(input.Proposal, "proposal", 5000, required: false, errors);
        var coIds = (input.CoSigners ?? []).Distinct().ToList();
        if (coIds.Count > MaxCoSigners) errors["coSigners"] = [$"联名代表最多{MaxCoSigners}人"];
        if (coIds.Contains(filerId)) errors["coSigners"] = ["领衔代表不必再联名"];
        var filer = await db.Set<Representative>().Where(r => r.Id == filerId).Select(r => new { r.Id, r.TermId }).SingleOrDefaultAsync(ct);
        if (filer is null) return UseCaseResult<Suggestion>.Refused(403, "not-a-representative", "找不到您的代表信息", "Your representative record was not found");
        if (!errors.ContainsKey("coSigners") && coIds.Count > 0)
        {
            var found = await db.Set<Representative>().Where(r => coIds.Contains(r.Id) && r.TermId == filer.TermId && r.Status == RepresentativeStatus.InOffice)
                .Select(r => r.Id).ToListAsync(ct);
            var missing = coIds.Except(found).ToList();
            if (missing.Count > 0) errors["coSigners"] = [$"以下代表不是本届在任代表：{string.Join("、", missing)}"];
        }
        if (errors.Count > 0) return UseCaseResult<Suggestion>.Invalid(errors);

        var term = await db.Set<Term>().Where(t => t.Id == filer.TermId).Select(t => new { t.Id, t.JurisdictionCode }).SingleAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var s = new Suggestion
        {
            JurisdictionCode = term.JurisdictionCode, TermId = term.Id, FilerId = filerId, Kind = kind!, Title = title!, Body = body!,
            Category = category, Problem = problem, Proposal = proposal, CreatedAt = now, Period = await PeriodAsync(term.Id, ct),
        };
        foreach (var id in coIds)
            s.CoSigners.Add(new SuggestionCoSigner { RepresentativeId = id, JurisdictionCode = term.JurisdictionCode, InvitedAt = now });
        var result = await engine.StartAsync(SuggestionWorkflow.Definition, s, "draft", me, ct: ct);
        return result.Succeeded ? UseCaseResult<Suggestion>.Success(s, 201) : Refused<Suggestion>(result);
    }

    /// <summary>The filer invites more co-signers while the suggestion is a draft or returned.</summary>
    public async Task<UseCaseResult<int>> InviteAsync(long id, CoSignersInput input, CancellationToken ct = default)
    {
        var s = await SuggestionAccess.LoadAsync(db, id, ct);
        if (s is null) return UseCaseResult<int>.NotFound();
        if (me.RepresentativeId != s.FilerId) return UseCaseResult<int>.Refused(403, "not-filer", "只有领衔代表可以邀请联名", "Only the filer may invite co-signers");
        if (!SuggestionWorkflow.FilingStates.Contains(s.State) || s.State == "submitted")
            return UseCaseResult<int>.Refused(409, "not-editable", "提交后不能再邀请联名", "Co-signers can be invited only before submission");
        var ids = (input.RepresentativeIds ?? []).Distinct().Where(x => x != s.FilerId && s.CoSigners.All(c => c.RepresentativeId != x)).ToList();
        if (ids.Count == 0) return UseCaseResult<int>.Invalid("representativeIds", "请选择要邀请的代表");
        if (s.CoSigners.Count + ids.Count > MaxCoSigners) return UseCaseResult<int>.Invalid("representativeIds", $"联名代表最多{MaxCoSigners}人");
        var found = await db.Set<Representative>().Where(r => ids.Contains(r.Id) && r.TermId == s.TermId && r.Status == RepresentativeStatus.InOffice)
            .Select(r => r.Id).ToListAsync(ct);
        var missing = ids.Except(found).ToList();
        if (missing.Count > 0) return UseCaseResult<int>.Invalid("representativeIds", $"以下代表不是本届在任代表：{string.Join("、", missing)}");
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var r in ids) s.CoSigners.Add(new SuggestionCoSigner { RepresentativeId = r, JurisdictionCode = s.JurisdictionCode, InvitedAt = now });
        await db.SaveChangesAsync(ct);
        return UseCaseResult<int>.Success(ids.Count);
    }

    /// <summary>An invited representative confirms (联名) before submission.</summary>
    public async Task<UseCaseResult<bool>> ConfirmAsync(long id, CancellationToken ct = default)
    {
        var s = await SuggestionAccess.LoadAsync(db, id, ct);
        if (s is null) return UseCaseResult<bool>.NotFound();
        var mine = s.CoSigners.FirstOrDefault(c => c.RepresentativeId == me.RepresentativeId);
        if (mine is null || !me.IsInRole(Roles.Representative))
            return UseCaseResult<bool>.Refused(403, "not-invited", "您没有被邀请联名", "You were not invited to co-sign");
        if (s.State is not ("draft" or "returned"))
            return UseCaseResult<bool>.Refused(409, "not-editable", "已提交，不能再联名", "It has been submitted; co-signing is closed");
        mine.ConfirmedAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return UseCaseResult<bool>.Success(true);
    }

    /// <summary>A co-unit sends its opinion to the lead unit (会办意见), which replies for all.</summary>
    public async Task<UseCaseResult<bool>> CoUnitOpinionAsync(long id, OpinionInput input, CancellationToken ct = default)
    {
        var s = await SuggestionAccess.LoadAsync(db, id, ct);
        if (s is null) return UseCaseResult<bool>.NotFound();
        var mine = s.Units.FirstOrDefault(u => u.Role == SuggestionTerms.Co && u.HandlingUnitId == me.UnitId);
        if (mine is null || !me.IsInRole(Roles.HandlingUnit))
            return UseCaseResult<bool>.Refused(403, "not-co-unit", "只有会办单位可以提交会办意见", "Only a co-unit sends an opinion to the lead unit");
        if (s.State is not ("assigned" or "in_progress"))
            return UseCaseResult<bool>.Refused(409, "not-in-handling", "该件不在办理中", "It is not being handled");
        var errors = new Dictionary<string, string[]>();
        var content = Text(input.Content, "content", 8000, required: true, errors);
        if (errors.Count > 0) return UseCaseResult<bool>.Invalid(errors);
        mine.Opinion = content;
        mine.OpinionAt = clock.GetUtcNow().UtcDateTime;
        mine.OpinionBy = me.UserName;
        await db.SaveChangesAsync(ct);
        return UseCaseResult<bool>.Success(true);
    }

    /// <summary>Logs a face-to-face meeting (见面沟通) with the filer; it lands in the filer's duty archive.</summary>
    public async Task<UseCaseResult<SuggestionMeeting>> MeetingAsync(long id, MeetingInput input, CancellationToken ct = default)
    {
        var s = await SuggestionAccess.LoadAsync(db, id, ct);
        if (s is null) return UseCaseResult<SuggestionMeeting>.NotFound();
        var allowed = SuggestionAccess.Overseers.Any(me.IsInRole) || (me.IsInRole(Roles.HandlingUnit) && me.UnitId is { } u && s.Units.Any(x => x.HandlingUnitId == u));
        if (!allowed) return UseCaseResult<SuggestionMeeting>.Refused(403, "not-handling", "只有承办单位或督办人员可以登记见面沟通", "Only the units or overseers log meetings");
        if (s.State is not ("registered" or "assigned" or "in_progress" or "replied"))
            return UseCaseResult<SuggestionMeeting>.Refused(409, "not-in-handling", "该件不在办理中", "It is not being handled");
        var errors = new Dictionary<string, string[]>();
        var today = ChinaTime.Today(clock);
        if (!ChinaTime.TryDate(input.HeldOn, out var heldOn) || heldOn > today || heldOn < today.AddYears(-2))
            errors["heldOn"] = ["见面日期应为两年内、不晚于今天的日期（yyyy-MM-dd）"];
        var place = Text(input.Place, "place", 200, required: true, errors);
        var participants = Text(input.Participants, "participants", 1000, required: true, errors);
        var notes = Text(input.Notes, "notes", 4000, required: false, errors);
        if (errors.Count > 0) return UseCaseResult<SuggestionMeeting>.Invalid(errors);
        var meeting = new SuggestionMeeting
        {
            SuggestionId = s.Id, JurisdictionCode = s.JurisdictionCode, HeldOn = heldOn, Place = place!, Participants = participants!,
            Notes = notes, RecordedAt = clock.GetUtcNow().UtcDateTime, RecordedBy = me.UserName ?? "",
        };
        db.Add(meeting);
        await db.SaveChangesAsync(ct);
        await DutyArchive.RecordAsync(db, new DutyEntry(s.FilerId, DutyKinds.SuggestionMeeting, heldOn,
            $"就{SuggestionTerms.KindLabel(s.Kind, false)}“{s.Title}”与承办单位见面沟通", SuggestionActions.DutySource,
            "meeting-" + meeting.Id.ToString(CultureInfo.InvariantCulture), place), ct);
        await db.SaveChangesAsync(ct);
        return UseCaseResult<SuggestionMeeting>.Success(meeting, 201);
    }

    private async Task<string> PeriodAsync(long termId, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        return await db.Set<Session>().AnyAsync(x => x.TermId == termId && x.StartsOn <= today && x.EndsOn >= today, ct)
            ? SuggestionTerms.Session : SuggestionTerms.Recess;
    }

    internal static string? Text(string? value, string field, int max, bool required, Dictionary<string, string[]> errors)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            if (required) errors[field] = ["必填"];
            return null;
        }
        if (v.Length > max) errors[field] = [$"不能超过{max}字"];
        if (v.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) errors[field] = ["含有不可见的控制字符"];
        return v;
    }

    internal static UseCaseResult<T> Refused<T>(WorkflowResult r) => r.Refusal is { Code: WorkflowRefusal.InvalidInputCode } bad
        ? UseCaseResult<T>.Invalid(bad.Field ?? "body", bad.Zh)
        : UseCaseResult<T>.Refused(r.Refusal is { Code: WorkflowRefusal.StaleVersionCode } ? 412 : 409, r.Refusal!.Code, r.Refusal.Zh, r.Refusal.En);
}
