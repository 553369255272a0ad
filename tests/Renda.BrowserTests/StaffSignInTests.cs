using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Renda.BrowserTests.Infrastructure;
using Renda.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Renda.BrowserTests;

public sealed partial class StaffSignInTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task Staff_signs_in_and_reaches_the_workbench() => OnPageAsync(async s =>
    {
        var login = await new LoginPage(s.Page).OpenAsync();

        await login.SignInAsync(RendaServer.StaffUserName, RendaServer.DemoPassword);

        var workbench = new WorkbenchPage(s.Page);
        await Expect(s.Page).ToHaveURLAsync(WorkbenchUrl());
        await Expect(workbench.Heading).ToContainTextAsync("工作台");
        await Expect(workbench.TopBar).ToContainTextAsync(RendaServer.StaffUserName);
        await Expect(workbench.SignOutButton).ToBeVisibleAsync();
        await Expect(workbench.MenuLink("工作台")).ToHaveAttributeAsync("aria-current", "page");
    });

    [Fact]
    public Task A_wrong_password_shows_an_error_and_stays_on_the_login_page() => OnPageAsync(async s =>
    {
        var login = await new LoginPage(s.Page).OpenAsync();

        await login.SignInAsync(RendaServer.StaffUserName, "Wrong-Pass-2026");

        await Expect(login.Error.Filter(new() { HasTextRegex = NonBlank() }).First).ToBeVisibleAsync();
        await Expect(s.Page).ToHaveURLAsync(LoginUrl());
        await Expect(login.UserName).ToBeVisibleAsync();

        // and no session was made: the workbench still sends us to sign in
        await s.Page.GotoAsync(WorkbenchPage.Path);
        await Expect(s.Page).ToHaveURLAsync(LoginUrl());
    });

    [GeneratedRegex(@"/workbench/?(\?.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex WorkbenchUrl();

    [GeneratedRegex(@"/account/login/?(\?.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex LoginUrl();

    [GeneratedRegex(@"\S")]
    private static partial Regex NonBlank();
}
