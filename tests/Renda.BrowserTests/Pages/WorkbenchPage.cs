using Microsoft.Playwright;

namespace Renda.BrowserTests.Pages;

/// <summary>/workbench: where staff land after signing in.</summary>
public sealed class WorkbenchPage(IPage page)
{
    public const string Path = "/workbench";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>The top bar (banner landmark): brand, language switch, and the signed-in account.</summary>
    public ILocator TopBar => page.GetByRole(AriaRole.Banner);
    public ILocator SignOutButton => TopBar.GetByRole(AriaRole.Button, new() { Name = "退出", Exact = true });

    /// <summary>The role-based menu.</summary>
    public ILocator MainNavigation => page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" });
    public ILocator MenuLink(string name) => MainNavigation.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
}
