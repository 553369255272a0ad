using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Renda.Modules.Opinions;
using Renda.Platform.Auth;
using Renda.Platform.Calendar;
using Renda.Platform.Data;

namespace Renda.Bench;

/// <summary>T4 of issue 7: the opinions dashboard's figures (<see cref="OpinionStats.BuildAsync(StatsPeriod, CancellationToken)"/>:
/// totals, rates, by state, unit, category, station, township and month) for the last twelve months, as the staff
/// of the busiest county and of the province see them, against one hand-written GROUP BY (received per state over the
/// same rows). Cold: a new context and the first request for that scope and period; the app's dashboard answers
/// from <see cref="OpinionStats"/> each time (no result cache), so every request is a cold one.</summary>
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
        Console.WriteLine($"dashboard ({o.Provider}): opinion stats {period.From:yyyy-MM-dd}..{period.To:yyyy-MM-dd}, {o.Runs} runs after a warm-up");
        Console.WriteLine("| scope | rows in period | dashboard ms | one GROUP BY ms | ratio |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        var clock = new FixedClock(GenerateScenario.Anchor);
        foreach (var scope in new[] { county, GenerateScenario.Province })
        {
            var dashboard = new List<double>();
            var groupBy = new List<double>();
            long rows = 0;
            for (var run = 0; run <= o.Runs; run++)
            {
                var user = new SystemUser("bench-staff", scope);
                await using var ctx = new AppDbContext(options, user, clock);
                var watch = Stopwatch.StartNew();
                var result = await new OpinionStats(ctx, clock).BuildAsync(period, CancellationToken.None);
                var ms = watch.Elapsed.TotalMilliseconds;
                watch.Restart();
                rows = await GroupByAsync(ctx, scope, period);
                var baseMs = watch.Elapsed.TotalMilliseconds;
                if (result.ByState.Sum(s => s.Count) != rows)
                    throw new InvalidOperationException($"{scope}: the dashboard counts {result.ByState.Sum(s => s.Count)} received, the GROUP BY {rows}");
                if (run == 0) continue;
                dashboard.Add(ms);
                groupBy.Add(baseMs);
            }
            var (md, mg) = (LoadScenario.Median(dashboard), LoadScenario.Median(groupBy));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(scope.Length == 2 ? "province " : "county ")}{scope} | {rows:N0} | {md:0} ({dashboard.Min():0}–{dashboard.Max():0}) | {mg:0} ({groupBy.Min():0}–{groupBy.Max():0}) | {md / mg:0.0} |"));
        }
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
