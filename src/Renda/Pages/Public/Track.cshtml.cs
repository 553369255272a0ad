using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using Renda.Modules.Opinions;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Ui;
using Renda.Platform.Workflow;

namespace Renda.Pages.Public;

/// <summary>/p/t (the lookup form) and /p/t/{trackingCode}: what the holder of a tracking code sees — the same
/// view as <c>GET /api/public/opinions/{trackingCode}</c>, masked the same way — and the rating form while the
/// reply can be rated, posting through the same rule as the API. A rating counts against the
/// <c>public-submissions</c> limit. A view without the rating form or a flash is cached for everyone
/// who has the code (it shows the same masked view to all of them) until its opinion changes (docs/adr/0032).</summary>
[OutputCache(PolicyName = PublicPageCache.TrackingPolicy)]
[EnableRateLimiting(PublicSubmissionsRateLimit.Policy)]
public sealed class TrackModel(AppDbContext db, WorkflowEngine engine, OpinionRules rules, Lang lang,
    IOptions<CookieTempDataProviderOptions> tempDataOptions) : PageModel
{
    public PublicOpinionView? View { get; private set; }
    public string? Code { get; private set; }
    public bool NotFoundCode { get; private set; }
    [BindProperty] public string? Rating { get; set; }
    [BindProperty] public string? Comment { get; set; }
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? RateError { get; private set; }
    public string? Flash { get; private set; }

    public string? Err(string field) => Errors.TryGetValue(field, out var e) ? string.Join(" ", e) : null;

    public async Task<IActionResult> OnGetAsync(string? trackingCode, string? code, CancellationToken ct)
    {
        if (trackingCode is null)
        {
            if (string.IsNullOrWhiteSpace(code)) return Page();
            Code = code.Trim();
            if (TrackingCodes.Normalize(code) is { } c) return Redirect("/p/t/" + TrackingCodes.Display(c));
            NotFoundCode = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Code = trackingCode;
        var o = await PublicOpinionsApi.FindAsync(db, trackingCode, ct, forUpdate: false);
        if (o is null)
        {
            NotFoundCode = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        var shown = new List<long>();
        View = await PublicOpinionsApi.ViewAsync(db, o, ct, shown);
        // TempData only when its cookie came: reading it answers with a Set-Cookie that deletes the cookie, even
        // when there was none, and a response that sets a cookie is never cached.
        if (Request.Cookies.ContainsKey(tempDataOptions.Value.Cookie.Name!)) Flash = TempData["TrackFlash"] as string;
        // The rating form carries an antiforgery token (bound to this visitor's cookie) and a flash is this visitor's:
        // neither is kept. A merged view is evicted by a change of any opinion it shows.
        if (View.CanRate || Flash is not null) PublicPageCache.DoNotStore(HttpContext);
        else foreach (var id in shown) PublicPageCache.Tag(HttpContext, PublicOpinionsApi.TrackingTag(id));
        return Page();
    }

    public async Task<IActionResult> OnPostRateAsync(string? trackingCode, CancellationToken ct)
    {
        Code = trackingCode;
        var o = await PublicOpinionsApi.FindAsync(db, trackingCode, ct);
        if (o is null)
        {
            NotFoundCode = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        var result = await PublicOpinionsApi.RateAsync(engine, rules, o, new RateInput(Rating, Comment),
            HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        if (result.Succeeded)
        {
            TempData["TrackFlash"] = lang["感谢您的评价。", "Thank you for your rating."];
            return Redirect("/p/t/" + TrackingCodes.Display(o.TrackingCode));
        }
        var refusal = result.Refusal!;
        if (refusal.Field is { } field) Errors[field] = [lang[refusal.Zh, refusal.En]];
        else RateError = lang[refusal.Zh, refusal.En];
        Response.StatusCode = refusal.Field is not null ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        View = await PublicOpinionsApi.ViewAsync(db, o, ct);
        return Page();
    }
}
