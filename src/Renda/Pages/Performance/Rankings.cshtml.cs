using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Performance;
using Renda.Platform.Auth;
using Renda.Platform.Ui;

namespace Renda.Pages.Performance;

/// <summary>Rankings by delegation group, professional group or jurisdiction, with stars and 前十; and the warnings list.</summary>
[Authorize(Roles = Roles.CongressStaff + "," + Roles.Leader)]
public sealed class RankingsModel(Scoring scoring, Lang lang) : PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? Year { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? By { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public int? Months { get; set; }

    public IReadOnlyList<RankingGroup> Groups { get; private set; } = [];
    public IReadOnlyList<PerformanceWarning> Warnings { get; private set; } = [];
    public string? Error { get; private set; }
    public int SelectedYear { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        By ??= "delegation_group";
        SelectedYear = scoring.ParseYear(Year) ?? scoring.ParseYear(null)!.Value;
        var r = await scoring.RankingsAsync(Year, By, ct);
        if (r.Ok) Groups = r.Value!;
        else Error = r.Message(lang.IsEnglish);
        var w = await scoring.WarningsAsync(Months, ct);
        if (w.Ok) Warnings = w.Value!;
        else Error = w.Message(lang.IsEnglish);
    }

    public static string Stars(int n) => new string('★', n) + new string('☆', 5 - n);
}
