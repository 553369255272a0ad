using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Renda.Modules.Opinions;
using Renda.Modules.PublicCodes;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Ui;

namespace Renda.Pages.Public;

/// <summary>What the citizen types on the opinion form (photos come as files).</summary>
public sealed class PublicOpinionForm
{
    public string? Content { get; set; }
    public string? Category { get; set; }
    public string? Location { get; set; }
    public string? SubmitterName { get; set; }
    public string? Phone { get; set; }
    public bool Consent { get; set; }
}

/// <summary>The citizen's opinion form, addressed to a station (<c>/p/s/{code}/opinion</c>), a representative
/// (<c>/p/r/{code}/opinion</c>) or the congress in general (<c>/p/opinion</c>). One submission is one opinion
/// and its photos, in one transaction, through <see cref="SubmitOpinion.FromPublicAsync"/>; the personal-information
/// notice must be agreed to. Bad input shows the form again with every field's reason and what was typed.
/// POSTs count against the <c>public-submissions</c> rate limit.</summary>
[EnableRateLimiting(PublicSubmissionsRateLimit.Policy)]
[RequestSizeLimit(MaxBody)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBody)]
public abstract class PublicOpinionFormPage(SubmitOpinion submit, OpinionAttachments attachments, AppDbContext db, ICurrentUser user, Lang lang)
    : PageModel
{
    private const long MaxBody = (long)OpinionAttachments.MaxPhotos * OpinionAttachmentsFiles.MaxBytes + 1024 * 1024;
    public const string TrackingCodeKey = "OpinionTrackingCode";

    [BindProperty] public PublicOpinionForm Form { get; set; } = new();
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    /// <summary>To whom it goes, as the heading says it (a station's or a representative's name), or null for the general form.</summary>
    public string? Addressee { get; protected set; }
    public CodeState State { get; protected set; } = CodeState.Active;

    public string? Err(string field) => Errors.TryGetValue(field, out var e) ? string.Join(" ", e) : null;

    protected async Task<IActionResult> SubmitAsync(string? stationCode, string? representativeCode, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Form.Consent)
            errors["consent"] = [lang["请阅读并同意个人信息保护说明后提交", "Please read and agree to the personal-information notice"]];
        var uploads = await OpinionAttachmentsApi.ReadFilesAsync(Request.HasFormContentType ? Request.Form.Files.GetFiles("photos") : [], ct);
        List<SniffedFile> photos = [];
        if (uploads is null) errors["photos"] = [lang["单张照片不能超过10MB", "A photo may not exceed 10 MB"]];
        else
        {
            var (files, error) = OpinionAttachments.CheckPhotos(uploads, lang.IsEnglish);
            if (error is not null) errors["photos"] = [error];
            photos = files;
        }

        // The one use case validates every field; when the page's own checks failed, what it created is rolled back,
        // so the citizen sees all reasons at once and nothing is stored.
        await using var tx = await db.BeginWriteTransactionAsync(ct);
        var result = await submit.FromPublicAsync(new OpinionInput
        {
            Content = Form.Content, Category = Form.Category, Location = Form.Location, SubmitterName = Form.SubmitterName,
            Phone = Form.Phone, StationCode = stationCode, RepresentativeCode = representativeCode, Consent = Form.Consent,
        }, user, ct);
        if (result.Errors is not null) foreach (var e in result.Errors) errors[e.Key] = e.Value;
        if (!result.Ok || errors.Count > 0)
        {
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            if (errors.Count == 0) errors[""] = [result.Message(lang.IsEnglish)];
            if (photos.Count > 0 || uploads is null || errors.ContainsKey("photos"))
                errors.TryAdd("photos", [lang["请重新选择照片", "Please choose the photos again"]]);
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var submitted = result.Value!;
        if (photos.Count > 0)
        {
            var jurisdiction = db.Set<Opinion>().Local.Single(o => o.Id == submitted.Id).JurisdictionCode;
            attachments.Add(submitted.Id, jurisdiction, OpinionAttachmentKinds.Photo, photos);
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        TempData[TrackingCodeKey] = submitted.TrackingCode;
        return Redirect("/p/opinion/thanks");
    }
}
