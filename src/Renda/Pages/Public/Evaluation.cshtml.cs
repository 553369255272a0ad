using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Performance;
using Renda.Platform.Ui;

namespace Renda.Pages.Public;

/// <summary>/p/e/{code}: 民主测评 on a phone. The attendee types the code on their slip and chooses a rating; one vote per code.</summary>
public sealed class EvaluationModel(Reporting reporting, Lang lang) : PageModel
{
    [BindProperty] public string? AttendeeCode { get; set; }
    [BindProperty] public string? Rating { get; set; }

    public string? RepresentativeName { get; private set; }
    public ReportingMeeting? Meeting { get; private set; }
    public string? Message { get; private set; }
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct) => await LoadAsync(code, ct);

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        var r = await reporting.VoteByPhoneAsync(code, new VoteInput(AttendeeCode, Rating), ct);
        if (r.Status == 404) return NotFound();
        Done = r.Ok;
        Message = r.Ok ? lang["感谢您的评议，已记录", "Thank you; your vote is recorded"] : r.Message(lang.IsEnglish);
        return await LoadAsync(code, ct);
    }

    private async Task<IActionResult> LoadAsync(string code, CancellationToken ct)
    {
        if (await reporting.PublicAsync(code, ct) is not { } found) return NotFound();
        (RepresentativeName, Meeting) = found;
        return Page();
    }
}
