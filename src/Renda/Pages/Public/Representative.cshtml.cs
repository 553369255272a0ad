using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Renda.Modules.PublicCodes;
using Renda.Platform.Http;

namespace Renda.Pages.Public;

/// <summary>/p/r/{code}: the representative a citizen scanned (代表码).</summary>
[OutputCache(PolicyName = PublicPageCache.ProfilesPolicy)]   // public fields only; evicted on change (ADR 0032)
public sealed class RepresentativeModel(PublicCodeRegistry registry, PublicRoutes routes, PublicProfiles profiles)
    : PublicCodePage(registry, routes)
{
    protected override PublicCodeKind Kind => PublicCodeKind.Representative;

    public PublicRepresentativeProfile? Profile { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (await ResolveAsync(code, ct) is not { } id) return Page();
        Profile = await profiles.RepresentativeAsync(id, ct);
        return Profile is null ? Unavailable() : Page();
    }
}
