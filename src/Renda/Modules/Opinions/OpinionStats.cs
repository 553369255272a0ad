using System.Globalization;
using Microsoft.EntityFrameworkCore;
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
    IReadOnlyList<StatsRow> ByTownship, IReadOnlyList<StatsRow> ByMonth);

/// <summary>「数据看板」: what came in during a period and how the loop did, in the caller's jurisdiction (the
/// global query filter scopes every query). Every figure is a GROUP BY in the database; no opinion row is
/// loaded. Definitions (module README, docs/adr/0026):
/// <list type="bullet">
/// <item>received: submitted in the period; totals by state, re-handling and the breakdowns' "received" count them;</item>
/// <item>办结率 = closed / due: due = in the handling loop (assigned, in progress, replied, closed) with a reply
/// deadline inside the period and not after today; closed = of those, closed before the period ended;</item>
/// <item>按期率 = replied on time / replied: opinions whose latest reply was given in the period;</item>
/// <item>满意率 = (satisfied + basically satisfied) / rated: opinions whose latest rating was given in the period.</item>
/// </list></summary>
public sealed class OpinionStats(AppDbContext db, TimeProvider clock)
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

    public async Task<OpinionStatsResult> BuildAsync(StatsPeriod p, CancellationToken ct)
    {
        var w = Window.Of(p, ChinaTime.Today(clock));
        var opinions = db.Set<Opinion>().AsNoTracking();

        var inPeriod = Relevant(opinions, w);
        var totals = (await Aggregate(inPeriod, o => 1, w).ToListAsync(ct)).SingleOrDefault();

        var states = await opinions.Where(o => o.CreatedAt >= w.Start && o.CreatedAt < w.End)
            .GroupBy(o => o.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(ct);
        var definition = OpinionWorkflow.Definition;
        var byState = definition.States.Where(s => s != WorkflowDefinition.New)
            .Select(s => (State: s, Label: definition.StateLabel(s), Count: states.Where(x => x.State == s).Sum(x => x.Count)))
            .Select(x => new StateCount(x.State, x.Label.Zh, x.Label.En, x.Count)).ToList();

        var units = await Aggregate(inPeriod, o => o.UnitId, w).ToListAsync(ct);
        var unitIds = units.Where(u => u.Key is not null).Select(u => u.Key!.Value).ToList();
        var unitNames = await db.Set<HandlingUnit>().AsNoTracking().Where(u => unitIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var byUnit = units.Select(u => u.Key is { } id
                ? Row(id.ToString(CultureInfo.InvariantCulture), unitNames.GetValueOrDefault(id, $"#{id}"), u)
                : Row("none", "未交办", u))
            .OrderBy(r => r.Key == "none").ThenByDescending(r => r.Received).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();

        var categories = await Aggregate(inPeriod, o => o.Category, w).ToListAsync(ct);
        var byCategory = categories
            .Select(c => Row(c.Key ?? "none", OpinionCategories.Label(c.Key, english: false), c))
            .OrderBy(r => OrderOfCategory(r.Key)).ToList();

        var stations = await Aggregate(inPeriod, o => o.StationId, w).ToListAsync(ct);
        var stationIds = stations.Where(s => s.Key is not null).Select(s => s.Key!.Value).ToList();
        var stationNames = await db.Set<Station>().AsNoTracking().Where(s => stationIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var byStation = stations.Select(s => s.Key is { } id
                ? Row(id.ToString(CultureInfo.InvariantCulture), stationNames.GetValueOrDefault(id, $"#{id}"), s)
                : Row("none", "未经家站点", s))
            .OrderBy(r => r.Key == "none").ThenByDescending(r => r.Received).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();

        var townships = await Aggregate(inPeriod, o => o.JurisdictionCode.Substring(0, 9), w).ToListAsync(ct);
        var codes = townships.Select(t => t.Key).ToList();
        var names = await db.Jurisdictions.AsNoTracking().Where(j => codes.Contains(j.Code)).ToDictionaryAsync(j => j.Code, j => j.Name, ct);
        var byTownship = townships
            .Select(t => Row(t.Key, t.Key.Length < 9 ? (names.TryGetValue(t.Key, out var county) ? county + "（本级）" : "县本级") : names.GetValueOrDefault(t.Key, t.Key), t))
            .OrderBy(r => r.Key, StringComparer.Ordinal).ToList();

        return new OpinionStatsResult(p.From, p.To, Row("all", "合计", totals), byState, byUnit, byCategory, byStation, byTownship,
            await ByMonthAsync(opinions, w, ct));
    }

    /// <summary>The opinions any figure of the period counts.</summary>
    private static IQueryable<Opinion> Relevant(IQueryable<Opinion> q, Window w) => q.Where(o =>
        (o.CreatedAt >= w.Start && o.CreatedAt < w.End)
        || (o.DueDate >= w.From && o.DueDate <= w.DueTo && LoopStates.Contains(o.State))
        || (o.RepliedAt >= w.Start && o.RepliedAt < w.End)
        || (o.RatedAt >= w.Start && o.RatedAt < w.End && o.Rating != null));

    private static IQueryable<Agg<TKey>> Aggregate<TKey>(IQueryable<Opinion> q, System.Linq.Expressions.Expression<Func<Opinion, TKey>> key, Window w)
    {
        DateTime start = w.Start, end = w.End;
        DateOnly from = w.From, dueTo = w.DueTo;
        string[] loop = LoopStates;
        return q.GroupBy(key).Select(g => new Agg<TKey>
        {
            Key = g.Key,
            Received = g.Count(o => o.CreatedAt >= start && o.CreatedAt < end),
            Due = g.Count(o => o.DueDate >= from && o.DueDate <= dueTo && loop.Contains(o.State)),
            Closed = g.Count(o => o.DueDate >= from && o.DueDate <= dueTo && loop.Contains(o.State) && o.ClosedAt != null && o.ClosedAt < end),
            Replied = g.Count(o => o.RepliedAt >= start && o.RepliedAt < end),
            RepliedOnTime = g.Count(o => o.RepliedAt >= start && o.RepliedAt < end && !o.RepliedLate),
            Rated = g.Count(o => o.RatedAt >= start && o.RatedAt < end && o.Rating != null),
            Satisfied = g.Count(o => o.RatedAt >= start && o.RatedAt < end && o.Rating == OpinionRatings.Satisfied),
            BasicallySatisfied = g.Count(o => o.RatedAt >= start && o.RatedAt < end && o.Rating == OpinionRatings.BasicallySatisfied),
            Unsatisfied = g.Count(o => o.RatedAt >= start && o.RatedAt < end && o.Rating == OpinionRatings.Unsatisfied),
            Rehandled = g.Count(o => o.CreatedAt >= start && o.CreatedAt < end && o.Round > 0),
            Rounds = g.Sum(o => o.CreatedAt >= start && o.CreatedAt < end ? o.Round : 0),
        });
    }

    /// <summary>Each figure in the month (China time) of its own event: received by the day it came in, due by
    /// its deadline, replied and rated by when that happened; so a month's row is what the period would show
    /// for that month alone.</summary>
    private static async Task<IReadOnlyList<StatsRow>> ByMonthAsync(IQueryable<Opinion> opinions, Window w, CancellationToken ct)
    {
        DateTime start = w.Start, end = w.End;
        DateOnly from = w.From, dueTo = w.DueTo;
        string[] loop = LoopStates;

        var received = await opinions.Where(o => o.CreatedAt >= start && o.CreatedAt < end)
            .GroupBy(o => o.CreatedAt.AddHours(MonthShift).Year * 100 + o.CreatedAt.AddHours(MonthShift).Month)
            .Select(g => new { g.Key, Received = g.Count(), Rehandled = g.Count(o => o.Round > 0), Rounds = g.Sum(o => o.Round) })
            .ToListAsync(ct);
        var due = await opinions.Where(o => o.DueDate >= from && o.DueDate <= dueTo && loop.Contains(o.State))
            .GroupBy(o => o.DueDate!.Value.Year * 100 + o.DueDate!.Value.Month)
            .Select(g => new { g.Key, Due = g.Count(), Closed = g.Count(o => o.ClosedAt != null && o.ClosedAt < end) })
            .ToListAsync(ct);
        var replied = await opinions.Where(o => o.RepliedAt >= start && o.RepliedAt < end)
            .GroupBy(o => o.RepliedAt!.Value.AddHours(MonthShift).Year * 100 + o.RepliedAt!.Value.AddHours(MonthShift).Month)
            .Select(g => new { g.Key, Replied = g.Count(), OnTime = g.Count(o => !o.RepliedLate) })
            .ToListAsync(ct);
        var rated = await opinions.Where(o => o.RatedAt >= start && o.RatedAt < end && o.Rating != null)
            .GroupBy(o => o.RatedAt!.Value.AddHours(MonthShift).Year * 100 + o.RatedAt!.Value.AddHours(MonthShift).Month)
            .Select(g => new
            {
                g.Key, Rated = g.Count(),
                Satisfied = g.Count(o => o.Rating == OpinionRatings.Satisfied),
                Basically = g.Count(o => o.Rating == OpinionRatings.BasicallySatisfied),
                Unsatisfied = g.Count(o => o.Rating == OpinionRatings.Unsatisfied),
            })
            .ToListAsync(ct);

        var rows = new List<StatsRow>();
        for (var m = new DateOnly(w.From.Year, w.From.Month, 1); m <= w.To; m = m.AddMonths(1))
        {
            var key = m.Year * 100 + m.Month;
            var a = new Agg<int> { Key = key };
            if (received.FirstOrDefault(x => x.Key == key) is { } r) (a.Received, a.Rehandled, a.Rounds) = (r.Received, r.Rehandled, r.Rounds);
            if (due.FirstOrDefault(x => x.Key == key) is { } d) (a.Due, a.Closed) = (d.Due, d.Closed);
            if (replied.FirstOrDefault(x => x.Key == key) is { } p) (a.Replied, a.RepliedOnTime) = (p.Replied, p.OnTime);
            if (rated.FirstOrDefault(x => x.Key == key) is { } q)
                (a.Rated, a.Satisfied, a.BasicallySatisfied, a.Unsatisfied) = (q.Rated, q.Satisfied, q.Basically, q.Unsatisfied);
            var label = m.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            rows.Add(Row(label, label, a));
        }
        return rows;
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

    private sealed class Agg<TKey>
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
