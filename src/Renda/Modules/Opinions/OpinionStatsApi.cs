using Renda.Platform.Auth;
using Renda.Platform.Spreadsheets;

namespace Renda.Modules.Opinions;

/// <summary><c>GET /api/opinions/stats?from=&amp;to=</c> and its .xlsx, for congress staff and leaders in their jurisdiction.</summary>
public static class OpinionStatsApi
{
    public static readonly string[] Readers = [Roles.CongressStaff, Roles.Leader];

    public static IEndpointRouteBuilder MapOpinionStatsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/opinions").WithTags("Opinions (statistics)")
            .RequireAuthorization(p => p.RequireRole(Readers));

        api.MapGet("/stats", async (string? from, string? to, OpinionStats stats, CancellationToken ct) =>
            (await stats.BuildAsync(from, to, ct)).ToHttp());

        api.MapGet("/stats.xlsx", async (string? from, string? to, OpinionStats stats, HttpResponse response, CancellationToken ct) =>
        {
            var result = await stats.BuildAsync(from, to, ct);
            if (!result.Ok) return result.ToHttp();
            var r = result.Value!;
            response.ContentType = XlsxWriter.ContentType;
            response.Headers.ContentDisposition = $"attachment; filename={OpinionStatsWorkbook.FileName(r)}";
            await XlsxWriter.WriteAsync(response.Body, OpinionStatsWorkbook.Sheets(r), ct);
            return Results.Empty;
        });
        return app;
    }
}
