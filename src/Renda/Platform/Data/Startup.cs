using Microsoft.AspNetCore.Identity;
using Renda.Platform.Auth;
using Renda.Platform.Demo;

namespace Renda.Platform.Data;

public static class Startup
{
    /// <summary>Creates or migrates the schema, loads the security policy, makes sure every role
    /// exists, and loads the demo county once when started with <c>--demo</c>.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        await sp.GetRequiredService<SchemaMigrator>().MigrateAsync();
        var db = sp.GetRequiredService<AppDbContext>();
        await sp.GetRequiredService<PolicyStore>().LoadAsync(db);
        var roles = sp.GetRequiredService<RoleManager<AppRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new AppRole(role));
        if (sp.GetService<DemoOptions>() is { Enabled: true })
            await sp.GetRequiredService<DemoSeeder>().SeedAsync();
    }
}
