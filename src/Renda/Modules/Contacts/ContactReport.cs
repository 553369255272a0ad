using Microsoft.EntityFrameworkCore;
using Renda.Modules.Representatives;
using Renda.Modules.Stations;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Jurisdictions;
using Renda.Platform.Calendar;

namespace Renda.Modules.Contacts;

public sealed record ReportQuery(int? Months = null, string? Level = null, long? Group = null, string? Jurisdiction = null);

public sealed record ReportTotals(int Pairings, int Contacted, int NotContacted, int Never, int Unpaired);

/// <summary>Counts for one delegation group or one township: active pairings, those contacted since
/// the cut-off, those not (including never), those never contacted, representatives without a pairing.</summary>
public sealed record ReportBucket(string Key, string Name, int Pairings, int Contacted, int NotContacted, int Never, int Unpaired);

/// <summary>A pairing whose contacted side has not been contacted since the cut-off: <c>status</c> is
/// <c>never</c> (no contact logged at all) or <c>overdue</c>.</summary>
public sealed record ReportRow(long PairingId, string Contactor, string Contacted, long RepresentativeId, string Representative,
    long GroupId, string Group, string TownshipCode, string Township, DateOnly StartedOn, DateOnly? LastContactOn, string Status);

public sealed record UnpairedRow(long RepresentativeId, string Name, long GroupId, string Group, string TownshipCode, string Township);

public sealed record ContactReportResult(string Level, int Months, DateOnly AsOf, DateOnly Since, long? Group, string? Jurisdiction,
    ReportTotals Totals, IReadOnlyList<ReportBucket> ByGroup, IReadOnlyList<ReportBucket> ByJurisdiction,
    IReadOnlyList<ReportRow> NotContacted, IReadOnlyList<UnpairedRow> Unpaired);

/// <summary>Who has not been contacted in N months (default 3), at either level of 双联, by delegation
/// group and by township, with the list, those never contacted, and the representatives who have no
/// pairing at that level. Counts only pairings of representatives in office in a current term.</summary>
public sealed class ContactReport(AppDbContext db, ICurrentUser me, TimeProvider clock)
{
    public const int DefaultMonths = 3;
    public const int MaxMonths = 60;

    public async Task<UseCaseResult<ContactReportResult>> BuildAsync(ReportQuery query, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var months = query.Months ?? DefaultMonths;
        if (months is < 1 or > MaxMonths) errors["months"] = [$"须为 1 到 {MaxMonths} 之间的整数 / a whole number from 1 to {MaxMonths}"];
        var level = ContactLevel.Committee;
        if (!string.IsNullOrWhiteSpace(query.Level) && !ContactLabels.TryParseLevel(query.Level, out level))
            errors["level"] = ["只能是 committee 或 representative / must be committee or representative"];
        var code = string.IsNullOrWhiteSpace(query.Jurisdiction) ? null : query.Jurisdiction.Trim();
        if (code is not null && !Jurisdiction.IsWellFormed(code)) errors["jurisdiction"] = ["行政区划代码格式有误 / not a jurisdiction code"];
        if (query.Group is { } gid && !await db.Set<DelegationGroup>().AnyAsync(g => g.Id == gid, ct))
            errors["group"] = ["未知的代表小组 / unknown delegation group"];
        if (errors.Count > 0) return UseCaseResult<ContactReportResult>.Invalid(errors);

        var viewer = ContactViewer.Of(me);
        var asOf = ChinaTime.Today(clock);
        var since = asOf.AddMonths(-months);

        var reps = db.Set<Representative>().AsNoTracking()
            .Where(r => r.Status == RepresentativeStatus.InOffice && r.Term!.IsCurrent);
        if (viewer.OwnOnly)
        {
            var own = viewer.RepresentativeId ?? -1;
            reps = reps.Where(r => r.Id == own);
        }
        if (query.Group is { } group) reps = reps.Where(r => r.DelegationGroupId == group);
        if (code is not null) reps = reps.Where(r => r.JurisdictionCode.StartsWith(code));

        var pairings = await db.Set<ContactPairing>().AsNoTracking()
            .Where(p => p.Level == level && p.EndedOn == null && reps.Any(r => r.Id == p.RepresentativeId))
            .Select(p => new
            {
                p.Id, p.StartedOn, p.RepresentativeId,
                Member = p.CommitteeMember == null ? null : p.CommitteeMember.Title + " " + p.CommitteeMember.Name,
                Rep = p.Representative!.Name, p.Representative.DelegationGroupId, Group = p.Representative.DelegationGroup!.Name,
                RepCode = p.Representative.JurisdictionCode,
                Voter = p.Voter == null ? null : p.Voter.Name,
                Last = db.Set<ContactLogEntry>().Where(l => l.PairingId == p.Id).Max(l => (DateOnly?)l.On),
            }).ToListAsync(ct);
        var unpaired = await reps
            .Where(r => !db.Set<ContactPairing>().Any(p => p.RepresentativeId == r.Id && p.Level == level && p.EndedOn == null))
            .Select(r => new { r.Id, r.Name, r.DelegationGroupId, Group = r.DelegationGroup!.Name, r.JurisdictionCode })
            .ToListAsync(ct);

        var townshipCodes = pairings.Select(p => Township(p.RepCode)).Concat(unpaired.Select(u => Township(u.JurisdictionCode))).Distinct().ToList();
        var townships = await db.Jurisdictions.AsNoTracking().Where(j => townshipCodes.Contains(j.Code)).ToDictionaryAsync(j => j.Code, j => j.Name, ct);

        var rows = pairings.Select(p =>
        {
            var t = Township(p.RepCode);
            var status = p.Last is null ? "never" : p.Last < since ? "overdue" : "contacted";
            return new ReportRow(p.Id,
                level == ContactLevel.Committee ? p.Member ?? "" : p.Rep,
                level == ContactLevel.Committee ? p.Rep : viewer.VoterName(p.Voter ?? "", p.RepresentativeId),
                p.RepresentativeId, p.Rep, p.DelegationGroupId, p.Group, t, townships.GetValueOrDefault(t, t), p.StartedOn, p.Last, status);
        }).ToList();
        var unpairedRows = unpaired.Select(u =>
        {
            var t = Township(u.JurisdictionCode);
            return new UnpairedRow(u.Id, u.Name, u.DelegationGroupId, u.Group, t, townships.GetValueOrDefault(t, t));
        }).OrderBy(u => u.TownshipCode, StringComparer.Ordinal).ThenBy(u => u.RepresentativeId).ToList();

        var byGroup = Buckets(rows, unpairedRows, r => r.GroupId.ToString(System.Globalization.CultureInfo.InvariantCulture), r => r.Group,
            u => u.GroupId.ToString(System.Globalization.CultureInfo.InvariantCulture), u => u.Group);
        var byTownship = Buckets(rows, unpairedRows, r => r.TownshipCode, r => r.Township, u => u.TownshipCode, u => u.Township);
        var notContacted = rows.Where(r => r.Status != "contacted")
            .OrderBy(r => r.TownshipCode, StringComparer.Ordinal).ThenBy(r => r.Status == "never" ? 0 : 1)
            .ThenBy(r => r.LastContactOn).ThenBy(r => r.RepresentativeId).ThenBy(r => r.PairingId).ToList();
        var totals = new ReportTotals(rows.Count, rows.Count(r => r.Status == "contacted"), notContacted.Count,
            rows.Count(r => r.Status == "never"), unpairedRows.Count);

        return UseCaseResult<ContactReportResult>.Success(new ContactReportResult(ContactLabels.LevelName(level), months, asOf, since,
            query.Group, code, totals, byGroup, byTownship, notContacted, unpairedRows));
    }

    /// <summary>A representative's code is their township (9 digits); a longer one is cut to it.</summary>
    private static string Township(string code) => code.Length > 9 ? code[..9] : code;

    private static List<ReportBucket> Buckets(List<ReportRow> rows, List<UnpairedRow> unpaired,
        Func<ReportRow, string> key, Func<ReportRow, string> name, Func<UnpairedRow, string> ukey, Func<UnpairedRow, string> uname)
    {
        var names = new Dictionary<string, string>();
        foreach (var r in rows) names.TryAdd(key(r), name(r));
        foreach (var u in unpaired) names.TryAdd(ukey(u), uname(u));
        return names.OrderBy(n => n.Key.Length).ThenBy(n => n.Key, StringComparer.Ordinal).Select(n =>
        {
            var mine = rows.Where(r => key(r) == n.Key).ToList();
            return new ReportBucket(n.Key, n.Value, mine.Count, mine.Count(r => r.Status == "contacted"),
                mine.Count(r => r.Status != "contacted"), mine.Count(r => r.Status == "never"), unpaired.Count(u => ukey(u) == n.Key));
        }).ToList();
    }
}
