using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Performance;
using Renda.Platform.Auth;
using Renda.Platform.Calendar;
using Renda.Platform.Http;
using Renda.Platform.Ui;

namespace Renda.Pages.Performance;

/// <summary>自主登记: a representative registers an activity the system cannot see, with a photo or PDF as evidence.</summary>
[Authorize(Roles = Roles.Representative)]
[RequestFormLimits(MultipartBodyLengthLimit = Evidence.MaxBytes + 1024 * 1024)]
[RequestSizeLimit(Evidence.MaxBytes + 1024 * 1024)]
public sealed class RegisterModel(SelfRegistration registration, TimeProvider clock, Lang lang) : PageModel
{
    [BindProperty] public string? Date { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    public Paged<SelfReportListItem> Mine { get; private set; } = new([], 0, 1, Paging.DefaultPageSize);
    public string? Message { get; private set; }
    public bool MessageOk { get; private set; }
    public string Today => ChinaTime.Format(ChinaTime.Today(clock));

    public async Task OnGetAsync(CancellationToken ct)
    {
        Date ??= Today;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        byte[]? bytes = null;
        if (Upload is { Length: > 0 })
        {
            if (Upload.Length > Evidence.MaxBytes) { Message = "证明材料不能超过 8 MB / the evidence must be at most 8 MB"; await LoadAsync(ct); return Page(); }
            using var buffer = new MemoryStream();
            await Upload.CopyToAsync(buffer, ct);
            bytes = buffer.ToArray();
        }
        var r = await registration.SubmitAsync(new SelfReportInput(DutyKinds.SelfReported, Date, Description), bytes, Upload?.FileName, ct);
        MessageOk = r.Ok;
        Message = r.Ok ? lang["已提交，待工作人员审核；审核通过后计入积分", "Submitted; it scores once staff approve it"] : r.Message(lang.IsEnglish);
        if (r.Ok) { Description = null; Date = Today; }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var list = await registration.ListAsync(null, 1, 50, ct);
        if (list.Ok) Mine = list.Value!;
    }

    public string StateLabel(string state) => SelfReportWorkflow.Definition.StateLabel(state).For(lang.IsEnglish);
}
