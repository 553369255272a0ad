using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Renda.Platform.Auth;

namespace Renda.Platform.Data;

/// <summary>Developer tools for the versioned SQL migrations (docs/adr/0002):
/// <c>dotnet run --project src/Renda -- --schema-script sqlite|postgres</c> prints the model's CREATE
/// script for a provider (what the drift test compares against);
/// <c>--schema-diff sqlite|postgres</c> prints only the statements of that script that no existing
/// migration contains — the new tables and indexes of a model change, the body of the next numbered
/// script (<c>scripts/new-migration.sh</c>). A table whose definition changed is printed as a comment to
/// turn into <c>ALTER TABLE</c> by hand.</summary>
public static partial class SchemaScript
{
    public static bool TryWrite(string[] args)
    {
        var i = Array.IndexOf(args, "--schema-script");
        if (i >= 0)
        {
            Console.Out.Write(Generate(ProviderAt(args, i)));
            return true;
        }
        i = Array.IndexOf(args, "--schema-diff");
        if (i < 0) return false;
        var provider = ProviderAt(args, i);
        Console.Out.Write(Diff(Generate(provider), SchemaMigrator.Scripts(provider).Select(s => s.Sql)));
        return true;
    }

    private static string ProviderAt(string[] args, int i) => i + 1 < args.Length ? args[i + 1] : DatabaseOptions.Sqlite;

    public static string Generate(string provider)
    {
        var b = new DbContextOptionsBuilder<AppDbContext>();
        if (provider == DatabaseOptions.Postgres) b.UseNpgsql("Host=localhost");
        else b.UseSqlite("Data Source=:memory:");
        using var db = new AppDbContext(b.Options, new SystemUser(), TimeProvider.System);
        return db.Database.GenerateCreateScript();
    }

    /// <summary>The statements of <paramref name="model"/> that none of <paramref name="existing"/>
    /// holds, compared with whitespace collapsed.</summary>
    public static string Diff(string model, IEnumerable<string> existing)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        var knownTables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var script in existing)
            foreach (var (s, _) in Statements(script))
            {
                known.Add(s);
                if (TableName(s) is { } t) knownTables.Add(t);
            }
        var sb = new StringBuilder();
        foreach (var (s, original) in Statements(model))
        {
            if (known.Contains(s)) continue;
            if (TableName(s) is { } t && knownTables.Contains(t))
            {
                sb.Append("-- Table ").Append(t).Append(" changed: write the ALTER TABLE statements by hand. The model now says:\n-- ")
                  .Append(original.Replace("\n", "\n-- ", StringComparison.Ordinal)).Append(";\n\n");
                continue;
            }
            sb.Append(original).Append(";\n\n");
        }
        return sb.ToString();
    }

    /// <summary>Each statement, whitespace-collapsed (to compare) and as written (to print).</summary>
    private static IEnumerable<(string Normalized, string Original)> Statements(string script) =>
        script.Split(";", StringSplitOptions.RemoveEmptyEntries)
            .Select(s => string.Join('\n', s.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim())
            .Select(s => (Normalized: Spaces().Replace(s, " "), Original: s))
            .Where(s => s.Normalized.Length > 0 && !s.Normalized.StartsWith("BEGIN", StringComparison.OrdinalIgnoreCase)
                        && !s.Normalized.StartsWith("COMMIT", StringComparison.OrdinalIgnoreCase) && !s.Normalized.StartsWith("END", StringComparison.OrdinalIgnoreCase));

    private static string? TableName(string statement)
    {
        var m = CreateTable().Match(statement);
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("^CREATE TABLE (?:IF NOT EXISTS )?\"?([A-Za-z0-9_]+)\"?", RegexOptions.IgnoreCase)]
    private static partial Regex CreateTable();
}
