using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Renda.IntegrationTests.Infrastructure;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Search;

namespace Renda.IntegrationTests.Data;

/// <summary>The hand-kept migrations must produce exactly the schema the EF model describes: a
/// database built by the migration scripts is compared, table by table, column by column and index
/// by index, with one that EF creates from the model. It fails when a model change lacks its
/// migration (or a migration drifts from the model), on the provider under test.</summary>
public sealed class SchemaDriftTests
{
    [Fact]
    public async Task Migrations_produce_the_schema_of_the_model()
    {
        await using var migrated = await TempDatabase.CreateAsync();
        await using var modelled = await TempDatabase.CreateAsync();

        await using (var db = migrated.Context())
            await new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        await using (var db = modelled.Context())
            await db.Database.EnsureCreatedAsync();

        var expected = await Describe(modelled);
        var actual = await Describe(migrated);

        Assert.NotEmpty(expected);
        Assert.Contains(expected, l => l.StartsWith("audit_entries.", StringComparison.Ordinal));
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"Schema drift on {RendaApp.Provider}. In the model but not the migrations:\n  {string.Join("\n  ", missing)}\n" +
            $"In the migrations but not the model:\n  {string.Join("\n  ", extra)}\n" +
            "Add a numbered script under src/Renda/Platform/Data/Migrations/<provider>/ (see docs/adr/0002).");
    }

    [Fact]
    public async Task Migrating_twice_applies_nothing_the_second_time()
    {
        await using var database = await TempDatabase.CreateAsync();
        await using var db = database.Context();
        var first = await new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        var second = await new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        Assert.Equal(SchemaMigrator.Scripts(RendaApp.Provider).Select(s => s.Version), first);
        Assert.Empty(second);
    }

    private static async Task<SortedSet<string>> Describe(TempDatabase database)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        await using var conn = database.Open();
        if (RendaApp.IsPostgres)
        {
            await Read(conn, """
                SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || COALESCE(character_maximum_length::text, '')
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_migrations'
                """, lines);
            await Read(conn, """
                SELECT tablename || ' index ' || indexdef FROM pg_indexes
                WHERE schemaname = 'public' AND tablename <> 'schema_migrations' AND indexname NOT LIKE '%\_search'
                """, lines);
            await Read(conn, """
                SELECT tc.table_name || ' fk ' || kcu.column_name || ' -> ' || ccu.table_name || '.' || ccu.column_name
                FROM information_schema.table_constraints tc
                JOIN information_schema.key_column_usage kcu ON tc.constraint_name = kcu.constraint_name
                JOIN information_schema.constraint_column_usage ccu ON tc.constraint_name = ccu.constraint_name
                WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'
                """, lines);
        }
        else
        {
            var tables = new SortedSet<string>(StringComparer.Ordinal);
            await Read(conn, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'", tables);
            // Full-text indexes (FTS5 tables and their shadow tables) are not part of the EF model (docs/adr/0022).
            foreach (var t in tables.Where(t => !FullTextIndex.IsIndexObject(t)))
            {
                await Read(conn, $"SELECT '{t}.' || name || ' ' || type || ' notnull=' || \"notnull\" || ' pk=' || pk FROM pragma_table_info('{t}')", lines);
                await Read(conn, $"SELECT '{t} index ' || il.name || ' unique=' || il.\"unique\" || ' ' || group_concat(ii.name, ',') " +
                                 $"FROM pragma_index_list('{t}') il JOIN pragma_index_info(il.name) ii GROUP BY il.name", lines);
                await Read(conn, $"SELECT '{t} fk ' || \"from\" || ' -> ' || \"table\" || '.' || \"to\" || ' ' || on_delete FROM pragma_foreign_key_list('{t}')", lines);
            }
        }
        return lines;
    }

    private static async Task Read(DbConnection conn, string sql, ISet<string> into)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) if (!r.IsDBNull(0)) into.Add(r.GetString(0));
    }

    /// <summary>An empty database of the provider under test, removed afterwards.</summary>
    private sealed class TempDatabase : IAsyncDisposable
    {
        private readonly string _cs;
        private readonly string? _file;
        private readonly string? _pgName;

        private TempDatabase(string cs, string? file, string? pgName) { _cs = cs; _file = file; _pgName = pgName; }

        public static async Task<TempDatabase> CreateAsync()
        {
            if (!RendaApp.IsPostgres)
            {
                var file = Path.Combine(Path.GetTempPath(), "renda-tests", $"drift-{Guid.NewGuid():N}.db");
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                return new TempDatabase($"Data Source={file}", file, null);
            }
            var baseCs = Environment.GetEnvironmentVariable("RENDA_TEST_PG")!;
            var name = "renda_drift_" + Guid.NewGuid().ToString("N")[..10];
            await using var conn = new NpgsqlConnection(baseCs);
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'";
            await cmd.ExecuteNonQueryAsync();
            return new TempDatabase(new NpgsqlConnectionStringBuilder(baseCs) { Database = name }.ToString(), null, name);
        }

        public AppDbContext Context()
        {
            var b = new DbContextOptionsBuilder<AppDbContext>();
            if (RendaApp.IsPostgres) b.UseNpgsql(_cs); else b.UseSqlite(_cs);
            return new AppDbContext(b.Options, new SystemUser(), TimeProvider.System);
        }

        public DbConnection Open()
        {
            DbConnection c = RendaApp.IsPostgres ? new NpgsqlConnection(_cs) : new SqliteConnection(_cs);
            c.Open();
            return c;
        }

        public async ValueTask DisposeAsync()
        {
            if (_file is not null)
            {
                SqliteConnection.ClearAllPools();
                foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" }) File.Delete(f);
            }
            if (_pgName is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await using var conn = new NpgsqlConnection(Environment.GetEnvironmentVariable("RENDA_TEST_PG"));
                await conn.OpenAsync();
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = $"DROP DATABASE IF EXISTS {_pgName} WITH (FORCE)";
                await cmd.ExecuteNonQueryAsync();
            }
        }
    }
}
