using Microsoft.Playwright;

namespace Renda.BrowserTests.Pages;

/// <summary>/opinions: the inbox of staff, units, leaders and representatives.</summary>
public sealed class OpinionInboxPage(IPage page)
{
    public ILocator Search => page.GetByLabel("全文检索", new() { Exact = true });
    public ILocator SearchButton => page.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true });
    public ILocator Tab(string name) => page.GetByRole(AriaRole.Navigation, new() { Name = "按状态" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
    public ILocator Table => page.GetByRole(AriaRole.Table);
    public ILocator Opinion(string contentStart) => Table.GetByRole(AriaRole.Link, new() { Name = contentStart });

    public async Task FindAsync(string text)
    {
        await Search.FillAsync(text);
        await SearchButton.ClickAsync();
    }
}

/// <summary>/opinions/{id}: one opinion with a form per allowed action.</summary>
public sealed class OpinionPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Flash => page.GetByRole(AriaRole.Status);
    public ILocator Form(string action) => page.GetByRole(AriaRole.Form, new() { Name = action, Exact = true });
    public ILocator Submit(string action) => Form(action).GetByRole(AriaRole.Button, new() { Name = action, Exact = true });
    public ILocator History => page.GetByRole(AriaRole.Heading, new() { Name = "办理记录" }).Locator("xpath=..");
    public ILocator Handling => page.GetByRole(AriaRole.Heading, new() { Name = "办理情况" }).Locator("xpath=..");
}
