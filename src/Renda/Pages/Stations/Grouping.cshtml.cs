using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Stations;
using Renda.Platform.Http;
using Renda.Platform.Ui;

namespace Renda.Pages.Stations;

public sealed class GroupingRow
{
    public long RepresentativeId { get; set; }
    public long? StationId { get; set; }
    public bool Confirm { get; set; }
}

/// <summary>编组进站 就近: representatives without a station, each with the nearest stations proposed;
/// staff tick the ones to confirm (the first proposal is preselected).</summary>
[Authorize(Roles = StationPages.StaffRoles)]
public sealed class GroupingModel(StationAssignments assignments, Lang lang) : PageModel
{
    public const int PageSize = 50;

    [BindProperty] public List<GroupingRow> Rows { get; set; } = [];
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public Paged<GroupingSuggestion> Suggestions { get; private set; } = new([], 0, 1, PageSize);
    public string? Message { get; private set; }
    public bool MessageOk { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task OnPostAsync(CancellationToken ct)
    {
        var pairs = Rows.Where(r => r.Confirm && r.StationId is not null)
            .Select(r => new AssignmentPair(r.RepresentativeId, r.StationId!.Value)).ToList();
        var result = await assignments.ConfirmAsync(pairs, ct);
        (Message, MessageOk) = result.Ok
            ? (lang[$"已确认 {result.Value} 名代表进站", $"{result.Value} representative(s) assigned"], true)
            : (result.Message(lang.IsEnglish), false);
        await LoadAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var result = await assignments.SuggestionsAsync(PageNumber, PageSize, ct);
        Suggestions = result.Value!;
    }

    public string ProximityLabel(Proximity p) => p switch
    {
        Proximity.SameVillage => lang["同村（社区）", "same village"],
        Proximity.SameTownship => lang["同乡镇（街道）", "same township"],
        _ => lang["同县", "same county"],
    };
}
