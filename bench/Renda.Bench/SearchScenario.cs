using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Renda.Modules.Opinions;
using Renda.Platform.Audit;
using Renda.Platform.Auth;
using Renda.Platform.Data;

namespace Renda.Bench;

/// <summary>T3 of issue 7: the staff inbox (<see cref="OpinionsInbox.ListAsync"/>: count and first page of 20, with the
/// app's Chinese bigram search) against <c>LIKE '%term%'</c> on the same table (the same count and page), on a
/// database made by <see cref="GenerateScenario"/>. Recall: the inbox's total must equal LIKE's count for every term.
/// Terms run from common two-character words to rare longer phrases.</summary>
public sealed class SearchScenario : IScenario
{
    public static readonly string[] Terms = ["停车", "噪音", "小区", "加装电梯", "油烟直排", "秸秆", "异地结算", "变压器噪音大", "群租房安全隐患", "幸福村"];

    public async Task RunAsync(BenchOptions o)
    {
        if (o.IsPostgres) throw new InvalidOperationException("search: SQLite only so far (the PostgreSQL side is the next step).");
        var db = Path.GetFullPath(o.Value("--db") ?? Path.Combine("artifacts", "bench", "province-0.01.db"));
        if (!File.Exists(db)) throw new InvalidOperationException($"{db} does not exist: run the generate scenario first.");
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite(DataSetup.SqliteConnectionString($"Data Source={db}")).Options;
        var staff = new Staff();
        await using (var ctx = new AppDbContext(options, staff, TimeProvider.System))
            Console.WriteLine($"search: {db}, {await ctx.Set<Opinion>().CountAsync():N0} opinions, first page of 20 with the total, {o.Runs} runs after a warm-up");

        Console.WriteLine("| term | LIKE matches | inbox total | recall | inbox ms | LIKE ms | LIKE / inbox |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var term in Terms)
        {
            var inbox = new List<double>();
            var like = new List<double>();
            long inboxTotal = 0, likeTotal = 0;
            for (var run = 0; run <= o.Runs; run++)
            {
                await using var ctx = new AppDbContext(options, staff, TimeProvider.System);
                var watch = Stopwatch.StartNew();
                var result = await new OpinionsInbox(ctx, staff, PersonalDataOf(), new AuditTrail(ctx)).ListAsync(new OpinionFilter(Q: term), 1, 20);
                var ms = watch.Elapsed.TotalMilliseconds;
                inboxTotal = result.Value!.Total;
                watch.Restart();
                likeTotal = await LikeAsync(ctx, term);
                var likeMs = watch.Elapsed.TotalMilliseconds;
                if (run == 0) continue; // warm-up
                inbox.Add(ms);
                like.Add(likeMs);
            }
            var (mi, ml) = (LoadScenario.Median(inbox), LoadScenario.Median(like));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {term} | {likeTotal:N0} | {inboxTotal:N0} | {(likeTotal == 0 ? 1 : (double)Math.Min(inboxTotal, likeTotal) / likeTotal):0.000}{(inboxTotal == likeTotal ? "" : " ≠")} | {mi:0.0} ({inbox.Min():0.0}–{inbox.Max():0.0}) | {ml:0.0} ({like.Min():0.0}–{like.Max():0.0}) | {ml / mi:0.0}× |"));
        }
    }

    /// <summary>The baseline: the same count and first page with a substring scan.</summary>
    private static async Task<long> LikeAsync(AppDbContext ctx, string term)
    {
        var conn = ctx.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync();
        await using var count = conn.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM opinions WHERE content LIKE '%' || $t || '%'";
        var p = count.CreateParameter(); p.ParameterName = "$t"; p.Value = term; count.Parameters.Add(p);
        var total = (long)(await count.ExecuteScalarAsync())!;
        await using var page = conn.CreateCommand();
        page.CommandText = "SELECT id, state, content, created_at, category, tracking_code FROM opinions WHERE content LIKE '%' || $t || '%' ORDER BY created_at DESC, id DESC LIMIT 20";
        var q = page.CreateParameter(); q.ParameterName = "$t"; q.Value = term; page.Parameters.Add(q);
        await using var reader = await page.ExecuteReaderAsync();
        while (await reader.ReadAsync()) { }
        return total;
    }

    private static PersonalData PersonalDataOf() => new(Enumerable.Range(0, 64).Select(i => (byte)i).ToArray());

    /// <summary>Congress staff of the province: sees every opinion.</summary>
    private sealed class Staff : ICurrentUser
    {
        public string? UserId => "bench-staff";
        public string? UserName => "bench-staff";
        public IReadOnlyList<string> Roles => [Renda.Platform.Auth.Roles.CongressStaff];
        public string? ScopeCode => GenerateScenario.Province;
        public string? ClientIp => null;
        public long? UnitId => null;
        public long? RepresentativeId => null;
        public long? StationId => null;
        public bool IsInRole(string role) => role == Renda.Platform.Auth.Roles.CongressStaff;
    }
}
