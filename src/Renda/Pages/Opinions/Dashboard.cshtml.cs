using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Opinions;
using Renda.Platform.Auth;
using Renda.Platform.Calendar;
using Renda.Platform.Ui;

namespace Renda.Pages.Opinions;

/// <summary>民意数据看板: the figures of <c>GET /api/opinions/stats</c> as KPI tiles, ECharts charts
/// (wwwroot/js/opinion-dashboard.js reads them from a JSON data block; the CSP allows no inline script) and
/// the tables under them, for a period picked on the page; exported by <c>/api/opinions/stats.xlsx</c>.</summary>
[Authorize(Roles = Roles.CongressStaff + "," + Roles.Leader)]
public sealed class DashboardModel(OpinionStats stats, Lang lang, TimeProvider clock) : PageModel
{
    public OpinionStatsResult? Result { get; private set; }
    public string? Error { get; private set; }
    public string From { get; private set; } = "";
    public string To { get; private set; } = "";
    public string ChartJson { get; private set; } = "{}";
    public IReadOnlyList<(string Label, string From, string To)> Shortcuts { get; private set; } = [];

    public bool Empty => Result is { } r && r.Totals is { Received: 0, Due: 0, Replied: 0, Rated: 0 };

    public async Task<IActionResult> OnGetAsync(string? from, string? to, CancellationToken ct)
    {
        (From, To) = (from?.Trim() ?? "", to?.Trim() ?? "");
        var today = ChinaTime.Today(clock);
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        Shortcuts =
        [
            (lang["近12个月", "Last 12 months"], ChinaTime.Format(monthStart.AddMonths(-11)), ChinaTime.Format(today)),
            (lang["本年", "This year"], ChinaTime.Format(new DateOnly(today.Year, 1, 1)), ChinaTime.Format(today)),
            (lang["本月", "This month"], ChinaTime.Format(monthStart), ChinaTime.Format(today)),
            (lang["上月", "Last month"], ChinaTime.Format(monthStart.AddMonths(-1)), ChinaTime.Format(monthStart.AddDays(-1))),
            (lang["上一年", "Last year"], ChinaTime.Format(new DateOnly(today.Year - 1, 1, 1)), ChinaTime.Format(new DateOnly(today.Year - 1, 12, 31))),
        ];
        var period = stats.ReadPeriod(from, to);
        if (!period.Ok)
        {
            Error = period.Message(lang.IsEnglish);
            return Page();
        }
        Result = await stats.BuildAsync(period.Value!, ct);
        (From, To) = (ChinaTime.Format(Result.From), ChinaTime.Format(Result.To));
        ChartJson = JsonSerializer.Serialize(Chart(Result), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        return Page();
    }

    /// <summary>When the figures were computed, China time (yyyy-MM-dd HH:mm).</summary>
    public string AsOfChina => Result is { } r ? ChinaTime.FormatInstant(r.AsOf) : "";

    public string Query => $"?from={Uri.EscapeDataString(From)}&to={Uri.EscapeDataString(To)}";

    public string Name(StatsRow row, string breakdown) => row.Key == "none"
        ? breakdown switch
        {
            "unit" => lang["未交办", "Not assigned"],
            "station" => lang["未经家站点", "Not through a station"],
            _ => lang["未分类", "Uncategorized"],
        }
        : breakdown == "category" ? OpinionCategories.Label(row.Key, lang.IsEnglish) : row.Name;

    public static string Percent(decimal? rate) =>
        rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>What the charts draw, with their labels in the page's language.</summary>
    private object Chart(OpinionStatsResult r) => new
    {
        labels = new
        {
            received = lang["收到件数", "Received"],
            completionRate = lang["办结率", "Completion rate"],
            onTimeRate = lang["按期率", "On-time rate"],
            satisfactionRate = lang["满意率", "Satisfaction rate"],
        },
        months = r.ByMonth.Select(m => new { m.Key, m.Received, m.CompletionRate, m.OnTimeRate, m.SatisfactionRate }),
        states = r.ByState.Where(s => s.Count > 0).Select(s => new { name = lang.IsEnglish ? s.LabelEn : s.Label, value = s.Count }),
        categories = r.ByCategory.Where(c => c.Received > 0).Select(c => new { name = Name(c, "category"), value = c.Received }),
        townships = r.ByTownship.Where(t => t.Received > 0).Select(t => new { name = t.Name, value = t.Received }),
        units = r.ByUnit.Where(u => u.Key != "none" && u.Due > 0).Take(15)
            .Select(u => new { name = u.Name, completionRate = u.CompletionRate, onTimeRate = u.OnTimeRate }),
    };
}

/// <summary>One table under the dashboard's charts.</summary>
public sealed record DashboardTable(string Title, string Heading, string Breakdown, IReadOnlyList<StatsRow> Rows, DashboardModel Page);
