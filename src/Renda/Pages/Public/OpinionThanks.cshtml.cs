using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Opinions;

namespace Renda.Pages.Public;

/// <summary>/p/opinion/thanks: the tracking code, big, once, right after submitting (kept for this one view).</summary>
public sealed class OpinionThanksModel : PageModel
{
    public string? TrackingCode { get; private set; }

    public void OnGet() =>
        TrackingCode = TempData[PublicOpinionFormPage.TrackingCodeKey] is string code && TrackingCodes.Normalize(code) is { } c ? c : null;
}
