using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Renda.Platform.Data;

/// <summary>Applies the versioned SQL scripts of the active provider (embedded from
/// <c>Platform/Data/Migrations/{sqlite|postgres}/NNNN_name.sql</c>), each once, in order, each in
/// its own transaction, recorded in <c>schema_migrations</c>. See docs/adr/0002.</summary>
public sealed class SchemaMigrator(AppDbContext db, ILogger<SchemaMigrator> log)
{
    public static IReadOnlyList<(string Version, string Sql)> Scripts(string provider)
    {
        var asm = typeof(SchemaMigrator).Assembly;
        var prefix = $"migrations/{provider}/";
        return asm.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => (Path.GetFileNameWithoutExtension(n), Read(asm, n)))
            .ToList();
    }

    private static string Read(Assembly asm, string name)
    {
        using var s = asm.GetManifestResourceStream(name)!;
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    public string Provider => db.Database.IsNpgsql() ? DatabaseOptions.Postgres : DatabaseOptions.Sqlite;

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        var provider = Provider;
        var applied = new List<string>();
        if (provider == DatabaseOptions.Sqlite)
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        await db.Database.ExecuteSqlRawAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version VARCHAR(128) NOT NULL PRIMARY KEY, applied_at VARCHAR(40) NOT NULL)", ct);

        foreach (var (version, sql) in Scripts(provider))
        {
            await using var tx = await db.BeginWriteTransactionAsync(ct);
            if (provider == DatabaseOptions.Postgres)
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(726564)", ct);
            var done = await db.Database
                .SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM schema_migrations WHERE version = {0}", version)
                .SingleAsync(ct);
            if (done > 0)
            {
                await tx.RollbackAsync(ct);
                continue;
            }
            log.LogInformation("Applying schema migration {Version} ({Provider})", version, provider);
            await using (var cmd = db.Database.GetDbConnection().CreateCommand())
            {
                cmd.Transaction = tx.GetDbTransaction();
                cmd.CommandText = sql;
                await cmd.ExecuteNonQueryAsync(ct);
            }
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO schema_migrations (version, applied_at) VALUES ({0}, {1})",
                [version, DateTime.UtcNow.ToString("O")], ct);
            await tx.CommitAsync(ct);
            applied.Add(version);
        }
        return applied;
    }
}
