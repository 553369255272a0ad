using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Renda.IntegrationTests.Infrastructure;

/// <summary>Drives the Razor pages like a browser without one: cookies, antiforgery tokens, no auto-redirect.</summary>
public static partial class Browserless
{
    public static HttpClient PageClient(this RendaApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<string> AntiforgeryTokenAsync(this HttpClient http, string path)
    {
        var html = await http.GetStringAsync(path);
        var m = TokenPattern().Match(html);
        if (!m.Success) throw new InvalidOperationException($"No antiforgery token on {path}");
        return WebUtility.HtmlDecode(m.Groups[1].Value);
    }

    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient http, string path, IDictionary<string, string> fields, string? tokenFrom = null)
    {
        var token = await http.AntiforgeryTokenAsync(tokenFrom ?? path);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await http.PostAsync(path, new FormUrlEncodedContent(form));
    }

    public static async Task<HttpResponseMessage> SignInWithFormAsync(this HttpClient http, string userName, string password = Api.Password) =>
        await http.PostFormAsync("/account/login", new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = password });

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
