using System.Data.Common;
using System.Globalization;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Renda.Modules.Opinions;
using Renda.Platform.Audit;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Search;

namespace Renda.Bench;

/// <summary>T3 of issue 7: the staff inbox (<see cref="OpinionsInbox.ListAsync"/>: the capped count and the first page of
/// 20, newest first, with the app's Chinese bigram search and filters) against the same count and page with
/// <c>LIKE '%term%'</c> on the same table, on a database made by <see cref="GenerateScenario"/>, SQLite or PostgreSQL.
/// Recall is checked outside the timing: the index's full match count must equal LIKE's full count for every term.
/// Terms run from common two-character words to rare longer phrases; the filter cases add a county's staff, a state
/// and a category.</summary>
public sealed class SearchScenario : IScenario
{
    public static readonly string[] Terms = ["停车", "噪音", "小区", "加装电梯", "油烟直排", "秸秆", "异地结算", "变压器噪音大", "群租房安全隐患", "幸福村"];

    /// <summary>A case: who searches (a scope: the province or a county), filters, and a term (or none).</summary>
    private sealed record Case(string Label, string Scope, OpinionFilter Filter);

    public async Task RunAsync(BenchOptions o)
    {
        var options = ContextOptions(o);
        var county = await BusiestCountyAsync(options);
        var cases = Terms.Select(t => new Case(t, GenerateScenario.Province, new OpinionFilter(Q: t))).Concat(
        [
            new Case("(no term) province, all", GenerateScenario.Province, new OpinionFilter()),
            new Case("(no term) province, state assigned", GenerateScenario.Province, new OpinionFilter(State: "assigned")),
            new Case($"(no term) county {county}, overdue", county, new OpinionFilter(Overdue: true)),
            new Case($"停车, county {county}", county, new OpinionFilter(Q: "停车")),
            new Case("噪音, category environment, state closed", GenerateScenario.Province, new OpinionFilter(Q: "噪音", Category: "environment", State: "closed")),
            new Case("路灯 维修 (two words)", GenerateScenario.Province, new OpinionFilter(Q: "路灯 维修")),
        ]).ToList();
        // --only TEXT: just the cases whose label contains TEXT (e.g. "(no term)").
        if (o.Value("--only") is { } only) cases = cases.Where(c => c.Label.Contains(only, StringComparison.Ordinal)).ToList();
        await using (var ctx = new AppDbContext(options, new Staff(GenerateScenario.Province), TimeProvider.System))
            Console.WriteLine($"search ({o.Provider}): {await ctx.Set<Opinion>().CountAsync():N0} opinions; inbox = count up to {OpinionsInbox.DefaultCountCap:N0} + first page of 20; {o.Runs} runs after a warm-up");

        Console.WriteLine("| case | LIKE matches | index matches | recall | inbox total | inbox ms | LIKE ms | LIKE / inbox |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        var allInbox = new List<double>();
        foreach (var c in cases)
        {
            var staff = new Staff(c.Scope);
            var inbox = new List<double>();
            var like = new List<double>();
            string shown = "";
            for (var run = 0; run <= o.Runs; run++)
            {
                await using var ctx = new AppDbContext(options, staff, TimeProvider.System);
                var watch = Stopwatch.StartNew();
                var result = await new OpinionsInbox(ctx, staff, PersonalDataOf(), new AuditTrail(ctx)).ListAsync(c.Filter, 1, 20);
                var ms = watch.Elapsed.TotalMilliseconds;
                if (!result.Ok) throw new InvalidOperationException($"{c.Label}: the inbox refused the filter");
                shown = (result.Value!.TotalCapped ? "> " : "") + result.Value.Total.ToString("N0", CultureInfo.InvariantCulture);
                watch.Restart();
                await LikePageAsync(ctx, c);
                var likeMs = watch.Elapsed.TotalMilliseconds;
                if (run == 0) continue; // warm-up
                inbox.Add(ms);
                like.Add(likeMs);
            }
            allInbox.AddRange(inbox);
            // Recall, untimed: every row LIKE finds, the index finds, and no other.
            string likeCount = "–", indexCount = "–", recall = "–";
            var search = SearchQuery.Parse(c.Filter.Q);
            if (!search.IsEmpty)
            {
                await using var ctx = new AppDbContext(options, staff, TimeProvider.System);
                var (l, i) = (await LikeCountAsync(ctx, search), await FullTextSearch.Matching(ctx, OpinionsAccess.SearchIndex, search).LongCountAsync());
                (likeCount, indexCount) = (l.ToString("N0", CultureInfo.InvariantCulture), i.ToString("N0", CultureInfo.InvariantCulture));
                recall = (l == 0 ? 1 : (double)Math.Min(i, l) / l).ToString("0.000", CultureInfo.InvariantCulture) + (i == l ? "" : " ≠");
            }
            var (mi, ml) = (LoadScenario.Median(inbox), LoadScenario.Median(like));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {c.Label} | {likeCount} | {indexCount} | {recall} | {shown} | {mi:0.0} ({inbox.Min():0.0}–{inbox.Max():0.0}) | {ml:0.0} ({like.Min():0.0}–{like.Max():0.0}) | {ml / mi:0.0}× |"));
        }
        var sorted = allInbox.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"inbox over all {sorted.Length} measured requests: p50 {sorted[sorted.Length / 2]:0.0} ms, p95 {sorted[(int)Math.Ceiling(0.95 * sorted.Length) - 1]:0.0} ms, max {sorted[^1]:0.0} ms"));
    }

    public static DbContextOptions<AppDbContext> ContextOptions(BenchOptions o)
    {
        var b = new DbContextOptionsBuilder<AppDbContext>();
        // --sql prints each statement the app sends (to read the query shapes).
        if (o.Args.Contains("--sql")) b.LogTo(Console.WriteLine, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]);
        if (o.IsPostgres)
        {
            if (string.IsNullOrWhiteSpace(o.Connection)) throw new InvalidOperationException("PostgreSQL: pass --connection or set RENDA_BENCH_PG.");
            return b.UseNpgsql(new NpgsqlConnectionStringBuilder(o.Connection) { CommandTimeout = 600 }.ToString()).Options;
        }
        var db = Path.GetFullPath(o.Value("--db") ?? Path.Combine("artifacts", "bench", "province-0.01.db"));
        if (!File.Exists(db)) throw new InvalidOperationException($"{db} does not exist: run the generate scenario first.");
        return b.UseSqlite(DataSetup.SqliteConnectionString($"Data Source={db}")).Options;
    }

    /// <summary>The county with the most opinions (a county's staff see its townships' opinions).</summary>
    private static async Task<string> BusiestCountyAsync(DbContextOptions<AppDbContext> options)
    {
        await using var ctx = new AppDbContext(options, new Staff(GenerateScenario.Province), TimeProvider.System);
        var conn = await OpenAsync(ctx);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT substr(jurisdiction_code, 1, 6) FROM opinions WHERE id <= 100000 GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1";
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>The baseline: the same capped count and first page, newest first, with a substring scan in place of
    /// the index (and the same filters, written by hand).</summary>
    private static async Task LikePageAsync(AppDbContext ctx, Case c)
    {
        var (where, args) = LikeWhere(c);
        var conn = await OpenAsync(ctx);
        await using (var count = Command(conn, $"SELECT COUNT(*) FROM (SELECT 1 FROM opinions WHERE {where} LIMIT {OpinionsInbox.DefaultCountCap + 1}) x", args))
            await count.ExecuteScalarAsync();
        await using var page = Command(conn, $"SELECT id, state, content, created_at, category, tracking_code, unit_id, station_id FROM opinions WHERE {where} ORDER BY id DESC LIMIT 20", args);
        await using var reader = await page.ExecuteReaderAsync();
        while (await reader.ReadAsync()) { }
    }

    private static (string Where, List<object> Args) LikeWhere(Case c)
    {
        var clauses = new List<string>();
        var args = new List<object>();
        string Arg(object v) { args.Add(v); return "@p" + (args.Count - 1); }
        clauses.Add($"jurisdiction_code LIKE {Arg(c.Scope)} || '%'");
        foreach (var term in SearchQuery.Parse(c.Filter.Q).Terms) clauses.Add($"content LIKE '%' || {Arg(term)} || '%'");
        if (c.Filter.State is { } s) clauses.Add($"state = {Arg(s)}");
        if (c.Filter.Category is { } cat) clauses.Add($"category = {Arg(cat)}");
        if (c.Filter.Overdue is { } od) clauses.Add($"overdue = {Arg(od)}");
        return (string.Join(" AND ", clauses), args);
    }

    private static async Task<long> LikeCountAsync(AppDbContext ctx, SearchQuery search)
    {
        var conn = await OpenAsync(ctx);
        var args = search.Terms.Cast<object>().ToList();
        await using var cmd = Command(conn, "SELECT COUNT(*) FROM opinions WHERE " + string.Join(" AND ", search.Terms.Select((_, i) => $"content LIKE '%' || @p{i} || '%'")), args);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static DbCommand Command(DbConnection conn, string sql, List<object> args)
    {
        var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        for (var i = 0; i < args.Count; i++)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@p" + i;
            p.Value = args[i];
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    private static async Task<DbConnection> OpenAsync(AppDbContext ctx)
    {
        var conn = ctx.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync();
        return conn;
    }

    private static PersonalData PersonalDataOf() => new(Enumerable.Range(0, 64).Select(i => (byte)i).ToArray());

    /// <summary>Congress staff of a jurisdiction: sees every opinion under it.</summary>
    private sealed class Staff(string scope) : ICurrentUser
    {
        public string? UserId => "bench-staff";
        public string? UserName => "bench-staff";
        public IReadOnlyList<string> Roles => [Renda.Platform.Auth.Roles.CongressStaff];
        public string? ScopeCode => scope;
        public string? ClientIp => null;
        public long? UnitId => null;
        public long? RepresentativeId => null;
        public long? StationId => null;
        public bool IsInRole(string role) => role == Renda.Platform.Auth.Roles.CongressStaff;
    }
}
