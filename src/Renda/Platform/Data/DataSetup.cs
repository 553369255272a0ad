using Microsoft.EntityFrameworkCore;
using Microsoft.Data.Sqlite;

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
            services.AddDbContext<AppDbContext>((sp, o) => o.UseNpgsql(connectionString).AddInterceptors(Interceptors(sp)));
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
