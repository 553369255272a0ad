using Renda.Platform.Ui;

namespace Renda.Modules.Performance;

/// <summary>一人一档 over HTTP: a representative's duty records in the one list shape, and their counts.</summary>
public static class PerformanceApi
{
    public static void MapPerformanceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/representatives/{id:long}/archive").WithTags("Duty archive")
            .RequireAuthorization(p => p.RequireRole(RepresentativeArchive.Readers));
        api.MapGet("", async (long id, string? year, string? kind, int? page, int? pageSize, RepresentativeArchive archive, Lang lang,
                CancellationToken ct) => (await archive.ListAsync(id, year, kind, page, pageSize, lang.IsEnglish, ct)).ToHttp());
        api.MapGet("/summary", async (long id, string? year, RepresentativeArchive archive, Lang lang, CancellationToken ct) =>
            (await archive.SummaryAsync(id, year, lang.IsEnglish, ct)).ToHttp());
    }

    public static IServiceCollection AddRendaPerformance(this IServiceCollection services) =>
        services.AddScoped<RepresentativeArchive>();
}
