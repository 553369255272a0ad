using System.Globalization;
using Renda.Platform.Auth;
using Renda.Platform.Http;

namespace Renda.Modules.Opinions;

/// <summary><c>GET /api/opinions/hot-topics?days=&amp;minCount=</c> (staff and leaders) and the proposals made
/// from them: <c>POST /api/opinions/hot-topics/proposals</c> (staff), <c>GET …/proposals</c> (staff and leaders).</summary>
public static class HotTopicsApi
{
    public static readonly string[] Readers = [Roles.CongressStaff, Roles.Leader];

    public static IEndpointRouteBuilder MapHotTopicsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/opinions/hot-topics").WithTags("Opinions (hot topics)");

        api.MapGet("/", async (string? days, string? minCount, HotTopics topics, CancellationToken ct) =>
                (await topics.FindAsync(days, minCount, ct)).ToHttp())
            .RequireAuthorization(p => p.RequireRole(Readers));

        api.MapPost("/proposals", async (ProposalInput? input, HotTopicsProposals proposals, CancellationToken ct) =>
                (await proposals.ProposeAsync(input ?? new ProposalInput(null, null, null, null), ct))
                    .ToHttp(v => TypedResults.Created($"/api/opinions/hot-topics/proposals/{v.Id}", v)))
            .RequireAuthorization(p => p.RequireRole(Roles.CongressStaff));

        api.MapGet("/proposals", async (HttpRequest http, HotTopicsProposals proposals, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                var page = Int(http.Query["page"], "page", errors);
                var pageSize = Int(http.Query["pageSize"], "pageSize", errors);
                string? kind = http.Query["kind"];
                if (!string.IsNullOrEmpty(kind) && !ProposedTopicKinds.IsKnown(kind))
                    errors["kind"] = ["类型须为 supervision 或 livelihood_project / kind must be supervision or livelihood_project"];
                if (errors.Count > 0) return Problems.Validation(errors);
                return TypedResults.Ok(await proposals.ListAsync(kind, page, pageSize, ct));
            })
            .RequireAuthorization(p => p.RequireRole(Readers));
        return app;
    }

    private static int? Int(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) return n;
        errors[field] = ["须为正整数 / a positive whole number"];
        return null;
    }
}
