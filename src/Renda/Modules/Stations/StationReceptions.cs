using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Renda.Modules.Performance;
using Renda.Modules.Representatives;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Calendar;

namespace Renda.Modules.Stations;

/// <summary>A reception as the form or the API sends it. <see cref="Kind"/> is <c>reception_day</c>,
/// <c>unified_meeting_day</c>, <c>evening_visit</c> or <c>other</c>; the date <c>yyyy-MM-dd</c> and the
/// times <c>H:mm</c> are China Standard Time; <see cref="Items"/> are the matters raised, one each.</summary>
public sealed record ReceptionInput(string? Date = null, string? StartTime = null, string? EndTime = null, string? Kind = null,
    IReadOnlyList<long>? RepresentativeIds = null, int? CitizenCount = null, string? Summary = null, IReadOnlyList<string>? Items = null,
    long? ScheduleRuleId = null);

public sealed record ReceptionItemView(int Ordinal, string Text, long? OpinionId);

public sealed record ReceptionView(long Id, long StationId, string StationName, ReceptionKind Kind, string KindLabel, DateOnly Date,
    string? StartTime, string? EndTime, long? ScheduleRuleId, int CitizenCount, string Summary, IReadOnlyList<NamedRepresentative> Receivers,
    IReadOnlyList<ReceptionItemView> Items, string RecordedBy, DateTime RecordedAt);

/// <summary>The reception log of a station: staff and the station's own manager record what happened;
/// each receiving representative gets a duty record (一人一档) through <see cref="DutyArchive"/>, in the
/// same transaction as the reception.</summary>
public sealed class StationReceptions(AppDbContext db, StationAccess access, TimeProvider clock)
{
    public const string SourceModule = "stations";
    public const int MaxItems = 50;
    public const int MaxCitizens = 10_000;

    public static readonly IReadOnlyList<(string Id, ReceptionKind Kind)> Kinds =
    [
        ("reception_day", ReceptionKind.ReceptionDay), ("unified_meeting_day", ReceptionKind.UnifiedMeetingDay),
        ("evening_visit", ReceptionKind.EveningVisit), ("other", ReceptionKind.Other),
    ];

    public async Task<UseCaseResult<ReceptionView>> RecordAsync(long stationId, ReceptionInput input, bool english = false,
        CancellationToken ct = default)
    {
        var station = await access.Visible(db.Set<Station>()).SingleOrDefaultAsync(s => s.Id == stationId, ct);
        if (station is null) return UseCaseResult<ReceptionView>.NotFound();
        if (!access.CanEdit(station))
            return UseCaseResult<ReceptionView>.Refused(403, "forbidden", "无权登记此家站点的接待", "You may not log receptions of this station");

        var errors = new Dictionary<string, string[]>();
        var today = ChinaTime.Today(clock);
        DateOnly date = default;
        if (string.IsNullOrWhiteSpace(input.Date)) errors["date"] = ["必填 / required"];
        else if (!ChinaTime.TryDate(input.Date, out date)) errors["date"] = ["日期格式应为 yyyy-MM-dd / date as yyyy-MM-dd"];
        else if (date > today) errors["date"] = ["接待日期不能晚于今天 / a reception is logged after it happened: not in the future"];
        else if (date < today.AddYears(-5)) errors["date"] = ["日期过早 / too long ago"];
        var start = OptionalTime(input.StartTime, "startTime", errors);
        var end = OptionalTime(input.EndTime, "endTime", errors);
        if (start is { } s && end is { } e && e <= s) errors["endTime"] = ["结束时间应晚于开始时间 / must be after the start time"];
        var kind = ReceptionKind.ReceptionDay;
        if (!string.IsNullOrWhiteSpace(input.Kind))
        {
            kind = Kinds.FirstOrDefault(k => k.Id == input.Kind.Trim()).Kind;
            if (kind == 0) errors["kind"] = ["应为 reception_day、unified_meeting_day、evening_visit 或 other / unknown kind"];
        }
        if (input.CitizenCount is null) errors["citizenCount"] = ["必填 / required"];
        else if (input.CitizenCount is < 0 or > MaxCitizens) errors["citizenCount"] = [$"接待人次应为 0–{MaxCitizens} / must be 0–{MaxCitizens}"];
        var summary = StationInputs.Text(input.Summary, 2000, "summary", errors);
        var items = (input.Items ?? []).Select(i => i?.Trim() ?? "").Where(i => i.Length > 0).ToList();
        if (items.Count > MaxItems) errors["items"] = [$"最多 {MaxItems} 项 / at most {MaxItems} items"];
        else if (items.Any(i => i.Length > 500)) errors["items"] = ["每项最多 500 个字符 / at most 500 characters each"];
        var ids = (input.RepresentativeIds ?? []).Distinct().ToList();
        if (ids.Count == 0) errors["representativeIds"] = ["请选择接待的代表 / choose the representatives who received"];
        else if (ids.Count > 30) errors["representativeIds"] = ["最多 30 名 / at most 30"];
        else if (await db.Set<Representative>().CountAsync(r => ids.Contains(r.Id), ct) != ids.Count)
            errors["representativeIds"] = ["有代表不存在或不在本辖区 / unknown representative"];
        if (input.ScheduleRuleId is { } ruleId && !await db.Set<ReceptionScheduleRule>().AnyAsync(r => r.Id == ruleId && r.StationId == stationId, ct))
            errors["scheduleRuleId"] = ["不是本家站点的接待规则 / not a schedule rule of this station"];
        if (errors.Count > 0) return UseCaseResult<ReceptionView>.Invalid(errors);

        var reception = new Reception
        {
            StationId = stationId, JurisdictionCode = station.JurisdictionCode, Kind = kind, Date = date, StartTime = start, EndTime = end,
            ScheduleRuleId = input.ScheduleRuleId, CitizenCount = input.CitizenCount!.Value, Summary = summary,
            RecordedAt = clock.GetUtcNow().UtcDateTime, RecordedBy = db.CurrentUser.UserName ?? "system",
        };
        foreach (var id in ids)
            reception.Receivers.Add(new ReceptionReceiver { Reception = reception, RepresentativeId = id, JurisdictionCode = station.JurisdictionCode });
        for (var i = 0; i < items.Count; i++)
            reception.Items.Add(new ReceptionItem { Reception = reception, JurisdictionCode = station.JurisdictionCode, Ordinal = i + 1, Text = items[i] });

        await SaveWithDutyRecordsAsync(db, station, reception, ct);
        return UseCaseResult<ReceptionView>.Success((await ViewsAsync(db.Set<Reception>().Where(r => r.Id == reception.Id), english, ct)).Single(), 201);
    }

    /// <summary>Saves a new reception and the duty record of each receiver in one transaction: the
    /// reception first (its id is the records' source id), then the records. If either save fails,
    /// neither is written. Used by the use case above and by the demo.</summary>
    public static async Task SaveWithDutyRecordsAsync(AppDbContext db, Station station, Reception reception, CancellationToken ct)
    {
        var ownTx = db.Database.CurrentTransaction is null ? await db.BeginWriteTransactionAsync(ct) : null;
        try
        {
            db.Add(reception);
            await db.SaveChangesAsync(ct);
            foreach (var receiver in reception.Receivers)
                await DutyArchive.RecordAsync(db, DutyEntryFor(station, reception, receiver.RepresentativeId), ct);
            await db.SaveChangesAsync(ct);
            if (ownTx is not null) await ownTx.CommitAsync(ct);
        }
        catch
        {
            if (ownTx is not null)
            {
                await ownTx.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();   // what the first save marked as saved is not in the database
            }
            throw;
        }
        finally
        {
            if (ownTx is not null) await ownTx.DisposeAsync();
        }
    }

    /// <summary>The archive entry of a reception for one of its receivers.</summary>
    public static DutyEntry DutyEntryFor(Station station, Reception reception, long representativeId)
    {
        var when = reception.StartTime is { } st ? " " + ChinaTime.Format(st) + (reception.EndTime is { } et ? "–" + ChinaTime.Format(et) : "") : "";
        var title = $"在{station.Name}接待选民 {reception.CitizenCount.ToString(CultureInfo.InvariantCulture)} 人次";
        var detail = $"{Reception.KindLabel(reception.Kind, false)}{when}" +
            (reception.Items.Count > 0 ? "：" + string.Join("；", reception.Items.OrderBy(i => i.Ordinal).Select(i => i.Text)) : "");
        return new DutyEntry(representativeId, DutyKinds.Reception, reception.Date, title, SourceModule,
            "reception:" + reception.Id.ToString(CultureInfo.InvariantCulture), detail);
    }

    /// <summary>The station's receptions, newest first, optionally between two dates.</summary>
    public async Task<UseCaseResult<Paged<ReceptionView>>> ListAsync(long stationId, string? from, string? to, int? page, int? pageSize,
        bool english = false, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        DateOnly? f = null, t = null;
        if (!string.IsNullOrWhiteSpace(from)) { if (ChinaTime.TryDate(from, out var x)) f = x; else errors["from"] = ["日期格式应为 yyyy-MM-dd / date as yyyy-MM-dd"]; }
        if (!string.IsNullOrWhiteSpace(to)) { if (ChinaTime.TryDate(to, out var x)) t = x; else errors["to"] = ["日期格式应为 yyyy-MM-dd / date as yyyy-MM-dd"]; }
        if (errors.Count > 0) return UseCaseResult<Paged<ReceptionView>>.Invalid(errors);
        if (!await access.Visible(db.Set<Station>()).AnyAsync(s => s.Id == stationId, ct)) return UseCaseResult<Paged<ReceptionView>>.NotFound();

        var (p, size) = Paging.Normalize(page, pageSize);
        var q = db.Set<Reception>().Where(r => r.StationId == stationId);
        if (f is { } ff) q = q.Where(r => r.Date >= ff);
        if (t is { } tt) q = q.Where(r => r.Date <= tt);
        var total = await q.CountAsync(ct);
        var pageIds = await q.OrderByDescending(r => r.Date).ThenByDescending(r => r.Id).Skip((p - 1) * size).Take(size).Select(r => r.Id).ToListAsync(ct);
        var views = await ViewsAsync(db.Set<Reception>().Where(r => pageIds.Contains(r.Id)), english, ct);
        return UseCaseResult<Paged<ReceptionView>>.Success(new Paged<ReceptionView>(
            views.OrderByDescending(v => v.Date).ThenByDescending(v => v.Id).ToList(), total, p, size));
    }

    private static async Task<List<ReceptionView>> ViewsAsync(IQueryable<Reception> q, bool english, CancellationToken ct)
    {
        var rows = await q.AsNoTracking().Include(r => r.Station).Include(r => r.Items)
            .Include(r => r.Receivers).ThenInclude(x => x.Representative).AsSplitQuery().ToListAsync(ct);
        return rows.Select(r => new ReceptionView(r.Id, r.StationId, r.Station!.Name, r.Kind, Reception.KindLabel(r.Kind, english), r.Date,
            r.StartTime is { } s ? ChinaTime.Format(s) : null, r.EndTime is { } e ? ChinaTime.Format(e) : null, r.ScheduleRuleId,
            r.CitizenCount, r.Summary,
            r.Receivers.Where(x => x.Representative is not null).OrderBy(x => x.RepresentativeId)
                .Select(x => new NamedRepresentative(x.RepresentativeId, x.Representative!.Name)).ToList(),
            r.Items.OrderBy(i => i.Ordinal).Select(i => new ReceptionItemView(i.Ordinal, i.Text, i.OpinionId)).ToList(),
            r.RecordedBy, r.RecordedAt)).ToList();
    }

    private static TimeOnly? OptionalTime(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (ChinaTime.TryTime(text, out var t)) return t;
        errors[field] = ["时间格式应为 H:mm，如 9:00 / time as H:mm, e.g. 9:00"];
        return null;
    }
}
