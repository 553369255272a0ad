using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Representatives;
using Renda.Platform.Auth;
using Renda.Platform.Ui;

namespace Renda.Pages.Representatives;

/// <summary>/representatives/import: upload a roster file, see every bad row with its line and reason,
/// then import the whole file or nothing. Works as a plain form; /js/roster-import.js adds upload
/// progress and shows the result without leaving the page (it asks for the result fragment only).</summary>
[Authorize(Roles = Roles.CongressStaff)]
[RequestSizeLimit(RosterImport.MaxFileBytes + 4 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = RosterImport.MaxFileBytes + 2 * 1024 * 1024)]
public sealed class ImportModel(RosterImport import, Lang lang) : PageModel
{
    public ImportResultView? Result { get; private set; }

    public void OnGet() { }

    public Task<IActionResult> OnPostPreviewAsync(IFormFile? file, CancellationToken ct) => RunAsync(file, commit: false, ct);

    public Task<IActionResult> OnPostCommitAsync(IFormFile? file, CancellationToken ct) => RunAsync(file, commit: true, ct);

    private async Task<IActionResult> RunAsync(IFormFile? file, bool commit, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            Result = ImportResultView.Refusal(lang["请选择要导入的 .xlsx 或 .csv 文件。", "Choose an .xlsx or .csv file to import."]);
        else if (file.Length > RosterImport.MaxFileBytes)
            Result = ImportResultView.Refusal(lang["文件超过 20 MB。", "The file is larger than 20 MB."]);
        else
        {
            using var ms = new MemoryStream((int)file.Length);
            await file.CopyToAsync(ms, ct);
            var outcome = commit ? await import.CommitAsync(file.FileName, ms.ToArray(), ct) : await import.PreviewAsync(file.FileName, ms.ToArray(), ct);
            Result = outcome.Ok
                ? new ImportResultView(outcome.Value, null, commit, file.FileName)
                : ImportResultView.Refusal(outcome.Message(lang.IsEnglish) + (outcome.Detail is { } code ? $" ({code})" : ""));
        }
        if (Result.Refused is not null || Result.Report is { ErrorCount: > 0 }) Response.StatusCode = 400;
        // The script asks for the result only; a plain form post gets the whole page.
        return Request.Headers["X-Requested-With"] == "XMLHttpRequest" ? Partial("_ImportResult", Result) : Page();
    }
}

/// <summary>What the import page shows after an upload: the report, or why the file was refused.</summary>
public sealed record ImportResultView(ImportReport? Report, string? Refused, bool Commit, string? FileName)
{
    public static ImportResultView Refusal(string reason) => new(null, reason, false, null);
}
