using Microsoft.AspNetCore.Mvc;
using Renda.Modules.Opinions;
using Renda.Modules.PublicCodes;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Ui;

namespace Renda.Pages.Public;

/// <summary>/p/s/{code}/opinion: the form addressed to the station a citizen scanned (家站码).</summary>
public sealed class OpinionStationModel(PublicCodeRegistry registry, PublicProfiles profiles, SubmitOpinion submit, OpinionAttachments attachments,
    AppDbContext db, ICurrentUser user, Lang lang) : PublicOpinionFormPage(submit, attachments, db, user, lang)
{
    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct) => await ResolveAsync(code, ct) ? Page() : Unavailable();

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct) =>
        await ResolveAsync(code, ct) ? await SubmitAsync(code, null, ct) : Unavailable();

    private async Task<bool> ResolveAsync(string code, CancellationToken ct)
    {
        var resolved = await registry.ResolveAsync(PublicCodeKind.Station, code, ct);
        State = resolved.State;
        if (State != CodeState.Active) return false;
        Addressee = (await profiles.StationAsync(resolved.TargetId, ct))?.Name;
        if (Addressee is null) State = CodeState.Unknown;
        return Addressee is not null;
    }

    private IActionResult Unavailable()
    {
        Response.StatusCode = State == CodeState.Revoked ? StatusCodes.Status410Gone : StatusCodes.Status404NotFound;
        return Page();
    }
}
