using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Renda.Modules.Congress;
using Renda.Modules.Performance;
using Renda.Modules.Representatives;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Jurisdictions;

namespace Renda.Bench;

/// <summary>The whole-province recompute (issue 6): N representatives × M duty records (and some unexcused
/// absences), scored for one year by <see cref="Scoring.RecomputeAsync"/> (two grouped queries + the pure
/// calculator) and by one hand-written SQL aggregation computing the same capped sums; the totals must agree.</summary>
public sealed class ScoringScenario : IScenario
{
    private const int Year = 2025;
    private const int Seed = 20250601;

    /// <summary>A 100-point book of 12 criteria and a deduction, one with half points.</summary>
    public static readonly IReadOnlyList<CriterionRule> Book =
    [
        new("JD", "接待选民", [DutyKinds.Reception], 2m, 15m),
        new("HY", "参加会议", [DutyKinds.Meeting], 3m, 15m),
        new("SC", "视察调研", [DutyKinds.Inspection], 3m, 10m),
        new("JY", "提出建议议案", [DutyKinds.SuggestionFiled, DutyKinds.MotionFiled], 5m, 10m),
        new("FY", "联名附议", [DutyKinds.CoSigned], 1m, 5m),
        new("YJ", "处理选民意见", [DutyKinds.OpinionHandled], 1m, 10m),
        new("LX", "联系选民", [DutyKinds.VoterContact], 0.5m, 10m),
        new("PX", "参加培训", [DutyKinds.Training], 2m, 6m),
        new("XZ", "代表小组活动", [DutyKinds.GroupActivity], 2m, 6m),
        new("YZ", "应知应会", [DutyKinds.Quiz], 1m, 3m),
        new("ZZ", "自主登记", [DutyKinds.SelfReported], 1m, 5m),
        new("SZ", "述职测评", [DutyKinds.Evaluation], 5m, 5m),
        new("KQ", "无故缺席", [ScoreCalculator.UnexcusedAbsence], -2m, 10m),
    ];

    private static readonly string[] Kinds = DutyKinds.All.Select(k => k.Id).ToArray();

    public async Task RunAsync(BenchOptions o)
    {
        Console.WriteLine($"scoring on {o.Provider}: {o.Reps:N0} representatives × {o.Records} records, {o.Runs} runs");
        var (options, drop) = await CreateDatabaseAsync(o);
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await using (var db = Context(options))
            {
                await new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
                await GenerateAsync(db, o);
            }
            Console.WriteLine($"generated in {watch.Elapsed.TotalSeconds:0.0} s");

            var calc = new Timings("calculator (Scoring.RecomputeAsync)");
            var sql = new Timings("one SQL aggregation");
            var query = BaselineSql(Book, o.IsPostgres);
            // One warm-up of each, then alternate.
            var c0 = await RecomputeAsync(options);
            var s0 = await BaselineAsync(options, query);
            Verify(c0, s0, o.Reps);
            for (var i = 0; i < o.Runs; i++)
            {
                var c = await calc.MeasureAsync(() => RecomputeAsync(options));
                var s = await sql.MeasureAsync(() => BaselineAsync(options, query));
                Verify(c, s, o.Reps);
            }
            Console.WriteLine(calc);
            Console.WriteLine(sql);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio calculator / SQL (medians): {calc.Median / sql.Median:0.00}"));
        }
        finally
        {
            await drop();
        }
    }

    private static AppDbContext Context(DbContextOptions<AppDbContext> options) => new(options, new SystemUser("bench"), TimeProvider.System);

    private static async Task<Dictionary<long, Score>> RecomputeAsync(DbContextOptions<AppDbContext> options)
    {
        await using var db = Context(options);
        return await Scoring.RecomputeAsync(db, Year, Book);
    }

    private static async Task<Dictionary<long, decimal>> BaselineAsync(DbContextOptions<AppDbContext> options, string query)
    {
        await using var db = Context(options);
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = query;
        Add(cmd, "from", new DateOnly(Year, 1, 1));
        Add(cmd, "to", new DateOnly(Year, 12, 31));
        var totals = new Dictionary<long, decimal>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            totals[reader.GetInt64(0)] = Convert.ToDecimal(reader.GetValue(1), CultureInfo.InvariantCulture);
        return totals;
    }

    private static void Add(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    /// <summary>The same capped sums in one statement: counts per kind pivoted per representative, absences
    /// joined, each criterion's points capped with CASE, added up.</summary>
    public static string BaselineSql(IReadOnlyList<CriterionRule> book, bool postgres)
    {
        static string Lit(decimal d) => d.ToString(CultureInfo.InvariantCulture);
        var p = postgres ? "@" : "$";
        var sb = new StringBuilder("SELECT r.id, 0");
        var pivots = new List<string>();
        for (var i = 0; i < book.Count; i++)
        {
            var c = book[i];
            var kinds = c.Counts.Where(k => k != ScoreCalculator.UnexcusedAbsence).ToList();
            var parts = new List<string>();
            if (kinds.Count > 0)
            {
                pivots.Add($"SUM(CASE WHEN kind IN ({string.Join(", ", kinds.Select(k => $"'{k}'"))}) THEN 1 ELSE 0 END) AS c{i}");
                parts.Add($"COALESCE(c.c{i}, 0)");
            }
            if (c.Counts.Contains(ScoreCalculator.UnexcusedAbsence)) parts.Add("COALESCE(ab.n, 0)");
            var v = $"({string.Join(" + ", parts)}) * {Lit(c.PointsPerRecord)}";
            sb.Append("\n  + ");
            if (c.Cap is not { } cap) sb.Append(v);
            else if (c.PointsPerRecord > 0) sb.Append($"CASE WHEN {v} > {Lit(cap)} THEN {Lit(cap)} ELSE {v} END");
            else sb.Append($"CASE WHEN {v} < -{Lit(cap)} THEN -{Lit(cap)} ELSE {v} END");
        }
        sb.Append($"""

            FROM representatives r
            LEFT JOIN (SELECT representative_id AS rid, {string.Join(", ", pivots)}
                       FROM duty_records WHERE state = 1 AND date >= {p}from AND date <= {p}to GROUP BY representative_id) c ON c.rid = r.id
            LEFT JOIN (SELECT i.representative_id AS rid, COUNT(*) AS n FROM activity_invitations i JOIN activities a ON a.id = i.activity_id
                       WHERE i.attendance = 3 AND a.date >= {p}from AND a.date <= {p}to GROUP BY i.representative_id) ab ON ab.rid = r.id
            """);
        return sb.ToString();
    }

    private static void Verify(Dictionary<long, Score> calc, Dictionary<long, decimal> sql, int reps)
    {
        if (calc.Count != reps || sql.Count != reps) throw new InvalidOperationException($"expected {reps} totals, got {calc.Count} and {sql.Count}");
        foreach (var (id, score) in calc)
            if (Math.Round(score.Total, 2) != Math.Round(sql[id], 2))
                throw new InvalidOperationException($"representative {id}: calculator {score.Total}, SQL {sql[id]}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  totals agree: {calc.Count:N0} representatives, sum {calc.Values.Sum(s => s.Total):N1} = {sql.Values.Sum():N1}"));
    }

    // ---- the data ---------------------------------------------------------------------------------

    private static async Task GenerateAsync(AppDbContext db, BenchOptions o)
    {
        var rnd = new Random(Seed);
        var counties = Enumerable.Range(0, 90).Select(i => $"33{i / 10 + 1:00}{i % 10 + 1:00}").ToList();
        var congress = new Congress { JurisdictionCode = "33", Name = "浙江省人民代表大会", Level = JurisdictionLevel.Province };
        var term = new Term { Congress = congress, JurisdictionCode = "33", Number = 14, StartsOn = new DateOnly(2023, 1, 1), EndsOn = new DateOnly(2027, 12, 31), IsCurrent = true };
        var groups = counties.Select(c => new DelegationGroup { Term = term, JurisdictionCode = c, Name = c + " 代表团" }).ToList();
        db.AddRange(groups);
        await db.SaveChangesAsync();

        var now = DateTime.UtcNow;
        await using var bulk = await Bulk.OpenAsync(db);
        await bulk.InsertAsync("representatives",
            ["term_id", "jurisdiction_code", "name", "pinyin_initials", "gender", "ethnicity", "birth_date", "occupation", "employer", "levels",
             "constituency", "delegation_group_id", "status", "public_code", "version"],
            Enumerable.Range(0, o.Reps).Select(i =>
            {
                var g = groups[i % groups.Count];
                return new object?[] { term.Id, g.JurisdictionCode, $"代表{i:000000}", "DB", 1 + i % 2, "汉族", new DateOnly(1970 + i % 30, 1 + i % 12, 1 + i % 28),
                    "职员", "单位", 1, "选区", g.Id, 1, $"bench{i:000000}", 0L };
            }));
        var reps = await db.Set<Representative>().AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Id, r.JurisdictionCode }).ToListAsync();

        // Records: most this year, some the year before (not counted); 5 % pending (not counted).
        await bulk.InsertAsync("duty_records",
            ["representative_id", "jurisdiction_code", "kind", "date", "title", "source_module", "source_id", "state", "recorded_at", "recorded_by"],
            reps.SelectMany(r => Enumerable.Range(0, o.Records).Select(k =>
            {
                var kind = Kinds[rnd.Next(Kinds.Length)];
                var date = new DateOnly(rnd.Next(10) == 0 ? Year - 1 : Year, 1, 1).AddDays(rnd.Next(365));
                return new object?[] { r.Id, r.JurisdictionCode, kind, date, kind, "bench", k.ToString(CultureInfo.InvariantCulture),
                    rnd.Next(20) == 0 ? 2 : 1, now, "bench" };
            })));

        // Activities: one per 100 representatives, 30 invited each, a third of them absent without excuse.
        var activities = Math.Max(1, o.Reps / 100);
        await bulk.InsertAsync("activities", ["jurisdiction_code", "type", "title", "date", "place", "organiser", "created_at"],
            Enumerable.Range(0, activities).Select(i => new object?[] { counties[i % counties.Count], "inspection", "视察", new DateOnly(Year, 1, 1).AddDays(i % 365), "县城", "代表工委", now }));
        var activityIds = await db.Set<Activity>().AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
        await bulk.InsertAsync("activity_invitations", ["activity_id", "representative_id", "jurisdiction_code", "attendance", "reason"],
            activityIds.SelectMany((a, i) => Enumerable.Range(0, Math.Min(30, reps.Count)).Select(k => reps[(i * 30 + k) % reps.Count]).Distinct()
                .Select(r => new object?[] { a, r.Id, r.JurisdictionCode, rnd.Next(3) == 0 ? 3 : 1, null })));
        await bulk.AnalyzeAsync();
    }

    // ---- the databases ----------------------------------------------------------------------------

    private static async Task<(DbContextOptions<AppDbContext> Options, Func<Task> Drop)> CreateDatabaseAsync(BenchOptions o)
    {
        if (!o.IsPostgres)
        {
            var file = Path.Combine(Path.GetTempPath(), $"renda-bench-{Guid.NewGuid():N}.db");
            var cs = DataSetup.SqliteConnectionString($"Data Source={file}");
            var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite(cs).Options;
            return (options, () =>
            {
                SqliteConnection.ClearAllPools();
                foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
                return Task.CompletedTask;
            });
        }
        if (string.IsNullOrWhiteSpace(o.Connection))
            throw new InvalidOperationException("PostgreSQL: pass --connection or set RENDA_BENCH_PG (see docs/benchmarks.md for a private cluster).");
        var name = $"renda_bench_{Guid.NewGuid():N}"[..28];
        await using (var admin = new NpgsqlConnection(o.Connection))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var bench = new NpgsqlConnectionStringBuilder(o.Connection) { Database = name, CommandTimeout = 600 }.ToString();
        return (new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(bench).Options, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(o.Connection);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        });
    }
}
