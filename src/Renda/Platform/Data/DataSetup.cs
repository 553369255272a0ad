using Microsoft.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Renda.Platform.Data;

public static class DataSetup
{
    /// <summary>SQLite under ./data/ by default; PostgreSQL with <c>Database__Provider=postgres</c>
    /// and <c>ConnectionStrings__Renda</c>.</summary>
    public static IServiceCollection AddRendaData(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        var connectionString = config.GetConnectionString("Renda");
        if (options.IsPostgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException("Database:Provider is postgres but ConnectionStrings:Renda is not set.");
            var postgres = PostgresConnectionString(connectionString);
            services.AddDbContext<AppDbContext>((sp, o) => o.UseNpgsql(postgres).AddInterceptors(Interceptors(sp)));
        }
        else
        {
            var sqlite = SqliteConnectionString(connectionString);
            services.AddDbContext<AppDbContext>((sp, o) => o.UseSqlite(sqlite).AddInterceptors(Interceptors(sp)));
        }
        services.AddScoped<SchemaMigrator>();
        services.AddSingleton(sp => PersonalData.FromConfiguration(config));
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        return services;
    }

    /// <summary>Interceptors other parts of the platform register (e.g. the public page cache's eviction).</summary>
    private static IEnumerable<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor> Interceptors(IServiceProvider sp) =>
        sp.GetService<Http.PublicPageEvictionInterceptor>() is { } eviction ? [eviction] : [];

    /// <summary>How many statements each pooled PostgreSQL connection keeps prepared (<see cref="PostgresConnectionString"/>).</summary>
    public const int PostgresAutoPrepared = 64;

    /// <summary>The configured PostgreSQL connection string with Renda's defaults for what it leaves unset
    /// (docs/adr/0043): <c>Max Auto Prepare</c> (<see cref="PostgresAutoPrepared"/>: a statement used a few times on a
    /// connection is prepared there, so the server stops parsing and planning each of a submission's statements
    /// again) and <c>No Reset On Close</c> (a connection taken from the pool is not reset first: Renda
    /// leaves no session state behind, its only <c>SET</c> is <c>SET LOCAL</c> and its advisory locks are
    /// transaction-scoped). A value the operator sets wins.</summary>
    public static string PostgresConnectionString(string configured)
    {
        // The keys as written (Npgsql's own builder answers ContainsKey for every keyword it knows, set or not).
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured }.Keys
            .Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet();
        var b = new NpgsqlConnectionStringBuilder(configured);
        if (!given.Contains("maxautoprepare")) b.MaxAutoPrepare = PostgresAutoPrepared;
        if (!given.Contains("noresetonclose")) b.NoResetOnClose = true;
        return b.ToString();
    }

    /// <summary>Foreign keys on, a busy timeout; the file's directory is created when missing.</summary>
    public static string SqliteConnectionString(string? configured)
    {
        var b = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured)
            ? $"Data Source={Path.Combine("data", "renda.db")}"
            : configured)
        {
            ForeignKeys = true,
            DefaultTimeout = 30,
            Pooling = true,
        };
        if (b.DataSource != ":memory:" && !b.DataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            b.DataSource = Path.GetFullPath(b.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(b.DataSource)!);
        }
        return b.ToString();
    }
}
