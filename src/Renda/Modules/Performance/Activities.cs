using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Renda.Modules.Representatives;
using Renda.Platform.Auth;
using Renda.Platform.Calendar;
using Renda.Platform.Data;
using Renda.Platform.Http;

namespace Renda.Modules.Performance;

public sealed record ActivityInput(string? Type, string? Title, string? Date, string? Place, string? Organiser);

public sealed record AttendanceInput(long RepresentativeId, string? Status, string? Reason);

public sealed record InvitationView(long RepresentativeId, string Name, string Attendance, string? Reason);

public sealed record ActivityView(long Id, string Type, string TypeLabel, string Title, DateOnly Date, string Place, string Organiser,
    int Invited, int Present, IReadOnlyList<InvitationView> Invitations);

public sealed record ActivityListItem(long Id, string Type, string TypeLabel, string Title, DateOnly Date, string Place, int Invited, int Present);

/// <summary>A representative who could be invited, with how often they took part this term (fewest first).</summary>
public sealed record InviteCandidate(long RepresentativeId, string Name, string DelegationGroup, int Attended, int Invited, bool AlreadyInvited);

/// <summary>Activities staff organise, whom they invite and who came. Attendance writes (or withdraws) the
/// duty record of each present representative in the same transaction; an unexcused absence is what a
/// rulebook's deduction counts.</summary>
public sealed class Activities(AppDbContext db, ICurrentUser me, TimeProvider clock)
{
    public const string SourceModule = "activities";
    public static readonly string[] Organisers = [Roles.CongressStaff];

    public static string AttendanceId(Attendance a) => a switch
    {
        Attendance.Present => "present", Attendance.Excused => "excused", Attendance.Absent => "absent", _ => "invited",
    };

    public static string AttendanceLabel(Attendance a, bool english) => (a, english) switch
    {
        (Attendance.Present, false) => "出席", (Attendance.Excused, false) => "请假", (Attendance.Absent, false) => "缺席",
        (Attendance.Present, true) => "Present", (Attendance.Excused, true) => "Excused", (Attendance.Absent, true) => "Absent",
        (_, false) => "已邀请", _ => "Invited",
    };

    public async Task<UseCaseResult<ActivityView>> CreateAsync(ActivityInput input, CancellationToken ct = default)
    {
        if (!Organisers.Any(me.IsInRole) || me.ScopeCode is not { Length: > 0 } scope || !Platform.Jurisdictions.Jurisdiction.IsWellFormed(scope))
            return UseCaseResult<ActivityView>.Refused(403, "not-organiser", "只有人大工作人员可以组织活动", "Only congress staff organise activities");
        var errors = new Dictionary<string, string[]>();
        var type = ActivityTypes.Find(input.Type?.Trim());
        if (type is null) errors["type"] = ["未知的活动类型 / unknown activity type"];
        var title = input.Title?.Trim() ?? "";
        if (title.Length is 0 or > 200) errors["title"] = ["请填写活动名称（200字以内）/ a title of at most 200 characters"];
        if (!ChinaTime.TryDate(input.Date?.Trim(), out var date)) errors["date"] = ["日期格式应为 2026-03-15 / a date such as 2026-03-15"];
        var place = input.Place?.Trim() ?? "";
        if (place.Length is 0 or > 200) errors["place"] = ["请填写地点（200字以内）/ a place of at most 200 characters"];
        var organiser = input.Organiser?.Trim() ?? "";
        if (organiser.Length is 0 or > 100) errors["organiser"] = ["请填写组织单位（100字以内）/ an organiser of at most 100 characters"];
        if (errors.Count > 0) return UseCaseResult<ActivityView>.Invalid(errors);
        var a = new Activity
        {
            JurisdictionCode = scope, Type = type!.Id, Title = title, Date = date, Place = place, Organiser = organiser,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(a);
        await db.SaveChangesAsync(ct);
        return UseCaseResult<ActivityView>.Success((await GetAsync(a.Id, false, ct)).Value!, 201);
    }

    public async Task<UseCaseResult<ActivityView>> GetAsync(long id, bool english, CancellationToken ct = default)
    {
        var a = await db.Set<Activity>().AsNoTracking().Include(x => x.Invitations).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return UseCaseResult<ActivityView>.NotFound();
        var ids = a.Invitations.Select(i => i.RepresentativeId).ToList();
        var names = await db.Set<Representative>().AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var type = ActivityTypes.Find(a.Type);
        var invitations = a.Invitations.OrderBy(i => i.Id).Select(i => new InvitationView(i.RepresentativeId,
            names.GetValueOrDefault(i.RepresentativeId, ""), AttendanceId(i.Attendance), i.Reason)).ToList();
        return UseCaseResult<ActivityView>.Success(new ActivityView(a.Id, a.Type, english ? type?.En ?? a.Type : type?.Zh ?? a.Type, a.Title,
            a.Date, a.Place, a.Organiser, invitations.Count, a.Invitations.Count(i => i.Attendance == Attendance.Present), invitations));
    }

    public async Task<UseCaseResult<Paged<ActivityListItem>>> ListAsync(string? year, int? page, int? pageSize, bool english, CancellationToken ct = default)
    {
        var q = db.Set<Activity>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(year))
        {
            if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 2000 or > 2100)
                return UseCaseResult<Paged<ActivityListItem>>.Invalid("year", "年份应为四位数字 / a four-digit year");
            q = q.Where(a => a.Date >= new DateOnly(y, 1, 1) && a.Date <= new DateOnly(y, 12, 31));
        }
        var (p, size) = Paging.Normalize(page, pageSize);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(a => a.Date).ThenByDescending(a => a.Id).Skip((p - 1) * size).Take(size)
            .Select(a => new { a.Id, a.Type, a.Title, a.Date, a.Place, Invited = a.Invitations.Count,
                Present = a.Invitations.Count(i => i.Attendance == Attendance.Present) }).ToListAsync(ct);
        var items = rows.Select(a => new ActivityListItem(a.Id, a.Type, ActivityTypes.Find(a.Type) is { } t ? (english ? t.En : t.Zh) : a.Type,
            a.Title, a.Date, a.Place, a.Invited, a.Present)).ToList();
        return UseCaseResult<Paged<ActivityListItem>>.Success(new Paged<ActivityListItem>(items, total, p, size));
    }

    /// <summary>Representatives in office of the activity's jurisdiction, those who took part least this term first
    /// (attended, then invited, then id), so that over a term everyone takes part.</summary>
    public async Task<UseCaseResult<IReadOnlyList<InviteCandidate>>> CandidatesAsync(long activityId, int? take, CancellationToken ct = default)
    {
        var a = await db.Set<Activity>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == activityId, ct);
        if (a is null) return UseCaseResult<IReadOnlyList<InviteCandidate>>.NotFound();
        var invited = (await db.Set<ActivityInvitation>().AsNoTracking().Where(i => i.ActivityId == activityId)
            .Select(i => i.RepresentativeId).ToListAsync(ct)).ToHashSet();
        var reps = await db.Set<Representative>().AsNoTracking()
            .Where(r => r.Status == RepresentativeStatus.InOffice && r.JurisdictionCode.StartsWith(a.JurisdictionCode))
            .Select(r => new { r.Id, r.Name, Group = r.DelegationGroup!.Name, r.TermId }).ToListAsync(ct);
        // A representative row belongs to one term, so all of its invitations are this term's.
        var counts = await db.Set<ActivityInvitation>().AsNoTracking().GroupBy(i => i.RepresentativeId)
            .Select(g => new { Id = g.Key, Attended = g.Count(i => i.Attendance == Attendance.Present), Invited = g.Count() })
            .ToDictionaryAsync(x => x.Id, ct);
        var list = reps.Select(r => new InviteCandidate(r.Id, r.Name, r.Group, counts.GetValueOrDefault(r.Id)?.Attended ?? 0,
                counts.GetValueOrDefault(r.Id)?.Invited ?? 0, invited.Contains(r.Id)))
            .OrderBy(c => c.Attended).ThenBy(c => c.Invited).ThenBy(c => c.RepresentativeId).Take(Math.Clamp(take ?? 50, 1, 1000)).ToList();
        return UseCaseResult<IReadOnlyList<InviteCandidate>>.Success(list);
    }

    public async Task<UseCaseResult<ActivityView>> InviteAsync(long activityId, IReadOnlyList<long>? representativeIds, CancellationToken ct = default)
    {
        if (!Organisers.Any(me.IsInRole)) return UseCaseResult<ActivityView>.Refused(403, "not-organiser", "只有人大工作人员可以邀请代表", "Only congress staff invite");
        var a = await db.Set<Activity>().Include(x => x.Invitations).SingleOrDefaultAsync(x => x.Id == activityId, ct);
        if (a is null) return UseCaseResult<ActivityView>.NotFound();
        var ids = (representativeIds ?? []).Distinct().ToList();
        if (ids.Count is 0 or > 1000) return UseCaseResult<ActivityView>.Invalid("representativeIds", "请选择1至1000名代表 / choose 1 to 1000 representatives");
        var reps = await db.Set<Representative>().Where(r => ids.Contains(r.Id) && r.JurisdictionCode.StartsWith(a.JurisdictionCode))
            .Select(r => new { r.Id, r.JurisdictionCode }).ToListAsync(ct);
        var missing = ids.Except(reps.Select(r => r.Id)).ToList();
        if (missing.Count > 0)
            return UseCaseResult<ActivityView>.Invalid("representativeIds", $"不在本辖区的代表：{string.Join(",", missing)} / not in this jurisdiction");
        foreach (var r in reps.Where(r => a.Invitations.All(i => i.RepresentativeId != r.Id)))
            a.Invitations.Add(new ActivityInvitation { RepresentativeId = r.Id, JurisdictionCode = r.JurisdictionCode });
        await db.SaveChangesAsync(ct);
        return await GetAsync(activityId, false, ct);
    }

    /// <summary>Records attendance: present writes the duty record of the activity's kind; excused needs a reason;
    /// a change away from present withdraws the record. All in one transaction.</summary>
    public async Task<UseCaseResult<ActivityView>> RecordAttendanceAsync(long activityId, IReadOnlyList<AttendanceInput>? entries, CancellationToken ct = default)
    {
        if (!Organisers.Any(me.IsInRole)) return UseCaseResult<ActivityView>.Refused(403, "not-organiser", "只有人大工作人员可以登记出勤", "Only congress staff record attendance");
        var a = await db.Set<Activity>().Include(x => x.Invitations).SingleOrDefaultAsync(x => x.Id == activityId, ct);
        if (a is null) return UseCaseResult<ActivityView>.NotFound();
        var list = entries ?? [];
        var errors = new Dictionary<string, string[]>();
        if (list.Count == 0) errors["entries"] = ["请登记至少一名代表的出勤 / at least one entry"];
        var parsed = new List<(ActivityInvitation Invitation, Attendance Status, string? Reason)>();
        for (var i = 0; i < list.Count; i++)
        {
            var e = list[i];
            var inv = a.Invitations.FirstOrDefault(x => x.RepresentativeId == e.RepresentativeId);
            if (inv is null) { errors[$"entries[{i}].representativeId"] = ["该代表未受邀 / not invited"]; continue; }
            Attendance? status = e.Status?.Trim() switch
            {
                "present" => Attendance.Present, "excused" => Attendance.Excused, "absent" => Attendance.Absent, "invited" => Attendance.Invited, _ => null,
            };
            if (status is null) { errors[$"entries[{i}].status"] = ["应为 present、excused 或 absent"]; continue; }
            var reason = string.IsNullOrWhiteSpace(e.Reason) ? null : e.Reason.Trim();
            if (status == Attendance.Excused && reason is null) errors[$"entries[{i}].reason"] = ["请假须说明理由 / an excused absence needs a reason"];
            if (reason?.Length > 500) errors[$"entries[{i}].reason"] = ["不能超过500字 / at most 500 characters"];
            parsed.Add((inv, status.Value, reason));
        }
        if (errors.Count > 0) return UseCaseResult<ActivityView>.Invalid(errors);

        var type = ActivityTypes.Find(a.Type)!;
        var sourceId = "activity:" + a.Id.ToString(CultureInfo.InvariantCulture);
        foreach (var (inv, status, reason) in parsed)
        {
            inv.Attendance = status;
            inv.Reason = status == Attendance.Present ? null : reason;
            if (status == Attendance.Present)
                await DutyArchive.RecordAsync(db, new DutyEntry(inv.RepresentativeId, type.DutyKind, a.Date, $"{type.Zh}：{a.Title}",
                    SourceModule, sourceId, $"{a.Place} · {a.Organiser}"), ct);
            else
                await DutyArchive.WithdrawAsync(db, SourceModule, sourceId, inv.RepresentativeId, type.DutyKind, ct);
        }
        await db.SaveChangesAsync(ct);
        return await GetAsync(activityId, false, ct);
    }
}
