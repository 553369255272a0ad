using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Representatives;
using Renda.Platform.Ui;

namespace Renda.Pages.Representatives;

/// <summary>/representatives/{id}: one representative, phone and ID number masked until congress staff
/// reveal one (each reveal is audited); group history, seats in other congresses, photo, end of office.</summary>
[Authorize(Roles = RosterAccess.PageReadersList)]
[RequestFormLimits(MultipartBodyLengthLimit = RepresentativePhotos.MaxBytes + 1024 * 1024)]
public sealed class DetailModel(RosterQueries queries, RepresentativeEditor editor, RepresentativePhotos photos, Lang lang) : PageModel
{
    public RepresentativeDetail Rep { get; private set; } = null!;
    public string? RevealedPhone { get; private set; }
    public string? RevealedIdNumber { get; private set; }
    public string? Message { get; private set; }
    public bool MessageOk { get; private set; }
    public bool CanEdit { get; private set; }
    public RepresentativeLevels Levels => Rep.Levels.Select(RosterQueries.LevelOf).Aggregate(RepresentativeLevels.None, (a, l) => a | (l ?? RepresentativeLevels.None));

    [BindProperty] public string? EndStatus { get; set; }
    [BindProperty] public string? EndDate { get; set; }
    [BindProperty] public string? EndReason { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRevealAsync(long id, string? field, CancellationToken ct)
    {
        var result = await editor.RevealAsync(id, field, ct);
        if (result.Status == 404) return NotFound();
        if (result.Ok)
        {
            if (field == RepresentativeEditor.PhoneField) RevealedPhone = result.Value!.Value;
            else RevealedIdNumber = result.Value!.Value;
            Show(lang["已显示完整信息，本次查看已记录。", "Shown in full; this view has been recorded."], true);
        }
        else
        {
            Show(result.Message(lang.IsEnglish), false);
            Response.StatusCode = result.Status;
        }
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostEndOfOfficeAsync(long id, long version, CancellationToken ct)
    {
        if (!RosterAccess.Editors.Any(User.IsInRole)) return Forbid();
        var result = await editor.EndOfOfficeAsync(id, new EndOfOfficeRequest(EndStatus, EndDate, EndReason, version), ct);
        if (result.Status == 404) return NotFound();
        if (result.Ok) return RedirectToPage(new { id });
        Show(result.Message(lang.IsEnglish), false);
        Response.StatusCode = result.Status;
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPhotoAsync(long id, IFormFile? photo, CancellationToken ct)
    {
        if (!RosterAccess.Editors.Any(User.IsInRole)) return Forbid();
        if (photo is null || photo.Length == 0) Show(lang["请选择照片文件。", "Choose a photo file."], false);
        else if (photo.Length > RepresentativePhotos.MaxBytes) Show(lang["照片不能超过 5 MB。", "The photo must be at most 5 MB."], false);
        else
        {
            using var ms = new MemoryStream();
            await photo.CopyToAsync(ms, ct);
            var result = await photos.SaveAsync(id, ms.ToArray(), ct);
            if (result.Status == 404) return NotFound();
            if (result.Ok) return RedirectToPage(new { id });
            Show(result.Message(lang.IsEnglish), false);
        }
        Response.StatusCode = 400;
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var rep = await queries.DetailAsync(id, ct);
        if (rep is null) return false;
        Rep = rep;
        CanEdit = rep.AllowedActions.Contains("edit");
        return true;
    }

    private void Show(string message, bool ok)
    {
        Message = message;
        MessageOk = ok;
    }

    public string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd") ?? "";
}
