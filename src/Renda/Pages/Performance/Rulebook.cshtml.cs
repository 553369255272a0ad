using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Performance;
using Renda.Platform.Auth;
using Renda.Platform.Ui;

namespace Renda.Pages.Performance;

/// <summary>The yearly rulebook as data: the version in force as an editable table (blank rows add
/// criteria, clearing a row removes it); saving writes a new version and shows what it changed.</summary>
[Authorize(Roles = Roles.CongressStaff)]
public sealed class RulebookModel(Scoring scoring, Lang lang) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Year { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public List<CriterionInput> Criteria { get; set; } = [];

    public int SelectedYear { get; private set; }
    public IReadOnlyList<RulebookView> Versions { get; private set; } = [];
    public RulebookChange? Change { get; private set; }
    public IDictionary<string, string[]>? Errors { get; private set; }
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var current = Versions.FirstOrDefault();
        Name = current?.Name ?? $"{SelectedYear}年度代表履职积分办法";
        Note = current?.Note;
        Criteria = current?.Criteria.Select(c => new CriterionInput(c.Code, c.Name, string.Join(",", c.Counts),
            c.PointsPerRecord.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
            c.Cap?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture))).ToList() ?? [];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var year = scoring.ParseYear(Year);
        if (year is null) { Message = lang["年份无效", "Invalid year"]; await LoadAsync(ct); return Page(); }
        var r = await scoring.SaveAsync(year.Value, new RulebookInput(Name, Note, Criteria), ct);
        if (r.Ok) Change = r.Value;
        else { Errors = r.Errors; Message = r.Message(lang.IsEnglish); }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        SelectedYear = scoring.ParseYear(Year) ?? scoring.ParseYear(null)!.Value;
        Year = SelectedYear.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Versions = await scoring.VersionsAsync(SelectedYear, ct);
    }

    public string? ErrorFor(int i, string field) =>
        Errors is not null && Errors.TryGetValue($"criteria[{i}].{field}", out var e) ? string.Join(" ", e) : null;
}
