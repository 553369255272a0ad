using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Suggestions;
using Renda.Platform.Ui;

namespace Renda.Pages.Suggestions;

/// <summary>/suggestions/dashboard: the rates by session, unit, category and kind, as ECharts charts
/// (wwwroot/js/suggestion-dashboard.js reads them from a JSON block: the CSP allows no inline script) and tables; exports.</summary>
[Authorize(Roles = SuggestionPages.Overseers)]
public sealed class DashboardModel(SuggestionReports reports, SuggestionQueries queries, Lang lang) : PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? Session { get; set; }
    public SuggestionStats? Stats { get; private set; }
    public IReadOnlyList<(long Id, string Title, long TermId)> Sessions { get; private set; } = [];
    public string? Error { get; private set; }
    /// <summary>The charts' data (JSON; the serializer escapes &lt; and &gt;, so it is safe inside the script block).</summary>
    public string ChartJson { get; private set; } = "{}";
    public bool HasData => Stats is { Total.Registered: > 0 };

    public async Task OnGetAsync(CancellationToken ct)
    {
        Sessions = await queries.SessionsAsync(ct);
        var r = await reports.StatsAsync(null, Session, lang.IsEnglish, ct);
        if (r.Ok) Stats = r.Value;
        else Error = r.Message(lang.IsEnglish);
        if (Stats is { } st) ChartJson = JsonSerializer.Serialize(Chart(st), new JsonSerializerOptions(JsonSerializerDefaults.Web));
    }

    private object Chart(SuggestionStats st)
    {
        static object Rows(IEnumerable<SuggestionRates> rows) => rows.Select(r => new
        {
            name = r.Label, registered = r.Registered, solvedRate = r.SolvedRate, satisfactionRate = r.SatisfactionRate, onTimeRate = r.OnTimeRate,
        });
        return new
        {
            labels = new
            {
                registered = lang["立案", "Registered"], solvedRate = lang["办成率", "Solved rate"],
                satisfactionRate = lang["满意率", "Satisfaction"], onTimeRate = lang["按时答复率", "On time"],
            },
            sessions = Rows(st.BySession), units = Rows(st.ByUnit), categories = Rows(st.ByCategory), kinds = Rows(st.ByKind),
        };
    }

    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.#") + "%" : "—";
}
