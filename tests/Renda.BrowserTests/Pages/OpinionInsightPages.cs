using Microsoft.Playwright;

namespace Renda.BrowserTests.Pages;

/// <summary>/opinions/dashboard: KPI tiles, ECharts charts, tables.</summary>
public sealed class OpinionDashboardPage(IPage page)
{
    public const string Path = "/opinions/dashboard";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Kpi(string name) => page.Locator($"[data-kpi=\"{name}\"]");
    /// <summary>A chart once opinion-dashboard.js has drawn it (it marks the container).</summary>
    public ILocator DrawnChart(string name) => page.Locator($"[data-chart=\"{name}\"][data-chart-ready=\"true\"]");

    public async Task<OpinionDashboardPage> OpenAsync(string query = "")
    {
        await page.GotoAsync(Path + query);
        return this;
    }
}

/// <summary>/opinions/hot-topics: clusters of similar opinions with a proposal form each.</summary>
public sealed class HotTopicsPage(IPage page)
{
    public const string Path = "/opinions/hot-topics";

    public ILocator Topics => page.Locator("li.hot-topic");
    public ILocator ProposeToggle(ILocator topic) => topic.GetByText("提为监督议题或民生实事候选项目");
    public ILocator Title(ILocator topic) => topic.GetByLabel("标题");
    public ILocator Kind(ILocator topic) => topic.GetByLabel("类型");
    public ILocator Submit(ILocator topic) => topic.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^提出") });

    public async Task<HotTopicsPage> OpenAsync()
    {
        await page.GotoAsync(Path);
        return this;
    }
}
