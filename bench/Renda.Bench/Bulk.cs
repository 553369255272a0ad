using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Renda.Platform.Data;

namespace Renda.Bench;

/// <summary>Bulk loading for generated data: on SQLite one transaction with one prepared INSERT reused
/// for every row; on PostgreSQL binary COPY.</summary>
public sealed class Bulk : IAsyncDisposable
{
    private readonly DbConnection _conn;

    private Bulk(DbConnection conn) => _conn = conn;

    public static async Task<Bulk> OpenAsync(AppDbContext db)
    {
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync();
        return new Bulk(conn);
    }

    public async Task InsertAsync(string table, string[] columns, IEnumerable<object?[]> rows)
    {
        if (_conn is NpgsqlConnection pg)
        {
            await using var copy = await pg.BeginBinaryImportAsync($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)");
            foreach (var row in rows)
            {
                await copy.StartRowAsync();
                foreach (var v in row)
                {
                    switch (v)
                    {
                        case null: await copy.WriteNullAsync(); break;
                        case long l: await copy.WriteAsync(l, NpgsqlTypes.NpgsqlDbType.Bigint); break;
                        case int i: await copy.WriteAsync(i, NpgsqlTypes.NpgsqlDbType.Integer); break;
                        case string s: await copy.WriteAsync(s, NpgsqlTypes.NpgsqlDbType.Varchar); break;
                        case DateOnly d: await copy.WriteAsync(d, NpgsqlTypes.NpgsqlDbType.Date); break;
                        case DateTime t: await copy.WriteAsync(t, NpgsqlTypes.NpgsqlDbType.TimestampTz); break;
                        case bool b: await copy.WriteAsync(b, NpgsqlTypes.NpgsqlDbType.Boolean); break;
                        default: throw new ArgumentException($"unsupported value type {v.GetType()}");
                    }
                }
            }
            await copy.CompleteAsync();
            return;
        }
        var sqlite = (SqliteConnection)_conn;
        await using var tx = (SqliteTransaction)await sqlite.BeginTransactionAsync();
        await using var cmd = sqlite.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        var parameters = columns.Select((_, i) => cmd.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
        cmd.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++) parameters[i].Value = row[i] ?? DBNull.Value;
            await cmd.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }

    public async Task AnalyzeAsync()
    {
        await using var cmd = _conn.CreateCommand();
        cmd.CommandText = "ANALYZE";
        await cmd.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
