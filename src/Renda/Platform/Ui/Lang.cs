using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Renda.Platform.Ui;

/// <summary>Simplified Chinese first, English second: every UI string is written as a zh/en pair at
/// the place it is shown (see docs/adr/0004). The choice is a cookie set by <c>/lang/{zh|en}</c>.</summary>
public sealed class Lang
{
    public static readonly CultureInfo Chinese = new("zh-CN");
    public static readonly CultureInfo English = new("en");

    public bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
    public string Code => IsEnglish ? "en" : "zh-CN";
    public string this[string zh, string en] => IsEnglish ? en : zh;
}

public static class UiSetup
{
    public static IServiceCollection AddRendaUi(this IServiceCollection services)
    {
        services.AddSingleton<Lang>();
        // Chinese text is written as characters, not &#x…; entities (Razor still encodes <, >, & and quotes).
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Lang.Chinese);
            o.SupportedCultures = [Lang.Chinese, Lang.English];
            o.SupportedUICultures = [Lang.Chinese, Lang.English];
            o.RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = UiSetup.CookieName }];
        });
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Workbench");
            o.Conventions.AuthorizeFolder("/Admin");
            o.Conventions.AuthorizeFolder("/Audit");
            o.Conventions.AllowAnonymousToFolder("/Account");
        });
        return services;
    }

    public const string CookieName = "renda.lang";

    public static void MapLanguageSwitch(this IEndpointRouteBuilder app) =>
        app.MapGet("/lang/{code}", (string code, string? returnUrl, HttpContext ctx) =>
        {
            var culture = code == "en" ? "en" : "zh-CN";
            ctx.Response.Cookies.Append(UiSetup.CookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true, IsEssential = true });
            var target = !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
                && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription();
}

