using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Stations;
using Renda.Platform.Http;
using Renda.Platform.Ui;

namespace Renda.Pages.Stations;

/// <summary>编组进站 for one station: who serves here now, who could join (nearest first), the history.</summary>
[Authorize(Roles = StationPages.StaffRoles)]
public sealed class AssignmentsModel(StationDirectory directory, StationAssignments assignments, Lang lang) : PageModel
{
    [BindProperty] public List<long> Add { get; set; } = [];
    [BindProperty] public long? Other { get; set; }
    [BindProperty] public string? StartedOn { get; set; }
    [BindProperty(SupportsGet = true, Name = "hp")] public int? HistoryPage { get; set; }

    public StationDetail Station { get; private set; } = null!;
    public IReadOnlyList<AssignmentCandidate> Candidates { get; private set; } = [];
    public Paged<AssignmentHistoryItem> History { get; private set; } = new([], 0, 1, 20);
    public string? Message { get; private set; }
    public bool MessageOk { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAddAsync(long id, CancellationToken ct)
    {
        var ids = Add.Concat(Other is { } o ? [o] : Array.Empty<long>()).ToList();
        var result = await assignments.AssignAsync(id, ids, StartedOn, ct);
        Show(result.Ok ? lang[$"已编入 {result.Value} 名代表", $"{result.Value} representative(s) assigned"] : result.Message(lang.IsEnglish), result.Ok);
        if (result.Ok) Add = [];
        return await LoadAsync(id, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostEndAsync(long id, long representativeId, string? endedOn, CancellationToken ct)
    {
        var result = await assignments.EndAsync(id, representativeId, endedOn, ct);
        Show(result.Ok ? lang["已调出", "Assignment ended"] : result.Message(lang.IsEnglish), result.Ok);
        return await LoadAsync(id, ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var detail = await directory.DetailAsync(id, lang.IsEnglish, ct);
        if (!detail.Ok) return NotFound();
        Station = detail.Value!;
        Candidates = (await assignments.CandidatesAsync(id, ct)).Value!;
        History = (await assignments.HistoryAsync(id, HistoryPage, 20, ct)).Value!;
        return null;
    }

    private void Show(string message, bool ok) => (Message, MessageOk) = (message, ok);
}
