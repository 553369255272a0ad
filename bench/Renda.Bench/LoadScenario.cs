using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Renda.Platform.Data;

namespace Renda.Bench;

/// <summary>T1 and T2 of issue 7 over HTTP on 127.0.0.1: the real app (its own process, Production, on a database
/// made by <see cref="GenerateScenario"/>) against a bare Kestrel process (<see cref="BaselineServer"/>), both
/// driven by <see cref="LoadDriver"/> at the same concurrency for the same time, alternating, so that each run's
/// ratio compares like with like on the shared machine.
/// T1: <c>POST /api/public/opinions</c> (validation, code lookup, encryption, workflow history, audit, outbox, one
/// transaction) vs <c>POST /insert</c> (one row in SQLite, WAL, the same connection settings).
/// T2: the tracking page <c>/p/t/{code}</c> and the station page <c>/p/s/{code}</c> vs <c>GET /plaintext</c>.
/// At the end, the peak RSS (VmHWM) of both servers (T6).</summary>
public sealed class LoadScenario : IScenario
{
    public async Task RunAsync(BenchOptions o)
    {
        if (o.IsPostgres) throw new InvalidOperationException("load: SQLite only so far (the PostgreSQL side is the next step).");
        var db = Path.GetFullPath(o.Value("--db") ?? Path.Combine("artifacts", "bench", "province-0.01.db"));
        if (!File.Exists(db)) throw new InvalidOperationException($"{db} does not exist: run the generate scenario first.");
        var seconds = o.Double("--duration", 10);
        var concurrency = (int)o.Double("--concurrency", 32);
        var root = FindRepoRoot();

        // Sample codes to ask for: tracking codes of generated opinions and public codes of stations.
        var (tracking, stations) = Samples(db);
        var baselineDb = Path.Combine(Path.GetDirectoryName(db)!, "baseline.db");
        foreach (var f in new[] { baselineDb, baselineDb + "-wal", baselineDb + "-shm" }) File.Delete(f);

        var appDll = Path.Combine(AppContext.BaseDirectory, "Renda.dll");
        var benchDll = Path.Combine(AppContext.BaseDirectory, "Renda.Bench.dll");
        const string appUrl = "http://127.0.0.1:5191", baseUrl = "http://127.0.0.1:5192";
        var key = Convert.ToBase64String(Enumerable.Range(0, 64).Select(i => (byte)i).ToArray());
        using var app = Start(root, appDll, "--contentRoot", Path.Combine(root, "src", "Renda"), "--urls", appUrl,
            "--ConnectionStrings:Renda=Data Source=" + db, "--PersonalData:Key=" + key,
            "--PublicSubmissions:PermitsPerMinute=1000000000", "--Logging:LogLevel:Default=Warning");
        using var bare = Start(root, benchDll, "serve-baseline", "--urls", baseUrl, "--db", baselineDb);
        try
        {
            await WaitAsync(appUrl + "/health");
            await WaitAsync(baseUrl + "/plaintext");
            Console.WriteLine($"load: {db}, concurrency {concurrency}, {seconds} s per measurement, {o.Runs} runs; app pid {app.Id}, baseline pid {bare.Id}");

            var n = 0;
            LoadDriver.Request submit = (c, ct) => c.PostAsJsonAsync(appUrl + "/api/public/opinions", new
            {
                content = $"压测：{Vocabulary.Topics[Interlocked.Increment(ref n) % Vocabulary.Topics.Length].Objects[0]}年久失修，希望尽快安排维修。",
                category = "urban_construction", stationCode = stations[n % stations.Length], submitterName = "张三", phone = "13800138000", consent = true,
            }, ct);
            LoadDriver.Request insert = (c, ct) => c.PostAsJsonAsync(baseUrl + "/insert", new { content = "压测：路灯年久失修，希望尽快安排维修。" }, ct);
            var rnd = new Random(7);
            LoadDriver.Request track = (c, ct) => c.GetAsync(appUrl + "/p/t/" + tracking[rnd.Next(tracking.Length)], ct);
            LoadDriver.Request station = (c, ct) => c.GetAsync(appUrl + "/p/s/" + stations[rnd.Next(stations.Length)], ct);
            LoadDriver.Request plain = (c, ct) => c.GetAsync(baseUrl + "/plaintext", ct);

            var cases = new (string Name, LoadDriver.Request Request)[]
            {
                ("T1 app: POST /api/public/opinions", submit), ("T1 baseline: POST /insert", insert),
                ("T2 app: GET /p/t/{code}", track), ("T2 app: GET /p/s/{code}", station), ("T2 baseline: GET /plaintext", plain),
            };
            // --cases T1 (or T2): only the cases whose name starts with one of the given prefixes (comma-separated).
            if (o.Value("--cases") is { Length: > 0 } only)
                cases = cases.Where(c => only.Split(',').Any(p => c.Name.StartsWith(p.Trim(), StringComparison.Ordinal))).ToArray();
            var results = cases.ToDictionary(c => c.Name, _ => new List<LoadDriver.Result>());
            // Warm-up: a few seconds of each (JIT, pools, page cache).
            foreach (var c in cases) await LoadDriver.RunAsync(c.Request, concurrency, TimeSpan.FromSeconds(Math.Min(3, seconds)));
            for (var run = 0; run < o.Runs; run++)
                foreach (var c in cases)
                {
                    var r = await LoadDriver.RunAsync(c.Request, concurrency, TimeSpan.FromSeconds(seconds));
                    results[c.Name].Add(r);
                    Console.WriteLine($"  run {run + 1} {c.Name}: {r}");
                }

            Console.WriteLine();
            Console.WriteLine("| scenario | requests/s | p50 ms | p95 ms | p99 ms | errors | ratio to baseline |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
            foreach (var c in cases)
            {
                var rs = results[c.Name];
                var baseline = results[results.Keys.First(k => k.StartsWith(c.Name[..2], StringComparison.Ordinal) && k.Contains("baseline", StringComparison.Ordinal))];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {c.Name} | {Summary(rs, r => r.Throughput, "0")} | {Summary(rs, r => r.P50, "0.0")} | {Summary(rs, r => r.P95, "0.0")} | {Summary(rs, r => r.P99, "0.0")} | {rs.Sum(r => r.Errors)} | {Median(rs.Select(r => r.Throughput)) / Median(baseline.Select(r => r.Throughput)):0.00} |"));
            }
            Console.WriteLine();
            Console.WriteLine($"peak RSS (VmHWM): app {PeakRssMb(app.Id)} MB, bare Kestrel {PeakRssMb(bare.Id)} MB");
        }
        finally
        {
            foreach (var p in new[] { app, bare })
                if (!p.HasExited) { p.Kill(entireProcessTree: true); await p.WaitForExitAsync(); }
        }
    }

    private static string Summary(List<LoadDriver.Result> rs, Func<LoadDriver.Result, double> f, string format) =>
        string.Create(CultureInfo.InvariantCulture, $"{Median(rs.Select(f)).ToString(format, CultureInfo.InvariantCulture)} ({rs.Min(f).ToString(format, CultureInfo.InvariantCulture)}–{rs.Max(f).ToString(format, CultureInfo.InvariantCulture)})");

    public static double Median(IEnumerable<double> values)
    {
        var s = values.Order().ToList();
        return s.Count == 0 ? double.NaN : s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    private static (string[] Tracking, string[] Stations) Samples(string db)
    {
        using var conn = new SqliteConnection(DataSetup.SqliteConnectionString($"Data Source={db}"));
        conn.Open();
        string[] Read(string sql)
        {
            using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            using var r = cmd.ExecuteReader();
            var list = new List<string>();
            while (r.Read()) list.Add(r.GetString(0));
            return [.. list];
        }
        var tracking = Read("SELECT tracking_code FROM opinions ORDER BY (id * 2654435761) % 1000003 LIMIT 2000");
        var stations = Read("SELECT public_code FROM stations ORDER BY id LIMIT 2000");
        SqliteConnection.ClearAllPools();
        return (tracking, stations);
    }

    private static Process Start(string root, string dll, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["DOTNET_gcServer"] = "1";
        var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + dll);
        p.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } d && d.Contains("fail", StringComparison.OrdinalIgnoreCase)) Console.Error.WriteLine($"  [{Path.GetFileNameWithoutExtension(dll)}] {d}"); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } d) Console.Error.WriteLine($"  [{Path.GetFileNameWithoutExtension(dll)}] {d}"); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private static async Task WaitAsync(string url)
    {
        using var client = new HttpClient();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(120))
        {
            try
            {
                if ((await client.GetAsync(url)).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{url} did not answer within 120 s");
    }

    private static string PeakRssMb(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status)) return "?";
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? "?" : (long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).ToString(CultureInfo.InvariantCulture);
    }

    public static string FindRepoRoot()
    {
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Renda.slnx"))) return d.FullName;
        return Directory.GetCurrentDirectory();
    }
}

/// <summary>A bounded closed-loop load driver: <c>concurrency</c> workers, each sending its next request when the
/// previous one has answered, for a fixed time; every latency is kept for exact percentiles.</summary>
public static class LoadDriver
{
    public delegate Task<HttpResponseMessage> Request(HttpClient client, CancellationToken ct);

    public sealed record Result(double Throughput, double P50, double P95, double P99, int Count, int Errors)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Throughput:0} req/s, p50 {P50:0.0} ms, p95 {P95:0.0} ms, p99 {P99:0.0} ms, {Count} requests, {Errors} errors");
    }

    public static async Task<Result> RunAsync(Request request, int concurrency, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var latencies = new List<double>[concurrency];
        var errors = 0;
        var watch = Stopwatch.StartNew();
        var end = watch.Elapsed + duration;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async w =>
        {
            var mine = latencies[w] = [];
            while (watch.Elapsed < end)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await request(client, CancellationToken.None);
                    await response.Content.LoadIntoBufferAsync();
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
                }
                catch (HttpRequestException) { Interlocked.Increment(ref errors); }
                catch (TaskCanceledException) { Interlocked.Increment(ref errors); }
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }));
        var elapsed = watch.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double P(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
        return new Result(all.Length / elapsed, P(0.50), P(0.95), P(0.99), all.Length, errors);
    }
}

/// <summary>The bare Kestrel baseline: <c>GET /plaintext</c> and <c>POST /insert</c> (one row into a SQLite table, WAL
/// journal, the app's connection-string settings, so the same durability), nothing else in the pipeline.</summary>
public sealed class BaselineServer : IScenario
{
    public async Task RunAsync(BenchOptions o)
    {
        var cs = DataSetup.SqliteConnectionString("Data Source=" + (o.Value("--db") ?? "baseline.db"));
        await using (var conn = new SqliteConnection(cs))
        {
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY AUTOINCREMENT, content TEXT NOT NULL, created_at TEXT NOT NULL);";
            await cmd.ExecuteNonQueryAsync();
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(o.Value("--urls") ?? "http://127.0.0.1:5192");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/plaintext", () => "Hello, World!");
        app.MapPost("/insert", async (HttpRequest request) =>
        {
            var body = await request.ReadFromJsonAsync<Dictionary<string, string>>();
            await using var conn = new SqliteConnection(cs);
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "INSERT INTO rows (content, created_at) VALUES ($c, $t) RETURNING id";
            cmd.Parameters.AddWithValue("$c", body?.GetValueOrDefault("content") ?? "");
            cmd.Parameters.AddWithValue("$t", DateTime.UtcNow);
            var id = (long)(await cmd.ExecuteScalarAsync())!;
            return Results.Created($"/rows/{id}", new { id });
        });
        await app.RunAsync();
    }
}
