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
    string? Rating, DateTime? RatedAt, string? DeclineReason, int Round, bool CanRate, IReadOnlyList<PublicStep> History,
    string? MergedNote = null, string? MergedNoteEn = null);

public sealed record PublicStep(DateTime At, string Action, string Label, string LabelEn, string State, string? Note);

/// <summary>The citizen's side, without sign-in: submit, follow by tracking code, rate.</summary>
public static class PublicOpinionsApi
{
    public static IEndpointRouteBuilder MapPublicOpinionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/public/opinions").AllowAnonymous().WithTags("Opinions (public)");

        api.MapPost("/", async (OpinionInput input, SubmitOpinion submit, ICurrentUser user, CancellationToken ct) =>
            (await submit.FromPublicAsync(input, user, ct)).ToHttp(s =>
                TypedResults.Created($"/api/public/opinions/{s.TrackingCode}", new { trackingCode = s.TrackingCode })))
            .RequireRateLimiting(PublicSubmissionsRateLimit.Policy);

        api.MapGet("/{trackingCode}", async (string trackingCode, AppDbContext db, CancellationToken ct) =>
            await FindAsync(db, trackingCode, ct, forUpdate: false) is { } o ? TypedResults.Ok(await ViewAsync(db, o, ct)) : Problems.NotFound());

        api.MapPost("/{trackingCode}/rating", async (string trackingCode, RateInput input, AppDbContext db, WorkflowEngine engine,
            OpinionRules rules, ICurrentUser user, CancellationToken ct) =>
        {
            if (await FindAsync(db, trackingCode, ct) is not { } o) return Problems.NotFound();
            var result = await RateAsync(engine, rules, o, input, user.ClientIp, ct);
            return result.Succeeded ? TypedResults.Ok(await ViewAsync(db, o, ct)) : result.ToHttp(() => Results.Empty);
        }).RequireRateLimiting(PublicSubmissionsRateLimit.Policy);
        return app;
    }

    /// <summary>The opinion behind a tracking code, whatever the caller's jurisdiction (the code is the key).
    /// A merged opinion's submitter follows the one it was merged into. <paramref name="forUpdate"/>: tracked,
    /// for an action on it; otherwise a read-only copy (what a page view needs).</summary>
    public static async Task<Opinion?> FindAsync(AppDbContext db, string? trackingCode, CancellationToken ct, bool forUpdate = true)
    {
        if (TrackingCodes.Normalize(trackingCode) is not { } code) return null;
        var opinions = db.Set<Opinion>().IgnoreQueryFilters();
        if (!forUpdate) opinions = opinions.AsNoTracking();
        return await opinions.SingleOrDefaultAsync(o => o.TrackingCode == code, ct);
    }

    /// <summary>The cache tag of the tracking page of opinion <paramref name="id"/> (the workflow's history rows use
    /// the same name, so a step saved on its own evicts the page too).</summary>
    public static string TrackingTag(long id) => OpinionWorkflow.Definition.Name + ":" + id;

    /// <summary>A cached tracking page shows its opinion, its steps and its unit's name: saving any of them evicts it
    /// (docs/adr/0032).</summary>
    public static IServiceCollection EvictTrackingPagesOnChange(this IServiceCollection services) => services
        .EvictPublicPagesOn<Opinion>(o => TrackingTag(o.Id))
        .EvictPublicPagesOn<WorkflowHistoryEntry>(h => h.Workflow + ":" + h.EntityId)
        .EvictPublicPagesOn<HandlingUnit>(_ => PublicPageCache.TrackingTag);

    /// <summary>评价 by the holder of the tracking code: the one rule behind the API and the tracking page.</summary>
    public static Task<WorkflowResult> RateAsync(WorkflowEngine engine, OpinionRules rules, Opinion o, RateInput input, string? clientIp,
        CancellationToken ct) =>
        engine.ApplyAsync(OpinionWorkflow.Definition, o, "rate", new TrackingCodeHolder(o.TrackingCode, clientIp), step => rules.Rate(step, input), ct);

    /// <summary>How many merges deep a submitter is followed (a target merged again is followed to its own target).</summary>
    private const int MaxMergeHops = 5;

    /// <summary>What the holder of <paramref name="o"/>'s code sees. For a merged opinion: its own content and
    /// steps, then the progress of the opinion it was merged into (state, unit, deadline, reply, the target's
    /// steps since the merge), with the note 已与同类意见合并办理; rating stays with the target's own submitter.
    /// <paramref name="shown"/>, when given, receives the id of every opinion the view shows (for cache tags).</summary>
    public static async Task<PublicOpinionView> ViewAsync(AppDbContext db, Opinion o, CancellationToken ct, ICollection<long>? shown = null)
    {
        shown?.Add(o.Id);
        var own = await OwnViewAsync(db, o, ct);
        if (o.State != "merged" || o.MergedIntoId is null) return own;
        var mergedAt = own.History.LastOrDefault(h => h.Action == "merge")?.At ?? DateTime.MinValue;
        var target = o;
        for (var hop = 0; hop < MaxMergeHops && target.State == "merged" && target.MergedIntoId is { } next; hop++)
        {
            var t = await db.Set<Opinion>().IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(x => x.Id == next, ct);
            if (t is null) break;
            target = t;
            shown?.Add(t.Id);
        }
        if (ReferenceEquals(target, o)) return own;
        var followed = await OwnViewAsync(db, target, ct);
        var steps = own.History.Concat(followed.History.Where(h => h.At >= mergedAt && h.Action is not ("submit" or "merge")))
            .OrderBy(h => h.At).ToList();
        return followed with
        {
            TrackingCode = own.TrackingCode, Content = own.Content, Category = own.Category ?? followed.Category,
            CategoryLabel = own.CategoryLabel ?? followed.CategoryLabel, CreatedAt = own.CreatedAt, CanRate = false, History = steps,
            MergedNote = "已与同类意见合并办理", MergedNoteEn = "Handled together with similar opinions",
        };
    }

    private static async Task<PublicOpinionView> OwnViewAsync(AppDbContext db, Opinion o, CancellationToken ct)
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
