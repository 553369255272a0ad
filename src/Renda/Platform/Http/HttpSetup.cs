using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;

namespace Renda.Platform.Http;

public static class HttpSetup
{
    /// <summary>No inline script or style: every script is a file under /js or /lib.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IServiceCollection AddRendaHttp(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // The reverse proxy is configured by the operator: trust the ones listed in ForwardedHeaders:KnownProxies.
        });
        services.AddOpenApi();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "renda.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.HeaderName = "X-CSRF-TOKEN";
        });
        return services;
    }

    public static WebApplication UseRendaHttp(this WebApplication app)
    {
        var proxies = app.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        var fwd = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ForwardedHeadersOptions>>().Value;
        foreach (var p in proxies)
            if (System.Net.IPAddress.TryParse(p, out var ip)) fwd.KnownProxies.Add(ip);
        app.UseForwardedHeaders();

        app.Use(async (ctx, next) =>
        {
            var h = ctx.Response.Headers;
            h["Content-Security-Policy"] = ContentSecurityPolicy;
            h["X-Content-Type-Options"] = "nosniff";
            h["X-Frame-Options"] = "DENY";
            h["Referrer-Policy"] = "same-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            await next();
        });

        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = async ctx =>
            {
                var error = ctx.Features.Get<IExceptionHandlerFeature>()?.Error;
                var isApi = ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/open311");
                if (error is BadHttpRequestException bad)
                {
                    await Problems.Make(bad.StatusCode, "bad-request", "请求格式有误", "Malformed request", "The request body could not be read.").ExecuteAsync(ctx);
                    return;
                }
                if (error is Renda.Platform.Data.WriteGateTimeoutException && isApi)
                {
                    ctx.Response.Headers.RetryAfter = "5";
                    await Problems.Make(503, "database-busy", "系统繁忙，请稍后再试", "Service busy", "The database is busy; please try again shortly.").ExecuteAsync(ctx);
                    return;
                }
                if (!isApi && !ctx.Request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase))
                {
                    ctx.Response.Redirect("/error");
                    return;
                }
                await Problems.Make(500, "server-error", "服务器内部错误", "Internal server error",
                    $"Trace id {ctx.TraceIdentifier}.").ExecuteAsync(ctx);
            },
        });
        app.UseStatusCodePages(async ctx =>
        {
            var http = ctx.HttpContext;
            if (!http.Request.Path.StartsWithSegments("/api") || http.Response.HasStarted || http.Response.ContentLength > 0) return;
            var status = http.Response.StatusCode;
            var result = status switch
            {
                401 => Problems.Unauthorized(),
                403 => Problems.Forbidden(),
                404 => Problems.NotFound(),
                405 => Problems.Make(405, "method-not-allowed", "不支持的请求方法", "Method not allowed"),
                415 => Problems.Make(415, "unsupported-media-type", "不支持的内容类型", "Unsupported media type"),
                _ => Problems.Make(status, "http-" + status, "请求失败", "Request failed"),
            };
            await result.ExecuteAsync(http);
        });
        return app;
    }
}
