using Microsoft.EntityFrameworkCore;
using Renda.Platform.Auth;

namespace Renda.Platform.Data;

/// <summary><c>dotnet run --project src/Renda -- --schema-script sqlite|postgres</c> prints the
/// model's CREATE script for a provider: the starting point of a new hand-checked migration and
/// what the drift test compares against (docs/adr/0002).</summary>
public static class SchemaScript
{
    public static bool TryWrite(string[] args)
    {
        var i = Array.IndexOf(args, "--schema-script");
        if (i < 0) return false;
        var provider = i + 1 < args.Length ? args[i + 1] : DatabaseOptions.Sqlite;
        Console.Out.Write(Generate(provider));
        return true;
    }

    public static string Generate(string provider)
    {
        var b = new DbContextOptionsBuilder<AppDbContext>();
        if (provider == DatabaseOptions.Postgres) b.UseNpgsql("Host=localhost");
        else b.UseSqlite("Data Source=:memory:");
        using var db = new AppDbContext(b.Options, new SystemUser(), TimeProvider.System);
        return db.Database.GenerateCreateScript();
    }
}
