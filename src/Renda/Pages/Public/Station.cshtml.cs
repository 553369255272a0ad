using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Renda.Modules.PublicCodes;
using Renda.Platform.Http;

namespace Renda.Pages.Public;

/// <summary>/p/s/{code}: the station a citizen scanned (家站码).</summary>
[OutputCache(PolicyName = PublicPageCache.ProfilesPolicy)]   // public fields only; evicted on change (ADR 0032)
public sealed class StationModel(PublicCodeRegistry registry, PublicRoutes routes, PublicProfiles profiles)
    : PublicCodePage(registry, routes)
{
    protected override PublicCodeKind Kind => PublicCodeKind.Station;

    public PublicStationProfile? Profile { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (await ResolveAsync(code, ct) is not { } id) return Page();
        Profile = await profiles.StationAsync(id, ct);
        return Profile is null ? Unavailable() : Page();
    }
}
