namespace Renda.Modules.OpenData;

/// <summary>Open data for anyone, without sign-in: the roster as Popolo JSON.</summary>
public static class OpenDataApi
{
    public static void MapOpenDataApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/export/popolo", async (string? jurisdiction, PopoloExport export, CancellationToken ct) =>
            {
                var check = await export.CheckAsync(jurisdiction, ct);
                if (!check.Ok) return check.ToHttp();
                return Results.Stream(stream => export.WriteAsync(stream, check.Value, ct), PopoloExport.ContentType);
            })
            .WithTags("Open data")
            .AllowAnonymous();
    }

    public static IServiceCollection AddRendaOpenData(this IServiceCollection services) => services.AddScoped<PopoloExport>();
}
