using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Renda.Platform.Auth;

namespace Renda.BrowserTests.Infrastructure;

/// <summary>The real app on real Kestrel (a free loopback port), on a temp SQLite file of its own,
/// with the demo county loaded, so that a browser can reach it.</summary>
public sealed class RendaServer : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Demo-Pass-2026";
    public const string StaffUserName = "demo-staff";

    private readonly string _dbFile = Path.Combine(Path.GetTempPath(), "renda-browser-tests", $"b-{Guid.NewGuid():N}.db");

    public RendaServer()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_dbFile)!);
        UseKestrel(0);
    }

    /// <summary>http://127.0.0.1:PORT, known once <see cref="StartAsync"/> has run.</summary>
    public string BaseUrl { get; private set; } = "";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "sqlite");
        builder.UseSetting("ConnectionStrings:Renda", $"Data Source={_dbFile}");
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:Password", DemoPassword);
        builder.UseSetting("Logging:Format", "simple");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public async Task StartAsync()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        BaseUrl = addresses.First().TrimEnd('/');
        await EnsureStaffAccountAsync();
    }

    /// <summary>The demo seeding creates demo-staff; until it does (or if it ever stops), make the
    /// account here so the sign-in tests still walk the real sign-in page.</summary>
    private async Task EnsureStaffAccountAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(StaffUserName) is not null) return;
        var user = new AppUser { UserName = StaffUserName, DisplayName = "演示工作人员", JurisdictionCode = "330523" };
        Check(await users.CreateAsync(user, DemoPassword));
        Check(await users.AddToRoleAsync(user, Roles.CongressStaff));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Could not create demo-staff: " + string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _dbFile, _dbFile + "-wal", _dbFile + "-shm" })
            try { File.Delete(f); } catch (IOException) { }
    }
}
