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

        Assert.True(s.RefusedScripts.Count == 0, "CSP refused scripts:" + Environment.NewLine + string.Join(Environment.NewLine, s.RefusedScripts));
        Assert.True(s.PageErrors.Count == 0, "Script errors:" + Environment.NewLine + string.Join(Environment.NewLine, s.PageErrors));
    });

    [Fact]
    public Task An_inline_script_slipped_into_a_page_does_not_run() => OnPageAsync(async s =>
    {
        // What an XSS would do: the server's real response (with its CSP header), plus an inline script.
        // This also proves the check above can see a refusal in this Chromium.
        await s.Page.RouteAsync(url => new Uri(url).AbsolutePath == "/", async route =>
        {
            var response = await route.FetchAsync();
            var html = (await response.TextAsync()).Replace("</body>", "<script>window.injected = true;</script></body>", StringComparison.Ordinal);
            await route.FulfillAsync(new() { Response = response, Body = html });
        });

        var refusal = await s.Page.RunAndWaitForConsoleMessageAsync(
            () => s.Page.GotoAsync("/"),
            new() { Predicate = m => BrowserSession.IsRefusedScript(m.Text) });

        Assert.Equal("error", refusal.Type);
        Assert.False(await s.Page.EvaluateAsync<bool>("() => window.injected === true"), "the injected inline script ran");
    });
}
