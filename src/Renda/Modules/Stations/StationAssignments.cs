using Microsoft.EntityFrameworkCore;
using Renda.Modules.Representatives;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Calendar;

namespace Renda.Modules.Stations;

/// <summary>How near a station is to where a representative serves, by their jurisdiction codes.</summary>
public enum Proximity { None = 0, SameCounty = 1, SameTownship = 2, SameVillage = 3 }

/// <summary>编组进站 就近: the pure rule that proposes stations for representatives who have none.</summary>
public static class GroupingRule
{
    public sealed record RepresentativePlace(long Id, string JurisdictionCode);
    public sealed record StationPlace(long Id, string JurisdictionCode, StationKind Kind, int AssignedCount);
    public sealed record Candidate(long StationId, Proximity Proximity);

    /// <summary>Same village (both codes 12 digits and equal) &gt; same township (first 9 digits) &gt;
    /// same county (first 6); anything farther is no candidate.</summary>
    public static Proximity Of(string representativeCode, string stationCode)
    {
        static bool Share(string a, string b, int n) => a.Length >= n && b.Length >= n && string.CompareOrdinal(a, 0, b, 0, n) == 0;
        if (representativeCode.Length == 12 && stationCode.Length == 12 && representativeCode == stationCode) return Proximity.SameVillage;
        if (Share(representativeCode, stationCode, 9)) return Proximity.SameTownship;
        if (Share(representativeCode, stationCode, 6)) return Proximity.SameCounty;
        return Proximity.None;
    }

    /// <summary>The candidate stations for one representative, best first: nearest, then a 代表之家 or
    /// 联络站 before a 联络点 (the township's main place takes its township's representatives), then the
    /// station with fewer representatives (to spread them), then the older station.</summary>
    public static IReadOnlyList<Candidate> CandidatesFor(RepresentativePlace rep, IEnumerable<StationPlace> stations, int max = 3) =>
        stations.Select(s => (Station: s, Proximity: Of(rep.JurisdictionCode, s.JurisdictionCode)))
            .Where(x => x.Proximity != Proximity.None)
            .OrderByDescending(x => x.Proximity)
            .ThenBy(x => x.Station.Kind == StationKind.Point ? 1 : 0)
            .ThenBy(x => x.Station.AssignedCount)
            .ThenBy(x => x.Station.Id)
            .Take(max)
            .Select(x => new Candidate(x.Station.Id, x.Proximity))
            .ToList();
}

public sealed record GroupingCandidate(long StationId, string StationName, Proximity Proximity);

/// <summary>A representative without a station, with the stations proposed for them (best first).</summary>
public sealed record GroupingSuggestion(long RepresentativeId, string Name, string JurisdictionCode, string Constituency,
    IReadOnlyList<GroupingCandidate> Candidates);

public sealed record AssignmentCandidate(long Id, string Name, string JurisdictionCode, Proximity Proximity, int StationCount);

public sealed record AssignmentPair(long RepresentativeId, long StationId);

public sealed record AssignmentHistoryItem(long Id, long RepresentativeId, string Name, DateOnly StartedOn, DateOnly? EndedOn,
    string AssignedBy, string? EndedBy);

/// <summary>Assigning representatives to stations (编组进站) and ending assignments; staff only. Each
/// assignment opens a period in the history; ending it closes the period and removes the current row.</summary>
public sealed class StationAssignments(AppDbContext db, StationAccess access, ICurrentUser me, TimeProvider clock)
{
    /// <summary>Assigns the representatives to the station from <paramref name="startedOn"/> (default today);
    /// those already assigned are left as they are.</summary>
    public async Task<UseCaseResult<int>> AssignAsync(long stationId, IReadOnlyList<long>? representativeIds, string? startedOn = null,
        CancellationToken ct = default)
    {
        var station = await access.Visible(db.Set<Station>()).SingleOrDefaultAsync(s => s.Id == stationId, ct);
        if (station is null) return UseCaseResult<int>.NotFound();
        if (!access.CanAdminister)
            return UseCaseResult<int>.Refused(403, "forbidden", "只有人大工作人员可以编组进站", "Only congress staff assign representatives");
        var errors = new Dictionary<string, string[]>();
        var start = Day(startedOn, "startedOn", errors);
        var ids = (representativeIds ?? []).Distinct().ToList();
        if (ids.Count == 0) errors["representativeIds"] = ["请至少选择一名代表 / choose at least one representative"];
        else if (ids.Count > 200) errors["representativeIds"] = ["一次最多 200 名 / at most 200 at a time"];
        var found = await InOfficeAsync(ids, ct);
        if (ids.Count > 0 && found.Count != ids.Count) errors["representativeIds"] = ["有代表不存在或不在本辖区 / unknown representative"];
        if (errors.Count > 0) return UseCaseResult<int>.Invalid(errors);

        var added = await AddAsync([.. ids.Select(r => new AssignmentPair(r, stationId))], new() { [stationId] = station }, start, ct);
        await db.SaveChangesAsync(ct);
        return UseCaseResult<int>.Success(added);
    }

    /// <summary>Ends the representative's assignment to the station on <paramref name="endedOn"/> (default today).</summary>
    public async Task<UseCaseResult<bool>> EndAsync(long stationId, long representativeId, string? endedOn = null, CancellationToken ct = default)
    {
        var station = await access.Visible(db.Set<Station>()).SingleOrDefaultAsync(s => s.Id == stationId, ct);
        if (station is null) return UseCaseResult<bool>.NotFound();
        if (!access.CanAdminister)
            return UseCaseResult<bool>.Refused(403, "forbidden", "只有人大工作人员可以调整编组", "Only congress staff change assignments");
        var errors = new Dictionary<string, string[]>();
        var end = Day(endedOn, "endedOn", errors);
        if (errors.Count > 0) return UseCaseResult<bool>.Invalid(errors);
        var current = await db.Set<StationRepresentative>().SingleOrDefaultAsync(x => x.StationId == stationId && x.RepresentativeId == representativeId, ct);
        if (current is null) return UseCaseResult<bool>.NotFound();
        var open = await db.Set<StationAssignment>()
            .Where(a => a.StationId == stationId && a.RepresentativeId == representativeId && a.EndedOn == null).ToListAsync(ct);
        if (open.Any(a => a.StartedOn > end))
            return UseCaseResult<bool>.Invalid("endedOn", "结束日期不能早于进站日期 / cannot end before the assignment started");
        db.Remove(current);
        foreach (var a in open)
        {
            a.EndedOn = end;
            a.EndedBy = me.UserName ?? "system";
        }
        await db.SaveChangesAsync(ct);
        return UseCaseResult<bool>.Success(true, 204);
    }

    /// <summary>The station's assignment periods, newest first.</summary>
    public async Task<UseCaseResult<Paged<AssignmentHistoryItem>>> HistoryAsync(long stationId, int? page, int? pageSize, CancellationToken ct = default)
    {
        if (!await access.Visible(db.Set<Station>()).AnyAsync(s => s.Id == stationId, ct)) return UseCaseResult<Paged<AssignmentHistoryItem>>.NotFound();
        var (p, size) = Paging.Normalize(page, pageSize);
        var q = db.Set<StationAssignment>().AsNoTracking().Where(a => a.StationId == stationId);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(a => a.EndedOn == null).ThenByDescending(a => a.StartedOn).ThenByDescending(a => a.Id)
            .Skip((p - 1) * size).Take(size)
            .Select(a => new AssignmentHistoryItem(a.Id, a.RepresentativeId, a.Representative!.Name, a.StartedOn, a.EndedOn, a.AssignedBy, a.EndedBy))
            .ToListAsync(ct);
        return UseCaseResult<Paged<AssignmentHistoryItem>>.Success(new Paged<AssignmentHistoryItem>(items, total, p, size));
    }

    /// <summary>In-office representatives who could join the station (not assigned to it now), nearest
    /// first by <see cref="GroupingRule.Of"/>, then in roster order.</summary>
    public async Task<UseCaseResult<IReadOnlyList<AssignmentCandidate>>> CandidatesAsync(long stationId, CancellationToken ct = default)
    {
        var station = await access.Visible(db.Set<Station>()).AsNoTracking().SingleOrDefaultAsync(s => s.Id == stationId, ct);
        if (station is null) return UseCaseResult<IReadOnlyList<AssignmentCandidate>>.NotFound();
        var reps = await db.Set<Representative>().AsNoTracking()
            .Where(r => r.Status == RepresentativeStatus.InOffice && r.Term!.IsCurrent)
            .Where(r => !db.Set<StationRepresentative>().Any(x => x.StationId == stationId && x.RepresentativeId == r.Id))
            .Select(r => new { r.Id, r.Name, r.JurisdictionCode, Stations = db.Set<StationRepresentative>().Count(x => x.RepresentativeId == r.Id) })
            .ToListAsync(ct);
        IReadOnlyList<AssignmentCandidate> list = reps
            .Select(r => new AssignmentCandidate(r.Id, r.Name, r.JurisdictionCode, GroupingRule.Of(r.JurisdictionCode, station.JurisdictionCode), r.Stations))
            .OrderByDescending(c => c.Proximity).ThenBy(c => c.Id).ToList();
        return UseCaseResult<IReadOnlyList<AssignmentCandidate>>.Success(list);
    }

    /// <summary>编组进站: every in-office representative of a current term who serves at no station, with
    /// the stations proposed for them by <see cref="GroupingRule"/>, in roster order.</summary>
    public async Task<UseCaseResult<Paged<GroupingSuggestion>>> SuggestionsAsync(int? page, int? pageSize, CancellationToken ct = default)
    {
        if (!access.CanAdminister)
            return UseCaseResult<Paged<GroupingSuggestion>>.Refused(403, "forbidden", "只有人大工作人员可以编组进站", "Only congress staff assign representatives");
        var (p, size) = Paging.Normalize(page, pageSize);
        var unassigned = db.Set<Representative>().AsNoTracking()
            .Where(r => r.Status == RepresentativeStatus.InOffice && r.Term!.IsCurrent)
            .Where(r => !db.Set<StationRepresentative>().Any(x => x.RepresentativeId == r.Id));
        var total = await unassigned.CountAsync(ct);
        var reps = await unassigned.OrderBy(r => r.Id).Skip((p - 1) * size).Take(size)
            .Select(r => new { r.Id, r.Name, r.JurisdictionCode, r.Constituency }).ToListAsync(ct);
        var stations = await db.Set<Station>().AsNoTracking()
            .Select(s => new { s.Id, s.Name, s.JurisdictionCode, s.Kind, Count = s.Representatives.Count }).ToListAsync(ct);
        var places = stations.Select(s => new GroupingRule.StationPlace(s.Id, s.JurisdictionCode, s.Kind, s.Count)).ToList();
        var names = stations.ToDictionary(s => s.Id, s => s.Name);
        var items = reps.Select(r => new GroupingSuggestion(r.Id, r.Name, r.JurisdictionCode, r.Constituency,
            GroupingRule.CandidatesFor(new GroupingRule.RepresentativePlace(r.Id, r.JurisdictionCode), places)
                .Select(c => new GroupingCandidate(c.StationId, names[c.StationId], c.Proximity)).ToList())).ToList();
        return UseCaseResult<Paged<GroupingSuggestion>>.Success(new Paged<GroupingSuggestion>(items, total, p, size));
    }

    /// <summary>Staff confirm suggestions (or their own choice): each pair assigned from today, all in one transaction.</summary>
    public async Task<UseCaseResult<int>> ConfirmAsync(IReadOnlyList<AssignmentPair>? pairs, CancellationToken ct = default)
    {
        if (!access.CanAdminister)
            return UseCaseResult<int>.Refused(403, "forbidden", "只有人大工作人员可以编组进站", "Only congress staff assign representatives");
        var list = (pairs ?? []).Distinct().ToList();
        if (list.Count == 0) return UseCaseResult<int>.Invalid("assignments", "请至少确认一项 / confirm at least one");
        if (list.Count > 500) return UseCaseResult<int>.Invalid("assignments", "一次最多 500 项 / at most 500 at a time");
        var stationIds = list.Select(x => x.StationId).Distinct().ToList();
        var stations = await db.Set<Station>().Where(s => stationIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var errors = new Dictionary<string, string[]>();
        if (stations.Count != stationIds.Count) errors["assignments"] = ["有家站点不存在或不在本辖区 / unknown station"];
        var repIds = list.Select(x => x.RepresentativeId).Distinct().ToList();
        if ((await InOfficeAsync(repIds, ct)).Count != repIds.Count) errors["assignments"] = ["有代表不存在或不在本辖区 / unknown representative"];
        if (errors.Count > 0) return UseCaseResult<int>.Invalid(errors);
        var added = await AddAsync(list, stations, ChinaTime.Today(clock), ct);
        await db.SaveChangesAsync(ct);
        return UseCaseResult<int>.Success(added);
    }

    private async Task<int> AddAsync(List<AssignmentPair> pairs, Dictionary<long, Station> stations, DateOnly start, CancellationToken ct)
    {
        var stationIds = stations.Keys.ToList();
        var existing = (await db.Set<StationRepresentative>().Where(x => stationIds.Contains(x.StationId))
            .Select(x => new { x.StationId, x.RepresentativeId }).ToListAsync(ct))
            .Select(x => new AssignmentPair(x.RepresentativeId, x.StationId)).ToHashSet();
        var added = 0;
        foreach (var pair in pairs.Where(p => !existing.Contains(p)))
        {
            var station = stations[pair.StationId];
            db.Add(new StationRepresentative { StationId = station.Id, RepresentativeId = pair.RepresentativeId, JurisdictionCode = station.JurisdictionCode });
            db.Add(new StationAssignment
            {
                StationId = station.Id, RepresentativeId = pair.RepresentativeId, JurisdictionCode = station.JurisdictionCode,
                StartedOn = start, AssignedBy = me.UserName ?? "system",
            });
            added++;
        }
        return added;
    }

    private async Task<List<long>> InOfficeAsync(List<long> ids, CancellationToken ct) =>
        ids.Count == 0 ? [] : await db.Set<Representative>().Where(r => ids.Contains(r.Id) && r.Status == RepresentativeStatus.InOffice)
            .Select(r => r.Id).ToListAsync(ct);

    private DateOnly Day(string? text, string field, Dictionary<string, string[]> errors)
    {
        var today = ChinaTime.Today(clock);
        if (string.IsNullOrWhiteSpace(text)) return today;
        if (!ChinaTime.TryDate(text, out var d)) { errors[field] = ["日期格式应为 yyyy-MM-dd / date as yyyy-MM-dd"]; return today; }
        if (d > today) { errors[field] = ["不能晚于今天 / cannot be in the future"]; return today; }
        return d;
    }
}
