using Microsoft.Playwright;

namespace Renda.BrowserTests.Pages;

/// <summary>/suggestions/new: a representative's filing form.</summary>
public sealed class NewSuggestionPage(IPage page)
{
    public ILocator Title => page.GetByLabel("标题", new() { Exact = true });
    public ILocator Body => page.GetByLabel("内容", new() { Exact = true });
    public ILocator Category => page.GetByLabel("类别", new() { Exact = true });
    public ILocator CoSigners => page.GetByLabel("邀请联名代表（可多选）");
    public ILocator Save => page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" });
}

/// <summary>/suggestions/{id}: the suggestion with the caller's actions as forms.</summary>
public sealed class SuggestionPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator State => page.GetByTestId("state");
    public ILocator Flash => page.GetByRole(AriaRole.Status);
    public ILocator Reply => page.GetByTestId("reply");
    public ILocator CoSign => page.GetByRole(AriaRole.Button, new() { Name = "确认联名" });

    /// <summary>The form of one workflow action (its fields and its button).</summary>
    public ILocator Action(string action) => page.Locator($"form[data-action='{action}']");
    public ILocator Do(string action) => Action(action).GetByRole(AriaRole.Button);
    public ILocator Choice(string action, string label) => Action(action).GetByLabel(label, new() { Exact = true });
}

/// <summary>/suggestions/dashboard: the rates.</summary>
public sealed class SuggestionDashboardPage(IPage page)
{
    public const string Path = "/suggestions/dashboard";
    public ILocator SatisfactionRate => page.GetByTestId("satisfaction-rate");
    public ILocator SolvedRate => page.GetByTestId("solved-rate");
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    /// <summary>A chart once suggestion-dashboard.js has drawn it (it marks the container).</summary>
    public ILocator DrawnChart(string name) => page.Locator($"[data-chart=\"{name}\"][data-chart-ready=\"true\"]");
}
