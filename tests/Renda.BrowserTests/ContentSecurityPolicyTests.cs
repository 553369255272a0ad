using Microsoft.Playwright;
using Renda.BrowserTests.Infrastructure;
using Renda.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Renda.BrowserTests;

/// <summary>The CSP allows scripts only from files of our own origin: a page that relies on an
/// inline script (or handler) is broken in a real browser, which is what this catches.</summary>
public sealed class ContentSecurityPolicyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task The_home_page_and_the_workbench_run_no_inline_script() => OnPageAsync(async s =>
    {
        await new PortalHomePage(s.Page).OpenAsync();
        await s.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var login = await new LoginPage(s.Page).OpenAsync();
        await login.SignInAsync(RendaServer.StaffUserName, RendaServer.DemoPassword);
        await Expect(new WorkbenchPage(s.Page).Heading).ToContainTextAsync("工作台");
        await s.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var refused = s.ConsoleErrors.Where(e => e.Contains("Refused to execute", StringComparison.Ordinal)).ToList();
        Assert.True(refused.Count == 0, "CSP refused scripts:" + Environment.NewLine + string.Join(Environment.NewLine, refused));
        Assert.True(s.PageErrors.Count == 0, "Script errors:" + Environment.NewLine + string.Join(Environment.NewLine, s.PageErrors));
    });
}
