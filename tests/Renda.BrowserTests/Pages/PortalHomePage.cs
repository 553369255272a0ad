using Microsoft.Playwright;

namespace Renda.BrowserTests.Pages;

/// <summary>/: the public portal home, mobile first.</summary>
public sealed class PortalHomePage(IPage page)
{
    public ILocator Html => page.Locator("html");
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator EnglishLink => page.GetByRole(AriaRole.Link, new() { Name = "English", Exact = true });

    public async Task<PortalHomePage> OpenAsync()
    {
        await page.GotoAsync("/");
        return this;
    }

    /// <summary>Width of the layout viewport and of the document: equal unless something overflows sideways.</summary>
    public Task<int[]> WidthsAsync() =>
        page.EvaluateAsync<int[]>("() => [window.innerWidth, document.documentElement.scrollWidth]");
}
