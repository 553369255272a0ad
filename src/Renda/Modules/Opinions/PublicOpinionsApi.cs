using Microsoft.EntityFrameworkCore;
using Renda.Modules.HandlingUnits;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Workflow;

namespace Renda.Modules.Opinions;

/// <summary>What the holder of a tracking code sees: the state, the dated steps, the reply and the rating;
/// names and phones never, and phone or ID numbers inside the texts masked.</summary>
public sealed record PublicOpinionView(
    string TrackingCode, string State, string StateLabel, string StateLabelEn, string? Category, string? CategoryLabel,
    string Content, DateTime CreatedAt, DateOnly? DueDate, string? UnitName, string? Reply, DateTime? RepliedAt,
    string? Rating, DateTime? RatedAt, string? DeclineReason, int Round, bool CanRate, IReadOnlyList<PublicStep> History);

public sealed record PublicStep(DateTime At, string Action, string Label, string LabelEn, string State, string? Note);

/// <summary>The citizen's side, without sign-in: submit, follow by tracking code, rate.</summary>
public static class PublicOpinionsApi
{
    public static IEndpointRouteBuilder MapPublicOpinionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/public/opinions").AllowAnonymous().WithTags("Opinions (public)");

        api.MapPost("/", async (OpinionInput input, SubmitOpinion submit, ICurrentUser user, CancellationToken ct) =>
            (await submit.FromPublicAsync(input, user, ct)).ToHttp(s =>
                TypedResults.Created($"/api/public/opinions/{s.TrackingCode}", new { trackingCode = s.TrackingCode })));

        api.MapGet("/{trackingCode}", async (string trackingCode, AppDbContext db, CancellationToken ct) =>
            await FindAsync(db, trackingCode, ct) is { } o ? TypedResults.Ok(await ViewAsync(db, o, ct)) : Problems.NotFound());

        api.MapPost("/{trackingCode}/rating", async (string trackingCode, RateInput input, AppDbContext db, WorkflowEngine engine,
            OpinionRules rules, ICurrentUser user, CancellationToken ct) =>
        {
            if (await FindAsync(db, trackingCode, ct) is not { } o) return Problems.NotFound();
            var holder = new TrackingCodeHolder(o.TrackingCode, user.ClientIp);
            var result = await engine.ApplyAsync(OpinionWorkflow.Definition, o, "rate", holder, step => rules.Rate(step, input), ct);
            return result.Succeeded ? TypedResults.Ok(await ViewAsync(db, o, ct)) : result.ToHttp(() => Results.Empty);
        });
        return app;
    }

    /// <summary>The opinion behind a tracking code, whatever the caller's jurisdiction (the code is the key).
    /// A merged opinion's submitter follows the one it was merged into.</summary>
    public static async Task<Opinion?> FindAsync(AppDbContext db, string? trackingCode, CancellationToken ct)
    {
        if (TrackingCodes.Normalize(trackingCode) is not { } code) return null;
        return await db.Set<Opinion>().IgnoreQueryFilters().SingleOrDefaultAsync(o => o.TrackingCode == code, ct);
    }

    public static async Task<PublicOpinionView> ViewAsync(AppDbContext db, Opinion o, CancellationToken ct)
    {
        var definition = OpinionWorkflow.Definition;
        var history = await db.WorkflowHistory.AsNoTracking().IgnoreQueryFilters()
            .Where(h => h.Workflow == definition.Name && h.EntityId == o.Id).OrderBy(h => h.Id).ToListAsync(ct);
        var unit = o.UnitId is { } uid
            ? await db.Set<HandlingUnit>().IgnoreQueryFilters().Where(u => u.Id == uid).Select(u => u.Name).SingleOrDefaultAsync(ct)
            : null;
        var state = definition.StateLabel(o.State);
        return new PublicOpinionView(
            TrackingCodes.Display(o.TrackingCode), o.State, state.Zh, state.En, o.Category,
            o.Category is null ? null : OpinionCategories.Label(o.Category, english: false),
            Masking.FreeText(o.Content), o.CreatedAt, o.DueDate, unit,
            o.ReplyContent is null ? null : Masking.FreeText(o.ReplyContent), o.RepliedAt, o.Rating, o.RatedAt,
            o.DeclineReason is null ? null : Masking.FreeText(o.DeclineReason), o.Round,
            definition.Check(o, "rate", new TrackingCodeHolder(o.TrackingCode, null)).Allowed,
            history.Where(h => h.Action is not "supervise").Select(h =>
            {
                var label = definition.ActionLabel(h.Action);
                return new PublicStep(h.At, h.Action, label.Zh, label.En, h.ToState,
                    h.Action is "decline" && h.Comment is not null ? Masking.FreeText(h.Comment) : null);
            }).ToList());
    }
}
