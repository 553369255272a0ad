using Microsoft.Playwright;

namespace Renda.BrowserTests.Pages;

/// <summary>/workbench: where staff land after signing in.</summary>
public sealed class WorkbenchPage(IPage page)
{
    public const string Path = "/workbench";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Navigation => page.GetByRole(AriaRole.Navigation);

    /// <summary>The navigation landmark that carries the signed-in user's name.</summary>
    public ILocator UserNavigation(string displayName) => Navigation.Filter(new() { HasText = displayName });

    public ILocator SignOutButton(string displayName) =>
        UserNavigation(displayName).GetByRole(AriaRole.Button, new() { Name = "退出", Exact = true });
}
