using Microsoft.AspNetCore.Mvc;
using Renda.Modules.PublicCodes;

namespace Renda.Pages.Public;

/// <summary>/p/s/{code}: the station a citizen scanned (家站码).</summary>
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
