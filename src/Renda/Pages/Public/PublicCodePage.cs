using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.PublicCodes;

namespace Renda.Pages.Public;

/// <summary>The common part of the two citizen pages behind a QR code: resolve the code, and answer an
/// unknown code with a polite 404 page and a revoked one with a polite 410 page that says nothing about
/// whose code it was.</summary>
public abstract class PublicCodePage(PublicCodeRegistry registry, PublicRoutes routes) : PageModel
{
    protected abstract PublicCodeKind Kind { get; }

    public CodeState State { get; private set; } = CodeState.Unknown;
    public string Code { get; private set; } = "";
    /// <summary>The citizen's form under this page, once the opinions module adds it; null until then.</summary>
    public string? OpinionFormPath { get; private set; }

    protected async Task<long?> ResolveAsync(string code, CancellationToken ct)
    {
        var resolved = await registry.ResolveAsync(Kind, code, ct);
        State = resolved.State;
        if (State != CodeState.Active)
        {
            Response.StatusCode = State == CodeState.Revoked ? StatusCodes.Status410Gone : StatusCodes.Status404NotFound;
            return null;
        }
        Code = code.Trim().ToLowerInvariant();
        if (routes.HasOpinionForm(Kind)) OpinionFormPath = PublicCode.PathOf(Kind, Code) + "/opinion";
        return resolved.TargetId;
    }

    protected IActionResult Unavailable()
    {
        if (State == CodeState.Active) State = CodeState.Unknown; // resolved, but the target has since gone
        Response.StatusCode = State == CodeState.Revoked ? StatusCodes.Status410Gone : StatusCodes.Status404NotFound;
        return Page();
    }
}
