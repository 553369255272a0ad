using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.PublicCodes;
using Renda.Platform.Auth;
using Renda.Platform.Http;
using Renda.Platform.Ui;

namespace Renda.Pages.Qr;

/// <summary>/qr/station/{id} and /qr/representative/{id}: the code card to download or print, its URL,
/// and revoke / regenerate. Linked as "二维码" from the station and representative detail pages.</summary>
[Authorize(Roles = Roles.CongressStaff)]
public sealed class CodeModel(PublicCodeRegistry registry, PublicUrls urls, Lang lang) : PageModel
{
    [BindProperty] public string? Reason { get; set; }

    public PublicCodeKind Kind { get; private set; }
    public CodeCard Card { get; private set; } = null!;
    public string? Message { get; private set; }
    public bool MessageOk { get; private set; }

    /// <summary>/api/stations/7 or /api/representatives/7: where the images are.</summary>
    public string ApiBase => $"/api/{(Kind == PublicCodeKind.Station ? "stations" : "representatives")}/{Card.TargetId}";

    public async Task<IActionResult> OnGetAsync(string kind, long id, CancellationToken ct) =>
        await LoadAsync(kind, id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostRevokeAsync(string kind, long id, CancellationToken ct) =>
        ActAsync(kind, id, () => registry.RevokeAsync(Kind, id, Reason, ct),
            lang["二维码已作废，原链接将显示“已停用”。", "The code is revoked; its URL now says it is no longer in use."], ct);

    public Task<IActionResult> OnPostRegenerateAsync(string kind, long id, CancellationToken ct) =>
        ActAsync(kind, id, () => registry.RegenerateAsync(Kind, id, Reason, ct),
            lang["已生成新的二维码，请下载打印并替换原标牌。", "A new code is issued: download, print and replace the old sign."], ct);

    private async Task<IActionResult> ActAsync(string kind, long id, Func<Task<UseCaseResult<CodeCard>>> action, string done,
        CancellationToken ct)
    {
        if (!TryKind(kind)) return NotFound();
        var result = await action();
        if (result.Status == 404) return NotFound();
        Message = result.Ok ? done : result.Message(lang.IsEnglish);
        MessageOk = result.Ok;
        if (result.Ok) Reason = null;
        return await LoadAsync(kind, id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string kind, long id, CancellationToken ct)
    {
        if (!TryKind(kind)) return false;
        var result = await registry.CardAsync(Kind, id, ct);
        if (!result.Ok) return false;
        Card = PublicCodesApi.WithUrl(result.Value!, urls, Request);
        return true;
    }

    private bool TryKind(string kind)
    {
        Kind = kind == "station" ? PublicCodeKind.Station : PublicCodeKind.Representative;
        return kind is "station" or "representative";
    }
}
