using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Renda.Platform.Auth;
using Renda.Platform.Data;

namespace Renda.Bench;

/// <summary><c>sql --db FILE "SELECT …" ["…"]</c> (or <c>--provider postgres</c>): runs each statement three times on a
/// generated database and prints its plan (EXPLAIN QUERY PLAN / EXPLAIN), the rows it returned and the times. For
/// looking at query shapes while tuning; <c>{fts:词}</c> and <c>{ts:词}</c> stand for the search expressions of 词; the app's own SQL can be seen with <c>search --sql</c>.</summary>
public sealed class SqlScenario : IScenario
{
    public async Task RunAsync(BenchOptions o)
    {
        var options = SearchScenario.ContextOptions(o);
        await using var db = new AppDbContext(options, new SystemUser("bench"), TimeProvider.System);
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        var statements = o.Args.Skip(1).Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !o.Args[i].StartsWith("--", StringComparison.Ordinal))).ToList();
        foreach (var text in statements)
        {
            // {fts:词} stands for the FTS5 MATCH string of a search for 词, {ts:词} for its tsquery.
            var sql = System.Text.RegularExpressions.Regex.Replace(text, @"\{(fts|ts):([^}]+)\}", m =>
                "'" + (m.Groups[1].Value == "fts" ? Renda.Platform.Search.SearchQuery.Parse(m.Groups[2].Value).ToFts5() : Renda.Platform.Search.SearchQuery.Parse(m.Groups[2].Value).ToTsQuery()).Replace("'", "''") + "'");
            Console.WriteLine(sql);
            await using (var plan = conn.CreateCommand())
            {
                plan.CommandText = (o.IsPostgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + sql;
                await using var r = await plan.ExecuteReaderAsync();
                while (await r.ReadAsync()) Console.WriteLine("  plan: " + string.Join(" | ", Enumerable.Range(0, r.FieldCount).Select(i => r.GetValue(i))));
            }
            for (var run = 0; run < 3; run++)
            {
                var watch = Stopwatch.StartNew();
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = sql;
                await using var r = await cmd.ExecuteReaderAsync();
                var rows = 0;
                string first = "";
                while (await r.ReadAsync()) { if (rows++ == 0) first = string.Join(", ", Enumerable.Range(0, r.FieldCount).Select(i => r.GetValue(i))); }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  run {run + 1}: {rows} rows in {watch.Elapsed.TotalMilliseconds:0.0} ms; first: {first}"));
            }
        }
    }
}
