using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Renda.Platform.Http;

namespace Renda.Modules.Opinions;

/// <summary>The per-IP limit on what citizens and outside clients submit without an account: the named policy
/// <c>public-submissions</c> (ASP.NET Core's rate limiter, a fixed window of one minute), permits from
/// <c>PublicSubmissions:PermitsPerMinute</c> (default 10). Only POSTs count: reading a form or a tracking page is
/// free. A refused request gets 429 with <c>Retry-After</c>, as problem+json (a page gets a short HTML note).
/// The client address is the connection's, which the forwarded-headers middleware sets from a known proxy.</summary>
public static class PublicSubmissionsRateLimit
{
    public const string Policy = "public-submissions";
    public const int DefaultPermitsPerMinute = 10;

    public static IServiceCollection AddPublicSubmissionsRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Policy, ctx =>
            {
                if (!HttpMethods.IsPost(ctx.Request.Method)) return RateLimitPartition.GetNoLimiter("read");
                var permits = Math.Max(1, ctx.RequestServices.GetRequiredService<IConfiguration>()
                    .GetValue("PublicSubmissions:PermitsPerMinute", DefaultPermitsPerMinute));
                var ip = ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
                });
            });
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
                    ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var path = http.Request.Path;
                if (path.StartsWithSegments("/api") || path.StartsWithSegments("/open311"))
                {
                    await Problems.Make(429, "too-many-requests", "提交过于频繁，请稍后再试", "Too many submissions; try again later",
                        $"Retry after {seconds} seconds.", new Dictionary<string, object?> { ["retryAfter"] = seconds }).ExecuteAsync(http);
                    return;
                }
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync(
                    "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
                    "<title>提交过于频繁</title></head><body><h1>提交过于频繁</h1>" +
                    $"<p>请在 {seconds} 秒后返回上一页重新提交。Too many submissions from this network: go back and try again in {seconds} seconds.</p>" +
                    "</body></html>", ct);
            };
        });
}
