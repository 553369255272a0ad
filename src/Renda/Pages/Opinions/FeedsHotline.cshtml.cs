using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Opinions;
using Renda.Platform.Auth;
using Renda.Platform.Ui;

namespace Renda.Pages.Opinions;

[Authorize(Roles = Roles.CongressStaff)]
[RequestSizeLimit(HotlineImport.MaxBytes + 1024 * 1024)]
public sealed class FeedsHotlineModel(HotlineImport import, Lang lang) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }

    public HotlineImportReport? Report { get; private set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            Error = lang["请选择要导入的文件", "Choose a file to import"];
            return Page();
        }
        if (Upload.Length > HotlineImport.MaxBytes)
        {
            Error = lang["文件不能超过10MB", "The file may not exceed 10 MB"];
            return Page();
        }
        using var ms = new MemoryStream();
        await Upload.CopyToAsync(ms, ct);
        var result = await import.ImportFileAsync(ms.ToArray(), ct);
        if (result.Ok) Report = result.Value;
        else Error = result.Message(lang.IsEnglish);
        return Page();
    }
}
