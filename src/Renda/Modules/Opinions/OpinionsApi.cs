using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Workflow;

namespace Renda.Modules.Opinions;

/// <summary><c>/api/opinions</c> for congress staff, handling units, leaders and representatives, in the
/// one API shape: the list with its filters and <c>?q=</c> search, <c>GET /{id}</c> with <c>state</c>,
/// <c>allowedActions</c> and <c>history</c>, <c>POST /{id}/actions/{action}</c> with each action's body
/// (<see cref="OpinionEffects"/>); similar open opinions and the audited reveal of the phone.</summary>
public static class OpinionsApi
{
    public static IEndpointRouteBuilder MapOpinionsStaffApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/opinions").WithTags("Opinions")
            .RequireAuthorization(p => p.RequireRole(OpinionsAccess.Readers));

        api.MapGet("", List);
        // The workflow shape of WorkflowApi.MapWorkflowEndpoints, with effects that need the request's
        // services (the unit looked up, the calendar), hence built per request.
        api.MapGet("/{id:long}", async (long id, HttpContext http, AppDbContext db, WorkflowEngine engine, ICurrentUser user, CancellationToken ct) =>
            await OpinionsAccess.FindVisibleAsync(db, id, ct) is { } o
                ? await WorkflowApi.GetAsync(OpinionWorkflow.Definition, o, OpinionView.From, engine, user, http, ct)
                : Problems.NotFound());
        api.MapPost("/{id:long}/actions/{action}", async (long id, string action, HttpContext http, AppDbContext db,
            WorkflowEngine engine, OpinionEffects effects, ICurrentUser user, CancellationToken ct) =>
        {
            if (await OpinionsAccess.FindVisibleAsync(db, id, ct) is not { } o) return Problems.NotFound();
            var (body, error) = await WorkflowApi.ReadBodyAsync(http.Request, ct);
            if (error is not null) return error;
            return await WorkflowApi.PerformAsync(OpinionWorkflow.Definition, o, action, body, http.Request.Headers.IfMatch.ToString(),
                OpinionView.From, effects.Table, engine, user, http, ct);
        });
        api.MapGet("/{id:long}/similar", async (long id, OpinionsInbox inbox, CancellationToken ct) =>
            await inbox.FindAsync(id, ct) is { } o ? TypedResults.Ok(await inbox.SimilarAsync(o, ct)) : Problems.NotFound());
        // Every reader may ask; the use case refuses other roles than congress staff and audits the refusal.
        api.MapPost("/{id:long}/reveal", async (long id, OpinionsInbox inbox, CancellationToken ct) =>
            (await inbox.RevealPhoneAsync(id, ct)).ToHttp());
        return app;
    }

    private static async Task<IResult> List(OpinionsInbox inbox, string? state, string? category, long? unit, bool? overdue,
        long? station, long? representative, string? from, string? to, string? q, int? page, int? pageSize, CancellationToken ct) =>
        (await inbox.ListAsync(new OpinionFilter(state, category, unit, overdue, station, representative, from, to, q), page, pageSize, ct)).ToHttp();
}
