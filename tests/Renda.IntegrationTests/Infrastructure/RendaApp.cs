using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Renda.Platform.Auth;
using Renda.Platform.Data;

namespace Renda.IntegrationTests.Infrastructure;

/// <summary>The real app over HTTP on a fresh database of its own: a temp SQLite file, or — when
/// <c>RENDA_TEST_PROVIDER=postgres</c> — a new database on the PostgreSQL cluster named by
/// <c>RENDA_TEST_PG</c> (scripts/test.sh starts one), dropped at the end.</summary>
public class RendaApp : WebApplicationFactory<Program>
{
    public static string Provider => Environment.GetEnvironmentVariable("RENDA_TEST_PROVIDER") ?? DatabaseOptions.Sqlite;
    public static bool IsPostgres => Provider == DatabaseOptions.Postgres;

    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    public string ConnectionString { get; }
    /// <summary>Set to load the demo county (as <c>--demo</c> does).</summary>
    protected virtual bool Demo => false;
    /// <summary>The per-IP limit on public submissions (<c>PublicSubmissions:PermitsPerMinute</c>).</summary>
    protected virtual int PermitsPerMinute => 100_000;
    public const string DemoPassword = "Demo-Pass-2026";

    private readonly string? _sqliteFile;
    private readonly string? _pgDatabase;

    public RendaApp()
    {
        if (IsPostgres)
        {
            var baseCs = Environment.GetEnvironmentVariable("RENDA_TEST_PG")
                ?? throw new InvalidOperationException("RENDA_TEST_PROVIDER=postgres needs RENDA_TEST_PG (a connection string to the test cluster).");
            _pgDatabase = "renda_t_" + Guid.NewGuid().ToString("N")[..12];
            using (var conn = new NpgsqlConnection(baseCs))
            {
                conn.Open();
                using var cmd = conn.CreateCommand();
                cmd.CommandText = $"CREATE DATABASE {_pgDatabase} ENCODING 'UTF8' TEMPLATE template0";
                cmd.ExecuteNonQuery();
            }
            ConnectionString = new NpgsqlConnectionStringBuilder(baseCs) { Database = _pgDatabase }.ToString();
        }
        else
        {
            var dir = Path.Combine(Path.GetTempPath(), "renda-tests");
            Directory.CreateDirectory(dir);
            _sqliteFile = Path.Combine(dir, $"t-{Guid.NewGuid():N}.db");
            ConnectionString = $"Data Source={_sqliteFile}";
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:Renda", ConnectionString);
        builder.UseSetting("Logging:Format", "simple");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Tests share one client address: lift the per-IP submission limit (its own test sets it low).
        builder.UseSetting("PublicSubmissions:PermitsPerMinute", PermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Demo)
        {
            builder.UseSetting("Demo:Enabled", "true");
            builder.UseSetting("Demo:Password", DemoPassword);
        }
        builder.ConfigureServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>A scope with an unscoped DbContext, for arranging and inspecting data directly.</summary>
    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
                try { File.Delete(f); } catch (IOException) { }
        }
        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var conn = new NpgsqlConnection(Environment.GetEnvironmentVariable("RENDA_TEST_PG"));
            conn.Open();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = $"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)";
            cmd.ExecuteNonQuery();
        }
    }
}

/// <summary>The app with the demo county loaded.</summary>
public sealed class DemoApp : RendaApp
{
    protected override bool Demo => true;
}
