using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renda.Modules.Opinions;
using Renda.Platform.Auth;
using Renda.Platform.Calendar;
using Renda.Platform.Data;

namespace Renda.Bench;

/// <summary>T4 of issue 7: the opinions dashboard's figures (<see cref="OpinionStats.BuildAsync(StatsPeriod, CancellationToken)"/>:
/// totals, rates, by state, unit, category, station, township and month) for the last twelve months, as the staff
/// of the busiest county and of the province see them, against one hand-written GROUP BY (received per state over the
/// same rows), for two periods: the app's default (whole months, from the monthly rollup of ADR 0038) and twelve
/// months back to the day. A new context per request and an <see cref="OpinionStats"/> without the cache of
/// ADR 0040: every figure here is computed (the cold request). The warm-up run also computes every figure from the passes alone and checks them
/// equal.</summary>
public sealed class DashboardScenario : IScenario
{
    public async Task RunAsync(BenchOptions o)
    {
        var options = SearchScenario.ContextOptions(o);
        var today = DateOnly.FromDateTime(GenerateScenario.Anchor);
        var period = new StatsPeriod(today.AddMonths(-12).AddDays(1), today);
        string county;
        await using (var ctx = new AppDbContext(options, new SystemUser("bench"), TimeProvider.System))
        {
            var conn = ctx.Database.GetDbConnection();
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "SELECT substr(jurisdiction_code, 1, 6) FROM opinions WHERE id <= 100000 GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1";
            county = (string)(await cmd.ExecuteScalarAsync())!;
        }
        var clock = new FixedClock(GenerateScenario.Anchor);
        // The app's default period (the first of the month eleven months back to today: whole months, served by the
        // rollup) and twelve months back from today to the day (the days at its start from the passes).
        var periods = new[] { new OpinionStats(null!, clock).ReadPeriod(null, null).Value!, period };
        Console.WriteLine($"dashboard ({o.Provider}): opinion stats, {o.Runs} runs after a warm-up; 'passes only' is one run of every figure from the opinion rows (ADR 0034, before the rollup), checked equal to the dashboard's");
        Console.WriteLine("| scope | period | rows in period | dashboard ms | passes only ms | one GROUP BY ms | ratio to GROUP BY |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var scope in new[] { county, GenerateScenario.Province })
        foreach (var p in periods)
        {
            var dashboard = new List<double>();
            var groupBy = new List<double>();
            long rows = 0;
            double passesMs = 0;
            for (var run = 0; run <= o.Runs; run++)
            {
                var user = new SystemUser("bench-staff", scope);
                await using var ctx = new AppDbContext(options, user, clock);
                var watch = Stopwatch.StartNew();
                var result = await new OpinionStats(ctx, clock).BuildAsync(p, CancellationToken.None);
                var ms = watch.Elapsed.TotalMilliseconds;
                watch.Restart();
                rows = await GroupByAsync(ctx, scope, p);
                var baseMs = watch.Elapsed.TotalMilliseconds;
                if (result.ByState.Sum(s => s.Count) != rows)
                    throw new InvalidOperationException($"{scope}: the dashboard counts {result.ByState.Sum(s => s.Count)} received, the GROUP BY {rows}");
                if (run == 0)
                {
                    watch.Restart();
                    var passes = await new OpinionStats(ctx, clock).BuildAsync(p, useRollup: false, CancellationToken.None);
                    passesMs = watch.Elapsed.TotalMilliseconds;
                    var (a, b) = (Figures(result), Figures(passes));
                    if (a != b)
                        throw new InvalidOperationException($"{scope} {p.From:yyyy-MM-dd}..{p.To:yyyy-MM-dd}: the rollup's figures differ from the passes'");
                    continue;
                }
                dashboard.Add(ms);
                groupBy.Add(baseMs);
            }
            var (md, mg) = (LoadScenario.Median(dashboard), LoadScenario.Median(groupBy));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(scope.Length == 2 ? "province " : "county ")}{scope} | {p.From:yyyy-MM-dd}..{p.To:yyyy-MM-dd} | {rows:N0} | {md:0} ({dashboard.Min():0}–{dashboard.Max():0}) | {passesMs:0} | {mg:0} ({groupBy.Min():0}–{groupBy.Max():0}) | {md / mg:0.0} |"));
        }
    }

    /// <summary>Every figure of a result, the rows of each breakdown in key order (ties in the display order may fall
    /// either way).</summary>
    private static string Figures(OpinionStatsResult r)
    {
        static IEnumerable<StatsRow> ByKey(IReadOnlyList<StatsRow> rows) => rows.OrderBy(x => x.Key, StringComparer.Ordinal);
        return JsonSerializer.Serialize(new
        {
            r.Totals, r.ByState, ByUnit = ByKey(r.ByUnit), ByCategory = ByKey(r.ByCategory), ByStation = ByKey(r.ByStation),
            ByTownship = ByKey(r.ByTownship), ByMonth = ByKey(r.ByMonth),
        });
    }

    /// <summary>The baseline: received opinions per state in the period under a scope, one statement.</summary>
    private static async Task<long> GroupByAsync(AppDbContext ctx, string scope, StatsPeriod p)
    {
        var conn = ctx.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT state, COUNT(*) FROM opinions WHERE jurisdiction_code LIKE @scope AND created_at >= @from AND created_at < @to GROUP BY state";
        void Add(string name, object value) { var prm = cmd.CreateParameter(); prm.ParameterName = name; prm.Value = value; cmd.Parameters.Add(prm); }
        Add("@scope", scope + "%");
        Add("@from", p.StartUtc);
        Add("@to", p.EndUtc);
        long total = 0;
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) total += r.GetInt64(1);
        return total;
    }

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now, TimeSpan.Zero);
    }
}
