using Microsoft.Playwright;
using Renda.BrowserTests.Infrastructure;
using Renda.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Renda.BrowserTests;

public sealed class PortalTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    /// <summary>A phone of 2024 (iPhone 14/15 class): 390×844 CSS pixels at 3×, touch.</summary>
    private static BrowserNewContextOptions Phone() => new()
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        IsMobile = true,
        HasTouch = true,
        DeviceScaleFactor = 3,
    };

    [Fact]
    public Task The_home_page_fits_a_phone_in_Chinese() => OnPageAsync(async s =>
    {
        var home = await new PortalHomePage(s.Page).OpenAsync();

        await Expect(home.Html).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(home.Heading.First).ToBeVisibleAsync();
        var widths = await home.WidthsAsync();
        // 390 proves the page sets a device-width viewport (otherwise the phone lays it out at 980px)
        Assert.Equal(390, widths[0]);
        Assert.True(widths[1] <= widths[0], $"the page scrolls sideways on a phone: scrollWidth {widths[1]} > innerWidth {widths[0]}");
    }, Phone());

    [Fact]
    public Task The_English_link_switches_the_page_language() => OnPageAsync(async s =>
    {
        var home = await new PortalHomePage(s.Page).OpenAsync();
        await Expect(home.Html).ToHaveAttributeAsync("lang", "zh-CN");

        await home.EnglishLink.ClickAsync();

        await Expect(home.Html).ToHaveAttributeAsync("lang", "en");
        await s.Page.ReloadAsync(); // the choice is remembered, not a one-off
        await Expect(home.Html).ToHaveAttributeAsync("lang", "en");
    });
}
