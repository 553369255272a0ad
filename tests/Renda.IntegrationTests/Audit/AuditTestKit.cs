using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Platform.Audit;
using Renda.Platform.Data;

namespace Renda.IntegrationTests.Audit;

/// <summary>Helpers for reading the chain directly and for playing the attacker with database access.</summary>
public static class AuditTestKit
{
    /// <summary>A client whose requests arrive through the reverse proxy from <paramref name="ip"/>.</summary>
    public static HttpClient ClientFrom(this RendaApp app, string ip)
    {
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Forwarded-For", ip);
        return http;
    }

    public static async Task<HttpClient> SignedInFromAsync(this RendaApp app, string userName, string ip)
    {
        var http = await app.SignedInAsync(userName);
        http.DefaultRequestHeaders.Add("X-Forwarded-For", ip);
        return http;
    }

    public static async Task<long> LastAuditIdAsync(this RendaApp app)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.AuditEntries.IgnoreQueryFilters().MaxAsync(a => (long?)a.Id) ?? 0;
    }

    /// <summary>Every entry written after <paramref name="afterId"/>, in chain order, across all jurisdictions.</summary>
    public static async Task<List<AuditEntry>> AuditSinceAsync(this RendaApp app, long afterId = 0)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.AuditEntries.IgnoreQueryFilters().AsNoTracking().Where(a => a.Id > afterId).OrderBy(a => a.Id).ToListAsync();
    }

    public static async Task<AuditHead> AuditHeadAsync(this RendaApp app)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<AuditHead>().AsNoTracking().SingleAsync();
    }

    /// <summary>Plain SQL on the app's database (no EF formatting: braces in literals stay as they are).</summary>
    public static async Task<int> SqlAsync(this RendaApp app, string sql)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await ExecuteAsync(db, sql);
    }

    private static async Task<int> ExecuteAsync(AppDbContext db, string sql)
    {
        await db.Database.OpenConnectionAsync();
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Runs <paramref name="sql"/> with the append-only triggers out of the way, as someone with
    /// direct database access could (SQLite: drop them; PostgreSQL: disable them as the table's owner).</summary>
    public static async Task<int> TamperAsync(this RendaApp app, string sql)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (RendaApp.IsPostgres)
        {
            await ExecuteAsync(db, "ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_change");
            try { return await ExecuteAsync(db, sql); }
            finally { await ExecuteAsync(db, "ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_change"); }
        }
        await ExecuteAsync(db, "DROP TRIGGER IF EXISTS audit_entries_no_update");
        await ExecuteAsync(db, "DROP TRIGGER IF EXISTS audit_entries_no_delete");
        return await ExecuteAsync(db, sql);
    }

    public static Task<DbException> RefusedByDatabaseAsync(this RendaApp app, string sql) =>
        Assert.ThrowsAnyAsync<DbException>(() => app.SqlAsync(sql));

    /// <summary>Every string in a JSON summary, decoded (so "\u738B" is checked as 王), plus the raw text.</summary>
    public static IEnumerable<string> SummaryTexts(string summary)
    {
        yield return summary;
        JsonDocument doc;
        try { doc = JsonDocument.Parse(summary); }
        catch (JsonException) { yield break; }
        using (doc)
        {
            var stack = new Stack<JsonElement>([doc.RootElement]);
            var found = new List<string>();
            while (stack.Count > 0)
            {
                var e = stack.Pop();
                switch (e.ValueKind)
                {
                    case JsonValueKind.Object:
                        foreach (var p in e.EnumerateObject()) { found.Add(p.Name); stack.Push(p.Value); }
                        break;
                    case JsonValueKind.Array:
                        foreach (var i in e.EnumerateArray()) stack.Push(i);
                        break;
                    case JsonValueKind.String:
                        found.Add(e.GetString()!);
                        break;
                }
            }
            foreach (var s in found) yield return s;
        }
    }

    /// <summary>No entry's summary carries any of the secrets (raw or JSON-escaped).</summary>
    public static void AssertNoSecretsIn(IEnumerable<AuditEntry> entries, params string[] secrets)
    {
        foreach (var e in entries)
            foreach (var text in SummaryTexts(e.Summary))
                foreach (var secret in secrets)
                    Assert.False(text.Contains(secret, StringComparison.Ordinal),
                        $"Audit entry {e.Id} ({e.Action}) carries '{secret}' in its summary: {e.Summary}");
    }
}
