using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Jurisdictions;

namespace Renda.IntegrationTests.Infrastructure;

/// <summary>Helpers named for intent: arrange accounts and jurisdictions, sign in, call the API.</summary>
public static class Api
{
    public const string Password = "Renda-Test-2026";

    public static async Task EnsureJurisdictionAsync(this RendaApp app, string code, string name)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Parents first, so the tree stays whole.
        var chain = new List<string>();
        for (var c = code; c is not null; c = Jurisdiction.ParentOf(c)) chain.Insert(0, c);
        foreach (var c in chain)
        {
            if (await db.Jurisdictions.FindAsync(c) is not null) continue;
            db.Jurisdictions.Add(new Jurisdiction
            {
                Code = c, Name = c == code ? name : $"区划 {c}", Level = Jurisdiction.LevelOf(c), ParentCode = Jurisdiction.ParentOf(c),
            });
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Creates an account directly (as seeding would), with the given roles.</summary>
    public static async Task<AppUser> CreateUserAsync(this RendaApp app, string userName, string jurisdictionCode,
        params string[] roles)
    {
        await app.EnsureJurisdictionAsync(jurisdictionCode, "区划 " + jurisdictionCode);
        await using var scope = app.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, DisplayName = "测试 " + userName, JurisdictionCode = jurisdictionCode };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        foreach (var r in roles) await users.AddToRoleAsync(user, r);
        return user;
    }

    public static async Task<HttpResponseMessage> LoginAsync(this HttpClient http, string userName, string password) =>
        await http.PostAsJsonAsync("/api/auth/login", new { userName, password });

    /// <summary>A client carrying the bearer token of a fresh sign-in.</summary>
    public static async Task<HttpClient> SignedInAsync(this RendaApp app, string userName, string password = Password)
    {
        var http = app.CreateClient();
        var res = await http.LoginAsync(userName, password);
        if (res.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"sign-in of {userName} failed: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        var token = (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage res) =>
        await res.Content.ReadFromJsonAsync<JsonElement>();
}
