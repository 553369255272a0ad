using Microsoft.EntityFrameworkCore;
using Renda.Platform.Auth;
using Renda.Platform.Calendar;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Workflow;

namespace Renda.Modules.Performance;

/// <summary>自主登记的审核: a representative submits, staff approve or return (with a reason).</summary>
public static class SelfReportWorkflow
{
    public static readonly WorkflowDefinition<SelfReport> Definition = new WorkflowDefinition<SelfReport>("self_report")
        .On(WorkflowDefinition.New, "submit", "pending", Roles.Representative)
        .On("pending", "approve", "approved", Roles.CongressStaff)
        .On("pending", "return", "returned", Roles.CongressStaff)
        .Final("approved", "returned");

    public sealed record ReturnInput(string? Reason);

    /// <summary>What approve and return do to the duty record behind the report (loaded with it).</summary>
    public static readonly WorkflowEffects<SelfReport> Effects = new WorkflowEffects<SelfReport>()
        .On("approve", Approve)
        .On<ReturnInput>("return", (step, input) => Return(step, input.Reason));

    public static void Approve(WorkflowStep<SelfReport> step) => step.Entity.Record!.State = DutyRecordState.Approved;

    public static void Return(WorkflowStep<SelfReport> step, string? reason)
    {
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason)) { step.Invalid("reason", "退回须说明理由", "A reason is required to return a record."); return; }
        if (reason.Length > 1000) { step.Invalid("reason", "理由不能超过1000字", "The reason may not exceed 1000 characters."); return; }
        step.Entity.ReturnReason = reason;
        step.Entity.Record!.State = DutyRecordState.Rejected;
        step.Comment ??= reason;
    }
}

public sealed record SelfReportInput(string? Kind, string? Date, string? Description);

public sealed record SelfReportView(long Id, long RepresentativeId, string RepresentativeName, DateOnly Date, string Description,
    string? ReturnReason, string? EvidenceName, string? EvidenceType, string? EvidenceUrl, DateTime SubmittedAt)
{
    public static SelfReportView From(SelfReport r) => new(r.Id, r.RepresentativeId, r.RepresentativeName ?? "", r.Date, r.Description,
        r.ReturnReason, r.EvidenceName, r.EvidenceType, r.EvidenceType is null ? null : $"/api/duty-records/{r.Id}/evidence", r.SubmittedAt);
}

public sealed record SelfReportListItem(long Id, long RepresentativeId, string RepresentativeName, DateOnly Date, string Description,
    string State, bool HasEvidence, DateTime SubmittedAt);

/// <summary>Evidence of a self-registered record: a photo (JPEG, PNG, WebP) or a PDF, as its bytes say.</summary>
public static class Evidence
{
    public const int MaxBytes = 8 * 1024 * 1024;

    public static string? ContentTypeOf(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return "image/jpeg";
        if (b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        if (b.StartsWith("%PDF-"u8)) return "application/pdf";
        return null;
    }

    /// <summary>The reason a file is refused, or null when it is acceptable.</summary>
    public static string? Problem(byte[] bytes) =>
        bytes.Length == 0 ? "文件为空 / the file is empty"
        : bytes.Length > MaxBytes ? "证明材料不能超过 8 MB / the evidence must be at most 8 MB"
        : ContentTypeOf(bytes) is null ? "只接受 JPEG、PNG、WebP 图片或 PDF 文件 / only JPEG, PNG or WebP photos or PDF files are accepted"
        : null;
}

/// <summary>Self-registration of duty records (自主登记) and the staff's review list.</summary>
public sealed class SelfRegistration(AppDbContext db, ICurrentUser me, WorkflowEngine engine, TimeProvider clock)
{
    public const string SourceModule = "performance";

    public async Task<UseCaseResult<SelfReport>> SubmitAsync(SelfReportInput input, byte[]? evidence, string? evidenceName,
        CancellationToken ct = default)
    {
        if (me.RepresentativeId is not { } repId || !me.IsInRole(Roles.Representative))
            return UseCaseResult<SelfReport>.Refused(403, "not-a-representative", "只有代表本人可以自主登记", "Only a representative can register their own activities");
        var errors = new Dictionary<string, string[]>();
        var kind = input.Kind?.Trim();
        if (string.IsNullOrEmpty(kind)) kind = DutyKinds.SelfReported;
        if (kind != DutyKinds.SelfReported)
            errors["kind"] = ["只能登记 self_reported 类别，其他类别由各模块自动记录 / only self_reported; other kinds are written by the modules"];
        var today = ChinaTime.Today(clock);
        if (!ChinaTime.TryDate(input.Date?.Trim(), out var date)) errors["date"] = ["日期格式应为 2026-03-15 / a date such as 2026-03-15"];
        else if (date > today) errors["date"] = ["不能登记将来的活动 / the date may not be in the future"];
        else if (date < today.AddYears(-2)) errors["date"] = ["只能登记两年内的活动 / at most two years back"];
        var description = input.Description?.Trim() ?? "";
        if (description.Length == 0) errors["description"] = ["请填写活动内容 / describe the activity"];
        else if (description.Length > 1000) errors["description"] = ["不能超过1000字 / at most 1000 characters"];
        if (evidence is not null && Evidence.Problem(evidence) is { } bad) errors["evidence"] = [bad];
        if (errors.Count > 0) return UseCaseResult<SelfReport>.Invalid(errors);

        await using var tx = await db.BeginWriteTransactionAsync(ct);
        var title = description.Length <= 60 ? description : description[..60] + "…";
        var record = await DutyArchive.RecordAsync(db, new DutyEntry(repId, DutyKinds.SelfReported, date, title, SourceModule,
            "self:" + Guid.NewGuid().ToString("N"), description, DutyRecordState.Pending), ct);
        await db.SaveChangesAsync(ct);
        var report = new SelfReport
        {
            Id = record.Id, RepresentativeId = repId, JurisdictionCode = record.JurisdictionCode, Date = date, Description = description,
            SubmittedAt = clock.GetUtcNow().UtcDateTime, Record = record,
            Evidence = evidence, EvidenceType = evidence is null ? null : Evidence.ContentTypeOf(evidence),
            EvidenceName = evidence is null ? null : Clip(Path.GetFileName(evidenceName ?? "evidence"), 200),
        };
        var result = await engine.StartAsync(SelfReportWorkflow.Definition, report, "submit", me, ct: ct);
        if (!result.Succeeded)
            return UseCaseResult<SelfReport>.Refused(403, result.Refusal!.Code, result.Refusal.Zh, result.Refusal.En);
        await tx.CommitAsync(ct);
        return UseCaseResult<SelfReport>.Success(report, 201);
    }

    /// <summary>Attaches (or replaces) the evidence of one's own pending report.</summary>
    public async Task<UseCaseResult<SelfReport>> AttachAsync(long id, byte[] bytes, string? name, CancellationToken ct = default)
    {
        var report = await LoadAsync(db, id, ct);
        if (report is null) return UseCaseResult<SelfReport>.NotFound();
        if (report.RepresentativeId != me.RepresentativeId)
            return UseCaseResult<SelfReport>.Refused(403, "not-own-record", "只能为本人的登记上传材料", "Only the representative who registered it may attach evidence");
        if (report.State != "pending")
            return UseCaseResult<SelfReport>.Refused(409, "not-pending", "已审核的登记不能再改", "A reviewed record can no longer be changed");
        if (Evidence.Problem(bytes) is { } bad) return UseCaseResult<SelfReport>.Invalid("evidence", bad);
        report.Evidence = bytes;
        report.EvidenceType = Evidence.ContentTypeOf(bytes);
        report.EvidenceName = Clip(Path.GetFileName(name ?? "evidence"), 200);
        await db.SaveChangesAsync(ct);
        return UseCaseResult<SelfReport>.Success(report);
    }

    /// <summary>A report with its duty record and its representative's name; a representative sees only their own.</summary>
    public static async Task<SelfReport?> LoadAsync(AppDbContext db, long id, CancellationToken ct)
    {
        var report = await db.Set<SelfReport>().Include(r => r.Record).SingleOrDefaultAsync(r => r.Id == id, ct);
        if (report is null) return null;
        var user = db.CurrentUser;
        if (!user.IsInRole(Roles.CongressStaff) && !user.IsInRole(Roles.Leader) && user.RepresentativeId != report.RepresentativeId) return null;
        report.RepresentativeName = await db.Set<Representatives.Representative>().Where(r => r.Id == report.RepresentativeId)
            .Select(r => r.Name).SingleOrDefaultAsync(ct);
        return report;
    }

    /// <summary>Staff: the reports of their jurisdiction (pending first by default); a representative: their own.</summary>
    public async Task<UseCaseResult<Paged<SelfReportListItem>>> ListAsync(string? state, int? page, int? pageSize, CancellationToken ct = default)
    {
        var s = string.IsNullOrWhiteSpace(state) ? null : state.Trim();
        if (s is not null && !SelfReportWorkflow.Definition.States.Contains(s))
            return UseCaseResult<Paged<SelfReportListItem>>.Invalid("state", "未知的状态 / unknown state");
        var q = db.Set<SelfReport>().AsNoTracking();
        if (!me.IsInRole(Roles.CongressStaff) && !me.IsInRole(Roles.Leader))
        {
            if (me.RepresentativeId is not { } own) return UseCaseResult<Paged<SelfReportListItem>>.Refused(403, "forbidden", "无权查看", "Not allowed");
            q = q.Where(r => r.RepresentativeId == own);
        }
        if (s is not null) q = q.Where(r => r.State == s);
        var (p, size) = Paging.Normalize(page, pageSize);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(r => r.Id).Skip((p - 1) * size).Take(size)
            .Join(db.Set<Representatives.Representative>(), r => r.RepresentativeId, x => x.Id, (r, x) => new SelfReportListItem(
                r.Id, r.RepresentativeId, x.Name, r.Date, r.Description, r.State, r.EvidenceType != null, r.SubmittedAt))
            .ToListAsync(ct);
        return UseCaseResult<Paged<SelfReportListItem>>.Success(new Paged<SelfReportListItem>(items, total, p, size));
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}
