using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Suggestions;
using Renda.Platform.Ui;

namespace Renda.Pages.Suggestions;

/// <summary>/suggestions/dashboard: the rates by session, unit, category and kind, as bars; exports.</summary>
[Authorize(Roles = SuggestionPages.Overseers)]
public sealed class DashboardModel(SuggestionReports reports, SuggestionQueries queries, Lang lang) : PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? Session { get; set; }
    public SuggestionStats? Stats { get; private set; }
    public IReadOnlyList<(long Id, string Title, long TermId)> Sessions { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Sessions = await queries.SessionsAsync(ct);
        var r = await reports.StatsAsync(null, Session, lang.IsEnglish, ct);
        if (r.Ok) Stats = r.Value;
        else Error = r.Message(lang.IsEnglish);
    }

    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.#") + "%" : "—";
}
