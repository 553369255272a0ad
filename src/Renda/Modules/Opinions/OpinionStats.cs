using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Renda.Modules.HandlingUnits;
using Renda.Modules.Stations;
using Renda.Platform.Calendar;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Workflow;

namespace Renda.Modules.Opinions;

/// <summary>A period of China days, both ends included.</summary>
public sealed record StatsPeriod(DateOnly From, DateOnly To)
{
    /// <summary>The period's first instant (00:00 China time) in UTC.</summary>
    public DateTime StartUtc => From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - ChinaTime.Offset;
    /// <summary>The instant after the period (00:00 China time of the day after <see cref="To"/>) in UTC.</summary>
    public DateTime EndUtc => To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - ChinaTime.Offset;
}

/// <summary>One row of a breakdown (or the totals): the counts behind the three rates and the rates
/// themselves (null when their denominator is zero). See the module README for what each figure counts.</summary>
public sealed record StatsRow(
    string Key, string Name, int Received, int Due, int Closed, decimal? CompletionRate,
    int Replied, int RepliedOnTime, decimal? OnTimeRate,
    int Rated, int Satisfied, int BasicallySatisfied, int Unsatisfied, decimal? SatisfactionRate,
    int Rehandled, int RehandlingRounds);

public sealed record StateCount(string State, string Label, string LabelEn, int Count);

public sealed record OpinionStatsResult(
    DateOnly From, DateOnly To, StatsRow Totals, IReadOnlyList<StateCount> ByState,
    IReadOnlyList<StatsRow> ByUnit, IReadOnlyList<StatsRow> ByCategory, IReadOnlyList<StatsRow> ByStation,
    IReadOnlyList<StatsRow> ByTownship, IReadOnlyList<StatsRow> ByMonth)
{
    /// <summary>When the figures were computed (UTC).</summary>
    public DateTime AsOf { get; init; }
    /// <summary>How long figures of this scope are kept before they are computed again: 0 for a county or narrower
    /// (computed on every request), <see cref="OpinionOptions.WideStatsCacheSeconds"/> for a city or the province
    /// (docs/adr/0040).</summary>
    public int MaxAgeSeconds { get; init; }
}

/// <summary>「数据看板」: what came in during a period and how the loop did, in the caller's jurisdiction (the
/// global query filter scopes every pass; the rollup read is scoped by county code). Whole months are read from the
/// monthly rollup <c>opinion_stats_monthly</c> kept by triggers (docs/adr/0038); the days at the period's ends, and
/// every figure for a scope narrower than a county, come from one pass per event (received, due, replied, rated)
/// over that event's covering index, summed into every breakdown (docs/adr/0034). Both rely on no event being
/// stamped after now (every stamp is the clock of the step; the hotline import refuses later times). Definitions (module README, docs/adr/0026):
/// <list type="bullet">
/// <item>received: submitted in the period; totals by state, re-handling and the breakdowns' "received" count them;</item>
/// <item>办结率 = closed / due: due = in the handling loop (assigned, in progress, replied, closed) with a reply
/// deadline inside the period and not after today; closed = of those, closed before the period ended;</item>
/// <item>按期率 = replied on time / replied: opinions whose latest reply was given in the period;</item>
/// <item>满意率 = (satisfied + basically satisfied) / rated: opinions whose latest rating was given in the period.</item>
/// </list></summary>
public sealed class OpinionStats(AppDbContext db, TimeProvider clock, OpinionStatsCache? cache = null)
{
    public const int MaxDays = 3 * 366 + 1;
    private const int MonthShift = 8; // China Standard Time, hours ahead of UTC

    private static readonly string[] LoopStates = ["assigned", "in_progress", "replied", "closed"];

    /// <summary>Reads <c>from</c> and <c>to</c> (yyyy-MM-dd, China days); by default the twelve calendar months up to today.</summary>
    public UseCaseResult<StatsPeriod> ReadPeriod(string? from, string? to)
    {
        var errors = new Dictionary<string, string[]>();
        var today = ChinaTime.Today(clock);
        DateOnly? f = null, t = null;
        if (!string.IsNullOrWhiteSpace(from))
        {
            if (ChinaTime.TryDate(from, out var d) && d.Year is >= 2000 and <= 2099) f = d;
            else errors["from"] = ["开始日期须为 yyyy-MM-dd（2000—2099 年） / from must be a date yyyy-MM-dd between 2000 and 2099"];
        }
        if (!string.IsNullOrWhiteSpace(to))
        {
            if (ChinaTime.TryDate(to, out var d) && d.Year is >= 2000 and <= 2099) t = d;
            else errors["to"] = ["结束日期须为 yyyy-MM-dd（2000—2099 年） / to must be a date yyyy-MM-dd between 2000 and 2099"];
        }
        if (errors.Count > 0) return UseCaseResult<StatsPeriod>.Invalid(errors);
        var end = t ?? (f is { } ff && ff > today ? ff : today);
        var start = f ?? new DateOnly(end.Year, end.Month, 1).AddMonths(-11);
        if (start > end) return UseCaseResult<StatsPeriod>.Invalid("to", "结束日期不能早于开始日期 / to must not be before from");
        if (end.DayNumber - start.DayNumber + 1 > MaxDays)
            return UseCaseResult<StatsPeriod>.Invalid("to", $"统计期间不能超过{MaxDays}天 / the period may not exceed {MaxDays} days");
        return UseCaseResult<StatsPeriod>.Success(new StatsPeriod(start, end));
    }

    public async Task<UseCaseResult<OpinionStatsResult>> BuildAsync(string? from, string? to, CancellationToken ct)
    {
        var period = ReadPeriod(from, to);
        if (!period.Ok) return UseCaseResult<OpinionStatsResult>.Invalid(period.Errors!);
        return UseCaseResult<OpinionStatsResult>.Success(await BuildAsync(period.Value!, ct));
    }

    /// <summary>The figures of a period in the caller's scope; for a scope wider than a county, those computed less than
    /// <see cref="OpinionStatsCache.MaxAge"/> ago when there are (docs/adr/0040).</summary>
    public Task<OpinionStatsResult> BuildAsync(StatsPeriod p, CancellationToken ct)
    {
        var scope = db.ScopeCode;
        if (cache is null || !OpinionStatsCache.IsWide(scope)) return BuildAsync(p, useRollup: true, ct);
        var key = FormattableString.Invariant($"{scope}|{p.From:yyyy-MM-dd}|{p.To:yyyy-MM-dd}|{ChinaTime.Today(clock):yyyy-MM-dd}");
        return cache.GetAsync(key, () => BuildAsync(p, useRollup: true, ct), ct);
    }

    /// <summary>With <paramref name="useRollup"/> false, every figure from the passes (the bench's check that the
    /// rollup gives the same figures at full size, and its "before" time).</summary>
    internal async Task<OpinionStatsResult> BuildAsync(StatsPeriod p, bool useRollup, CancellationToken ct)
    {
        var asOf = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        var w = Window.Of(p, today);
        var rollup = new Rollup();
        var states = new Dictionary<string, int>(StringComparer.Ordinal);
        if (useRollup && RollupPlan.Of(w, today, db.ScopeCode) is { } plan)
        {
            // Whole months from the monthly rollup (ADR 0038), the days at the ends of the period from the passes.
            await ReadRollupAsync(plan, rollup, states, ct);
            foreach (var (from, to) in plan.EventDays) await EventPassesAsync(Day(from), Day(to.AddDays(1)), rollup, states, ct);
            foreach (var (from, to) in plan.DueDays) await DuePassAsync(from, to, w.End, rollup, ct);
        }
        else
        {
            await EventPassesAsync(w.Start, w.End, rollup, states, ct);
            await DuePassAsync(w.From, w.DueTo, w.End, rollup, ct);
        }
        return await ResultAsync(p, w, rollup, states, asOf, ct);
    }

    /// <summary>00:00 China time of a day, in UTC.</summary>
    private static DateTime Day(DateOnly d) => d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - ChinaTime.Offset;

    private static int MonthOf(DateOnly d) => d.Year * 100 + d.Month;

    /// <summary>The sums of the rollup's rows of the plan's months, per breakdown key (and per month for the category
    /// rows, which also give the totals and the month breakdown): a few hundred rows for a county year. Read with a
    /// plain data reader: materializing through EF costs more per row than the query does.</summary>
    private async Task ReadRollupAsync(RollupPlan plan, Rollup rollup, Dictionary<string, int> states, CancellationToken ct)
    {
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var where = new List<string> { "month >= @m0 AND month <= @m1" };
            if (plan.CountyFrom is { } lo) { where.Add("county >= @lo"); Add(cmd, "@lo", lo); }
            if (plan.CountyTo is { } hi) { where.Add("county < @hi"); Add(cmd, "@hi", hi); }
            cmd.CommandText = $"""
                SELECT dim, key, CASE WHEN dim = 'c' THEN month ELSE 0 END,
                       sum(CASE WHEN month >= @e0 AND month <= @e1 THEN received ELSE 0 END),
                       sum(CASE WHEN month >= @e0 AND month <= @e1 THEN rehandled ELSE 0 END),
                       sum(CASE WHEN month >= @e0 AND month <= @e1 THEN rounds ELSE 0 END),
                       sum(CASE WHEN month >= @d0 AND month <= @d1 THEN due ELSE 0 END),
                       sum(CASE WHEN month >= @d0 AND month <= @d1 AND closed_month <> 0 AND closed_month <= @c THEN due ELSE 0 END),
                       sum(CASE WHEN month >= @e0 AND month <= @e1 THEN replied ELSE 0 END),
                       sum(CASE WHEN month >= @e0 AND month <= @e1 THEN on_time ELSE 0 END),
                       sum(CASE WHEN month >= @e0 AND month <= @e1 THEN rated ELSE 0 END),
                       sum(CASE WHEN month >= @e0 AND month <= @e1 THEN satisfied ELSE 0 END),
                       sum(CASE WHEN month >= @e0 AND month <= @e1 THEN basically_satisfied ELSE 0 END),
                       sum(CASE WHEN month >= @e0 AND month <= @e1 THEN unsatisfied ELSE 0 END)
                FROM opinion_stats_monthly
                WHERE {string.Join(" AND ", where)}
                GROUP BY dim, key, CASE WHEN dim = 'c' THEN month ELSE 0 END
                """;
            var (e0, e1) = plan.EventMonths ?? (1, 0);
            var (d0, d1) = plan.DueMonths ?? (1, 0);
            Add(cmd, "@e0", e0); Add(cmd, "@e1", e1); Add(cmd, "@d0", d0); Add(cmd, "@d1", d1); Add(cmd, "@c", plan.ClosedBy);
            Add(cmd, "@m0", Math.Min(plan.EventMonths?.From ?? int.MaxValue, plan.DueMonths?.From ?? int.MaxValue));
            Add(cmd, "@m1", Math.Max(plan.EventMonths?.To ?? 0, plan.DueMonths?.To ?? 0));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            var m = new long[11];
            while (await r.ReadAsync(ct))
            {
                for (var i = 0; i < m.Length; i++) m[i] = Convert.ToInt64(r.GetValue(3 + i), CultureInfo.InvariantCulture);
                // received, due, replied and rated: a key with none of them in the period is not in any pass either.
                if (m[0] == 0 && m[3] == 0 && m[5] == 0 && m[7] == 0) continue;
                rollup.Add(r.GetString(0), r.GetString(1), Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture), m, states);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Add(System.Data.Common.DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    // One pass per event over the rows of that event in a range, each read from an index that holds every column it
    // needs (no table row is visited), the China month worked out by the database (reading and parsing a date per
    // row costs more than the rest), summed into the totals and every breakdown here: grouping in SQL at the keys all
    // breakdowns share gives about as many groups as rows (see ADR 0034). Every counted figure belongs to exactly one
    // event, so the sums equal the per-breakdown counts of ADR 0026.

    /// <summary>Received, replied and rated: the events dated by an instant in [start, end).</summary>
    private async Task EventPassesAsync(DateTime start, DateTime end, Rollup rollup, Dictionary<string, int> states, CancellationToken ct)
    {
        var opinions = Scoped(db.Set<Opinion>().AsNoTracking(), db.ScopeCode);
        await foreach (var o in opinions.Where(o => o.CreatedAt >= start && o.CreatedAt < end)
            .Select(o => new
            {
                o.JurisdictionCode, o.UnitId, o.Category, o.StationId, o.State, o.Round,
                Month = o.CreatedAt.AddHours(MonthShift).Year * 100 + o.CreatedAt.AddHours(MonthShift).Month,
            })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            states[o.State] = states.GetValueOrDefault(o.State) + 1;
            foreach (var a in rollup.For(o.JurisdictionCode, o.UnitId, o.Category, o.StationId, o.Month))
            {
                a.Received++;
                if (o.Round > 0) a.Rehandled++;
                a.Rounds += o.Round;
            }
        }
        await foreach (var o in opinions.Where(o => o.RepliedAt >= start && o.RepliedAt < end)
            .Select(o => new
            {
                o.JurisdictionCode, o.UnitId, o.Category, o.StationId, o.RepliedLate,
                Month = o.RepliedAt!.Value.AddHours(MonthShift).Year * 100 + o.RepliedAt!.Value.AddHours(MonthShift).Month,
            })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            foreach (var a in rollup.For(o.JurisdictionCode, o.UnitId, o.Category, o.StationId, o.Month))
            {
                a.Replied++;
                if (!o.RepliedLate) a.RepliedOnTime++;
            }
        }
        await foreach (var o in opinions.Where(o => o.RatedAt >= start && o.RatedAt < end && o.Rating != null)
            .Select(o => new
            {
                o.JurisdictionCode, o.UnitId, o.Category, o.StationId, o.Rating,
                Month = o.RatedAt!.Value.AddHours(MonthShift).Year * 100 + o.RatedAt!.Value.AddHours(MonthShift).Month,
            })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            foreach (var a in rollup.For(o.JurisdictionCode, o.UnitId, o.Category, o.StationId, o.Month))
            {
                a.Rated++;
                if (o.Rating == OpinionRatings.Satisfied) a.Satisfied++;
                else if (o.Rating == OpinionRatings.BasicallySatisfied) a.BasicallySatisfied++;
                else if (o.Rating == OpinionRatings.Unsatisfied) a.Unsatisfied++;
            }
        }
    }

    /// <summary>Due: in the handling loop with a reply deadline in [from, to]; closed when closed before <paramref name="closedBefore"/>.</summary>
    private async Task DuePassAsync(DateOnly from, DateOnly to, DateTime closedBefore, Rollup rollup, CancellationToken ct)
    {
        var opinions = Scoped(db.Set<Opinion>().AsNoTracking(), db.ScopeCode);
        string[] loop = LoopStates;
        await foreach (var o in opinions.Where(o => o.DueDate >= from && o.DueDate <= to && loop.Contains(o.State))
            .Select(o => new
            {
                o.JurisdictionCode, o.UnitId, o.Category, o.StationId,
                Month = o.DueDate!.Value.Year * 100 + o.DueDate!.Value.Month, Closed = o.ClosedAt != null && o.ClosedAt < closedBefore,
            })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            foreach (var a in rollup.For(o.JurisdictionCode, o.UnitId, o.Category, o.StationId, o.Month))
            {
                a.Due++;
                if (o.Closed) a.Closed++;
            }
        }
    }

    private async Task<OpinionStatsResult> ResultAsync(StatsPeriod p, Window w, Rollup rollup, Dictionary<string, int> states, DateTime asOf, CancellationToken ct)
    {
        var definition = OpinionWorkflow.Definition;
        var byState = definition.States.Where(s => s != WorkflowDefinition.New)
            .Select(s => (State: s, Label: definition.StateLabel(s), Count: states.GetValueOrDefault(s)))
            .Select(x => new StateCount(x.State, x.Label.Zh, x.Label.En, x.Count)).ToList();

        var unitIds = rollup.Units.Keys.Where(k => k.Value is not null).Select(k => k.Value!.Value).ToList();
        var unitNames = await db.Set<HandlingUnit>().AsNoTracking().Where(u => EF.Parameter(unitIds).Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var byUnit = rollup.Units.Select(u => u.Key.Value is { } id
                ? Row(id.ToString(CultureInfo.InvariantCulture), unitNames.GetValueOrDefault(id, $"#{id}"), u.Value)
                : Row("none", "未交办", u.Value))
            .OrderBy(r => r.Key == "none").ThenByDescending(r => r.Received).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();

        var byCategory = rollup.Categories
            .Select(c => Row(c.Key.Value ?? "none", OpinionCategories.Label(c.Key.Value, english: false), c.Value))
            .OrderBy(r => OrderOfCategory(r.Key)).ToList();

        var stationIds = rollup.Stations.Keys.Where(k => k.Value is not null).Select(k => k.Value!.Value).ToList();
        var stationNames = await db.Set<Station>().AsNoTracking().Where(s => EF.Parameter(stationIds).Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var byStation = rollup.Stations.Select(s => s.Key.Value is { } id
                ? Row(id.ToString(CultureInfo.InvariantCulture), stationNames.GetValueOrDefault(id, $"#{id}"), s.Value)
                : Row("none", "未经家站点", s.Value))
            .OrderBy(r => r.Key == "none").ThenByDescending(r => r.Received).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();

        var codes = rollup.Townships.Keys.ToList();
        var names = await db.Jurisdictions.AsNoTracking().Where(j => EF.Parameter(codes).Contains(j.Code)).ToDictionaryAsync(j => j.Code, j => j.Name, ct);
        var byTownship = rollup.Townships
            .Select(t => Row(t.Key, t.Key.Length < 9 ? (names.TryGetValue(t.Key, out var county) ? county + "（本级）" : "县本级") : names.GetValueOrDefault(t.Key, t.Key), t.Value))
            .OrderBy(r => r.Key, StringComparer.Ordinal).ToList();

        var byMonth = new List<StatsRow>();
        for (var m = new DateOnly(w.From.Year, w.From.Month, 1); m <= w.To; m = m.AddMonths(1))
        {
            var label = m.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            byMonth.Add(Row(label, label, rollup.Months.GetValueOrDefault(m.Year * 100 + m.Month)));
        }

        return new OpinionStatsResult(p.From, p.To, Row("all", "合计", rollup.Any ? rollup.Totals : null), byState,
            byUnit, byCategory, byStation, byTownship, byMonth) { AsOf = asOf };
    }

    /// <summary>The caller's jurisdiction again, as a range of codes (<c>code &gt;= '3305' AND code &lt; '3306'</c>)
    /// that a B-tree index can serve; the global query filter (a prefix match, which SQLite cannot serve from an
    /// index) still applies and stays the rule. Codes are digits; any other scope is left to the filter alone.</summary>
    internal static IQueryable<Opinion> Scoped(IQueryable<Opinion> q, string? scope)
    {
        if (string.IsNullOrEmpty(scope) || !scope.All(char.IsAsciiDigit)) return q;
        var upper = NextPrefix(scope);
        return upper is null
            ? q.Where(o => string.Compare(o.JurisdictionCode, scope) >= 0)
            : q.Where(o => string.Compare(o.JurisdictionCode, scope) >= 0 && string.Compare(o.JurisdictionCode, upper) < 0);
    }

    /// <summary>The smallest digit string of the same length after every code starting with <paramref name="prefix"/>
    /// ("3305" → "3306", "3399" → "3400"), or null when there is none ("99").</summary>
    internal static string? NextPrefix(string prefix)
    {
        var chars = prefix.ToCharArray();
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            if (chars[i] < '9') { chars[i]++; return new string(chars); }
            chars[i] = '0';
        }
        return null;
    }

    private static StatsRow Row<TKey>(string key, string name, Agg<TKey>? a)
    {
        a ??= new Agg<TKey>();
        return new StatsRow(key, name, a.Received, a.Due, a.Closed, Rate(a.Closed, a.Due),
            a.Replied, a.RepliedOnTime, Rate(a.RepliedOnTime, a.Replied),
            a.Rated, a.Satisfied, a.BasicallySatisfied, a.Unsatisfied, Rate(a.Satisfied + a.BasicallySatisfied, a.Rated),
            a.Rehandled, a.Rounds);
    }

    /// <summary>A share between 0 and 1 rounded to four places, or null when nothing was counted.</summary>
    public static decimal? Rate(int part, int whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);

    private static int OrderOfCategory(string key)
    {
        for (var i = 0; i < OpinionCategories.All.Count; i++)
            if (OpinionCategories.All[i].Code == key) return i;
        return int.MaxValue;
    }

    private sealed record Window(DateOnly From, DateOnly To, DateOnly DueTo, DateTime Start, DateTime End)
    {
        public static Window Of(StatsPeriod p, DateOnly today) =>
            new(p.From, p.To, p.To < today ? p.To : today, p.StartUtc, p.EndUtc);
    }

    /// <summary>What the monthly rollup serves of a period (ADR 0038), and the days left to the passes; null when the
    /// scope is narrower than a county (a township's staff) or not a code, which the rollup's county buckets cannot
    /// tell apart.</summary>
    private sealed record RollupPlan(
        string? CountyFrom, string? CountyTo, (int From, int To)? EventMonths, (int From, int To)? DueMonths, int ClosedBy,
        IReadOnlyList<(DateOnly From, DateOnly To)> EventDays, IReadOnlyList<(DateOnly From, DateOnly To)> DueDays)
    {
        public static RollupPlan? Of(Window w, DateOnly today, string? scope)
        {
            string? lo = null, hi = null;
            if (!string.IsNullOrEmpty(scope))
            {
                if (scope.Length > OpinionStatsMonth.CountyLength || !scope.All(char.IsAsciiDigit)) return null;
                (lo, hi) = (scope, NextPrefix(scope));
            }

            // Received, replied, rated: a month is whole when the period covers it from its first day to its last, or
            // to today or later (nothing is dated after now).
            var eventFirst = FirstWhole(w.From);
            var eventLast = w.To == LastDay(w.To) || w.To >= today ? MonthStart(w.To) : MonthStart(w.To).AddMonths(-1);
            var (eventMonths, eventDays) = Split(w.From, w.To, eventFirst, eventLast);

            // Due: deadlines from the first day to today at the latest; "closed before the period ended" is a closed
            // month up to the period's last when it ends on a month's last day, any closed month when it runs to today
            // or later, and not expressible in months otherwise (the passes count it all then).
            (int, int)? dueMonths = null;
            IReadOnlyList<(DateOnly, DateOnly)> dueDays = [];
            var closedBy = w.To >= today ? 999999 : w.To == LastDay(w.To) ? MonthOf(w.To) : 0;
            if (w.DueTo >= w.From)
            {
                if (closedBy == 0) dueDays = [(w.From, w.DueTo)];
                else
                {
                    var dueLast = w.DueTo == LastDay(w.DueTo) ? MonthStart(w.DueTo) : MonthStart(w.DueTo).AddMonths(-1);
                    (dueMonths, dueDays) = Split(w.From, w.DueTo, FirstWhole(w.From), dueLast);
                }
            }
            return new RollupPlan(lo, hi, eventMonths, dueMonths, closedBy, eventDays, dueDays);
        }

        /// <summary>[from, to] as the months first..last (their first days) and the days before and after them.</summary>
        private static ((int, int)?, IReadOnlyList<(DateOnly, DateOnly)>) Split(DateOnly from, DateOnly to, DateOnly first, DateOnly last)
        {
            if (first > last) return (null, [(from, to)]);
            var days = new List<(DateOnly, DateOnly)>();
            if (from < first) days.Add((from, first.AddDays(-1)));
            if (LastDay(last) < to) days.Add((LastDay(last).AddDays(1), to));
            return ((MonthOf(first), MonthOf(last)), days);
        }

        private static DateOnly MonthStart(DateOnly d) => new(d.Year, d.Month, 1);
        private static DateOnly LastDay(DateOnly d) => MonthStart(d).AddMonths(1).AddDays(-1);
        private static DateOnly FirstWhole(DateOnly from) => from.Day == 1 ? from : MonthStart(from).AddMonths(1);
    }

    /// <summary>The finest groups summed into the totals and each breakdown.</summary>
    private sealed class Rollup
    {
        public bool Any { get; private set; }
        public Agg<int> Totals { get; } = new();
        public Dictionary<string, Agg<string>> Townships { get; } = new(StringComparer.Ordinal);
        public Dictionary<Key<long?>, Agg<long?>> Units { get; } = [];
        public Dictionary<Key<string?>, Agg<string?>> Categories { get; } = [];
        public Dictionary<Key<long?>, Agg<long?>> Stations { get; } = [];
        public Dictionary<int, Agg<int>> Months { get; } = [];

        /// <summary>The sums a group adds to: the totals and its row in every breakdown.</summary>
        public IEnumerable<IAgg> For(string jurisdiction, long? unit, string? category, long? station, int month)
        {
            Any = true;
            yield return Totals;
            yield return Get(Townships, jurisdiction.Length > 9 ? jurisdiction[..9] : jurisdiction);
            yield return Get(Units, new Key<long?>(unit));
            yield return Get(Categories, new Key<string?>(category));
            yield return Get(Stations, new Key<long?>(station));
            yield return Get(Months, month);
        }

        /// <summary>Adds one rollup sum (received, rehandled, rounds, due, closed, replied, on time, rated, satisfied,
        /// basically satisfied, unsatisfied) to its breakdown; the category rows also to the totals and their month.</summary>
        public void Add(string dim, string key, int month, long[] m, Dictionary<string, int> states)
        {
            Any = true;
            switch (dim)
            {
                case OpinionStatsMonth.Category:
                    var category = new Key<string?>(key.Length == 0 ? null : key);
                    Sum(Totals, m); Sum(Get(Categories, category), m); Sum(Get(Months, month), m);
                    break;
                case OpinionStatsMonth.Unit:
                    Sum(Get(Units, new Key<long?>(key.Length == 0 ? null : long.Parse(key, CultureInfo.InvariantCulture))), m);
                    break;
                case OpinionStatsMonth.Station:
                    Sum(Get(Stations, new Key<long?>(key.Length == 0 ? null : long.Parse(key, CultureInfo.InvariantCulture))), m);
                    break;
                case OpinionStatsMonth.Township:
                    Sum(Get(Townships, key), m);
                    break;
                case OpinionStatsMonth.State:
                    if (m[0] != 0) states[key] = states.GetValueOrDefault(key) + (int)m[0];
                    break;
            }
        }

        private static void Sum(IAgg a, long[] m)
        {
            a.Received += (int)m[0]; a.Rehandled += (int)m[1]; a.Rounds += (int)m[2]; a.Due += (int)m[3]; a.Closed += (int)m[4];
            a.Replied += (int)m[5]; a.RepliedOnTime += (int)m[6]; a.Rated += (int)m[7];
            a.Satisfied += (int)m[8]; a.BasicallySatisfied += (int)m[9]; a.Unsatisfied += (int)m[10];
        }

        private static Agg<TValue> Get<TKey, TValue>(Dictionary<TKey, Agg<TValue>> d, TKey key) where TKey : notnull
        {
            if (!d.TryGetValue(key, out var a)) d[key] = a = new Agg<TValue>();
            return a;
        }
    }

    /// <summary>A dictionary key that may stand for null.</summary>
    private readonly record struct Key<T>(T Value);

    private interface IAgg
    {
        int Received { get; set; }
        int Due { get; set; }
        int Closed { get; set; }
        int Replied { get; set; }
        int RepliedOnTime { get; set; }
        int Rated { get; set; }
        int Satisfied { get; set; }
        int BasicallySatisfied { get; set; }
        int Unsatisfied { get; set; }
        int Rehandled { get; set; }
        int Rounds { get; set; }
    }

    private sealed class Agg<TKey> : IAgg
    {
        public TKey Key { get; set; } = default!;
        public int Received { get; set; }
        public int Due { get; set; }
        public int Closed { get; set; }
        public int Replied { get; set; }
        public int RepliedOnTime { get; set; }
        public int Rated { get; set; }
        public int Satisfied { get; set; }
        public int BasicallySatisfied { get; set; }
        public int Unsatisfied { get; set; }
        public int Rehandled { get; set; }
        public int Rounds { get; set; }
    }
}
