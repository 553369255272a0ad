using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
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
    /// <summary>The province staff account the scenario signs in with for the T3/T4 requests (created when missing).</summary>
    public const string StaffUser = "bench-staff", StaffPassword = "Bench-Province-2026!";

    public async Task RunAsync(BenchOptions o)
    {
        var seconds = o.Double("--duration", 10);
        var concurrency = (int)o.Double("--concurrency", 32);
        var staffConcurrency = (int)o.Double("--staff-concurrency", 4);
        var root = FindRepoRoot();
        var options = SearchScenario.ContextOptions(o);

        // Sample codes to ask for: tracking codes of generated opinions and public codes of stations; a staff account.
        var (tracking, stations) = await SamplesAsync(options);
        await EnsureStaffAsync(options);

        var appDll = Path.Combine(AppContext.BaseDirectory, "Renda.dll");
        var benchDll = Path.Combine(AppContext.BaseDirectory, "Renda.Bench.dll");
        // Free ports, so that several runs on one machine do not answer each other's requests.
        string appUrl = "http://127.0.0.1:" + FreePort(), baseUrl = "http://127.0.0.1:" + FreePort();
        var key = Convert.ToBase64String(Enumerable.Range(0, 64).Select(i => (byte)i).ToArray());
        string[] database;
        string[] baselineDatabase;
        if (o.IsPostgres)
        {
            database = ["--Database:Provider=postgres", "--ConnectionStrings:Renda=" + o.Connection];
            baselineDatabase = ["--provider", "postgres", "--connection", o.Connection!];
        }
        else
        {
            var db = Path.GetFullPath(o.Value("--db")!);
            var baselineDb = Path.Combine(Path.GetDirectoryName(db)!, "baseline.db");
            foreach (var f in new[] { baselineDb, baselineDb + "-wal", baselineDb + "-shm" }) File.Delete(f);
            database = ["--ConnectionStrings:Renda=Data Source=" + db];
            baselineDatabase = ["--db", baselineDb];
        }
        using var app = Start(root, appDll, ["--contentRoot", Path.Combine(root, "src", "Renda"), "--urls", appUrl, .. database,
            "--PersonalData:Key=" + key, "--PublicSubmissions:PermitsPerMinute=1000000000", "--Logging:LogLevel:Default=Warning",
            // Background jobs off: on a freshly generated province the supervision job's first pass would send the
            // reminders of three years' overdue backlog during the measured minutes (a one-off of an import).
            "--Jobs:Enabled=false"]);
        using var bare = Start(root, benchDll, ["serve-baseline", "--urls", baseUrl, .. baselineDatabase]);
        try
        {
            await WaitAsync(appUrl + "/health");
            await WaitAsync(baseUrl + "/plaintext");
            var token = await SignInAsync(appUrl);
            Console.WriteLine($"load ({o.Provider}): concurrency {concurrency} (staff requests {staffConcurrency}), {seconds} s per measurement, {o.Runs} runs; app pid {app.Id}, baseline pid {bare.Id}");

            var n = 0;
            LoadDriver.Request submit = (c, ct) => c.PostAsJsonAsync(appUrl + "/api/public/opinions", new
            {
                content = $"压测：{Vocabulary.Topics[Interlocked.Increment(ref n) % Vocabulary.Topics.Length].Objects[0]}年久失修，希望尽快安排维修。",
                category = "urban_construction", stationCode = stations[n % stations.Length], submitterName = "张三", phone = "13800138000", consent = true,
            }, ct);
            LoadDriver.Request insert = (c, ct) => c.PostAsJsonAsync(baseUrl + "/insert", new { content = "压测：路灯年久失修，希望尽快安排维修。" }, ct);
            var rnd = Random.Shared;
            LoadDriver.Request track = (c, ct) => c.GetAsync(appUrl + "/p/t/" + tracking[rnd.Next(tracking.Length)], ct);
            LoadDriver.Request station = (c, ct) => c.GetAsync(appUrl + "/p/s/" + stations[rnd.Next(stations.Length)], ct);
            LoadDriver.Request plain = (c, ct) => c.GetAsync(baseUrl + "/plaintext", ct);
            var t = 0;
            LoadDriver.Request search = (c, ct) => Authorized(HttpMethod.Get,
                appUrl + "/api/opinions?q=" + Uri.EscapeDataString(SearchScenario.Terms[Interlocked.Increment(ref t) % SearchScenario.Terms.Length]), token, c, ct);
            // The period the dashboard opens with (the app's default: the first of the month eleven months back to the
            // app's today). A period given as ?from=&to= that ends before today on a day other than a month's last
            // has its due figures from the due pass over all of it (docs/adr/0038; measured in docs/benchmarks.md, 2026-12-06).
            // The province's figures are kept for five minutes (ADR 0040): after the warm-up's first request they come from
            // the cache; the computation itself is the dashboard scenario's in-process figure.
            LoadDriver.Request stats = (c, ct) => Authorized(HttpMethod.Get, appUrl + "/api/opinions/stats", token, c, ct);

            var cases = new (string Name, LoadDriver.Request Request, int Concurrency)[]
            {
                ("T1 app: POST /api/public/opinions", submit, concurrency), ("T1 baseline: POST /insert", insert, concurrency),
                ("T2 app: GET /p/t/{code}", track, concurrency), ("T2 app: GET /p/s/{code}", station, concurrency),
                ("T2 baseline: GET /plaintext", plain, concurrency),
                ("T3 app: GET /api/opinions?q= (province staff)", search, staffConcurrency),
                ("T4 app: GET /api/opinions/stats (province, default period)", stats, staffConcurrency),
            };
            // --cases T1 (or T2,T3): only the cases whose name starts with one of the given prefixes (comma-separated).
            if (o.Value("--cases") is { Length: > 0 } only)
                cases = cases.Where(c => only.Split(',').Any(p => c.Name.StartsWith(p.Trim(), StringComparison.Ordinal))).ToArray();
            var results = cases.ToDictionary(c => c.Name, _ => new List<LoadDriver.Result>());
            // Warm-up (JIT, pools, page cache, prepared statements): each baseline a few seconds; the app's first case
            // --warmup seconds (most of the JIT is shared), each further one 10 s. Under full load the app is steady only
            // after about a minute of tiered compilation (dotnet-counters: 4.5–7.4 s of JIT per 10 s for the first ~50 s;
            // docs/benchmarks.md, 2026-12-07 "night"); a server runs for days.
            var warmup = o.Double("--warmup", 60);
            var firstApp = true;
            foreach (var c in cases)
            {
                var baseline = c.Name.Contains("baseline", StringComparison.Ordinal);
                var s = baseline ? Math.Min(3, seconds) : firstApp ? warmup : Math.Min(10, warmup);
                if (!baseline) firstApp = false;
                await LoadDriver.RunAsync(c.Request, c.Concurrency, TimeSpan.FromSeconds(s));
            }
            for (var run = 0; run < o.Runs; run++)
                foreach (var c in cases)
                {
                    var r = await LoadDriver.RunAsync(c.Request, c.Concurrency, TimeSpan.FromSeconds(seconds));
                    results[c.Name].Add(r);
                    Console.WriteLine($"  run {run + 1} {c.Name}: {r}");
                }

            Console.WriteLine();
            Console.WriteLine("| scenario | requests/s | p50 ms | p95 ms | p99 ms | errors | ratio to baseline |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
            foreach (var c in cases)
            {
                var rs = results[c.Name];
                var baselineName = results.Keys.FirstOrDefault(k => k.StartsWith(c.Name[..2], StringComparison.Ordinal) && k.Contains("baseline", StringComparison.Ordinal));
                var ratio = baselineName is null ? "–" : (Median(rs.Select(r => r.Throughput)) / Median(results[baselineName].Select(r => r.Throughput))).ToString("0.00", CultureInfo.InvariantCulture);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {c.Name} | {Summary(rs, r => r.Throughput, "0")} | {Summary(rs, r => r.P50, "0.0")} | {Summary(rs, r => r.P95, "0.0")} | {Summary(rs, r => r.P99, "0.0")} | {rs.Sum(r => r.Errors)} | {ratio} |"));
            }
            Console.WriteLine();
            var (appPeak, barePeak) = (PeakRssMb(app.Id), PeakRssMb(bare.Id));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"T6 peak RSS (VmHWM) over {string.Join(", ", cases.Select(c => c.Name[..2]).Distinct())}: app {appPeak} MB, bare Kestrel {barePeak} MB, ratio {(double)appPeak / Math.Max(1, barePeak):0.00}"));
        }
        finally
        {
            foreach (var p in new[] { app, bare })
                if (!p.HasExited) { p.Kill(entireProcessTree: true); await p.WaitForExitAsync(); }
        }
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task<HttpResponseMessage> Authorized(HttpMethod method, string url, string token, HttpClient c, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await c.SendAsync(request, ct);
    }

    private static async Task<string> SignInAsync(string appUrl)
    {
        using var client = new HttpClient();
        var res = await client.PostAsJsonAsync(appUrl + "/api/auth/login", new { userName = StaffUser, password = StaffPassword });
        if (!res.IsSuccessStatusCode) throw new InvalidOperationException($"sign-in of {StaffUser}: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        return (await res.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>A congress-staff account of the province on the generated database, made once.</summary>
    private static async Task EnsureStaffAsync(Microsoft.EntityFrameworkCore.DbContextOptions<AppDbContext> options)
    {
        await using var db = new AppDbContext(options, new Renda.Platform.Auth.SystemUser("bench"), TimeProvider.System);
        if (await db.Users.IgnoreQueryFilters().AnyAsync(u => u.UserName == StaffUser)) return;
        var roleName = Renda.Platform.Auth.Roles.CongressStaff;
        var role = await db.Roles.FirstOrDefaultAsync(r => r.Name == roleName);
        if (role is null)
        {
            role = new Renda.Platform.Auth.AppRole(roleName) { NormalizedName = roleName.ToUpperInvariant() };
            db.Roles.Add(role);
        }
        var user = new Renda.Platform.Auth.AppUser
        {
            UserName = StaffUser, NormalizedUserName = StaffUser.ToUpperInvariant(), JurisdictionCode = GenerateScenario.Province,
            DisplayName = "压测工作人员", SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = DateTime.UtcNow, LockoutEnabled = true,
        };
        user.PasswordHash = new Microsoft.AspNetCore.Identity.PasswordHasher<Renda.Platform.Auth.AppUser>().HashPassword(user, StaffPassword);
        db.Users.Add(user);
        db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
        await db.SaveChangesAsync();
    }

    private static string Summary(List<LoadDriver.Result> rs, Func<LoadDriver.Result, double> f, string format) =>
        string.Create(CultureInfo.InvariantCulture, $"{Median(rs.Select(f)).ToString(format, CultureInfo.InvariantCulture)} ({rs.Min(f).ToString(format, CultureInfo.InvariantCulture)}–{rs.Max(f).ToString(format, CultureInfo.InvariantCulture)})");

    public static double Median(IEnumerable<double> values)
    {
        var s = values.Order().ToList();
        return s.Count == 0 ? double.NaN : s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    private static async Task<(string[] Tracking, string[] Stations)> SamplesAsync(Microsoft.EntityFrameworkCore.DbContextOptions<AppDbContext> options)
    {
        await using var db = new AppDbContext(options, new Renda.Platform.Auth.SystemUser("bench"), TimeProvider.System);
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        async Task<string[]> Read(string sql)
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            await using var r = await cmd.ExecuteReaderAsync();
            var list = new List<string>();
            while (await r.ReadAsync()) list.Add(r.GetString(0));
            return [.. list];
        }
        var tracking = await Read("SELECT tracking_code FROM opinions WHERE id % 2503 = 1 ORDER BY id LIMIT 2000");
        var stations = await Read("SELECT public_code FROM stations ORDER BY id LIMIT 2000");
        await conn.CloseAsync();
        SqliteConnection.ClearAllPools();
        return (tracking, stations);
    }

    private static Process Start(string root, string dll, string[] args)
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

    /// <summary>Peak resident set size (VmHWM) of a process in MB, or -1 when it cannot be read.</summary>
    private static long PeakRssMb(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status)) return -1;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
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

/// <summary>The bare Kestrel baseline: <c>GET /plaintext</c> and <c>POST /insert</c> (one row into a table: SQLite with WAL
/// and the app's connection-string settings, or the app's PostgreSQL database — the same durability either way),
/// nothing else in the pipeline.</summary>
public sealed class BaselineServer : IScenario
{
    public async Task RunAsync(BenchOptions o)
    {
        Func<string, Task<long>> insert;
        if (o.IsPostgres)
        {
            // The same cluster and database as the app (so the same durability settings), a table of its own.
            // The app's driver settings too (prepared statements, no reset: DataSetup.PostgresConnectionString).
            var dataSource = NpgsqlDataSource.Create(DataSetup.PostgresConnectionString(o.Connection!));
            await using (var cmd = dataSource.CreateCommand("DROP TABLE IF EXISTS bench_baseline_rows; CREATE TABLE bench_baseline_rows (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, content text NOT NULL, created_at timestamptz NOT NULL)"))
                await cmd.ExecuteNonQueryAsync();
            insert = async content =>
            {
                await using var cmd = dataSource.CreateCommand("INSERT INTO bench_baseline_rows (content, created_at) VALUES ($1, $2) RETURNING id");
                cmd.Parameters.AddWithValue(content);
                cmd.Parameters.AddWithValue(DateTime.UtcNow);
                return (long)(await cmd.ExecuteScalarAsync())!;
            };
        }
        else
        {
            var cs = DataSetup.SqliteConnectionString("Data Source=" + (o.Value("--db") ?? "baseline.db"));
            await using (var conn = new SqliteConnection(cs))
            {
                await conn.OpenAsync();
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY AUTOINCREMENT, content TEXT NOT NULL, created_at TEXT NOT NULL);";
                await cmd.ExecuteNonQueryAsync();
            }
            insert = async content =>
            {
                await using var conn = new SqliteConnection(cs);
                await conn.OpenAsync();
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = "INSERT INTO rows (content, created_at) VALUES ($c, $t) RETURNING id";
                cmd.Parameters.AddWithValue("$c", content);
                cmd.Parameters.AddWithValue("$t", DateTime.UtcNow);
                return (long)(await cmd.ExecuteScalarAsync())!;
            };
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(o.Value("--urls") ?? "http://127.0.0.1:5192");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/plaintext", () => "Hello, World!");
        app.MapPost("/insert", async (HttpRequest request) =>
        {
            var body = await request.ReadFromJsonAsync<Dictionary<string, string>>();
            var id = await insert(body?.GetValueOrDefault("content") ?? "");
            return Results.Created($"/rows/{id}", new { id });
        });
        await app.RunAsync();
    }
}
