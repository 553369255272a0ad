using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Renda.BrowserTests.Infrastructure;
using Renda.BrowserTests.Pages;
using Renda.Modules.Stations;
using Renda.Platform.Data;
using Renda.Platform.Http;
using static Microsoft.Playwright.Assertions;

namespace Renda.BrowserTests;

/// <summary>代表码/家站码 end to end: staff open a station's QR page, print it and download the PNG; the
/// PNG is decoded in Chromium with jsQR and the URL it holds opens the station's page on a phone. A
/// revoked code shows the polite page, the regenerated one works, an unknown one gets a polite 404.</summary>
public sealed partial class QrCodeTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    /// <summary>A phone of 2024: 390×844 CSS pixels at 3×, touch.</summary>
    private static BrowserNewContextOptions Phone() => new()
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        IsMobile = true,
        HasTouch = true,
        DeviceScaleFactor = 3,
    };

    [Fact]
    public Task Staff_print_a_station_code_and_a_phone_that_scans_it_opens_the_station_page() => OnPageAsync(async s =>
    {
        var (id, name) = await StationAsync(first: true);
        await SignInAsStaffAsync(s.Page);
        // Count print calls instead of opening the print dialog (an init script runs before the page's own).
        await s.Page.AddInitScriptAsync("window.__printed = 0; window.print = function () { window.__printed++; };");

        var qr = await new QrPage(s.Page).OpenAsync("station", id);

        await Expect(qr.Heading).ToContainTextAsync(name);
        await Expect(qr.CodeImage).ToBeVisibleAsync();
        Assert.True(await qr.CodeImage.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the SVG loaded");
        await qr.PrintButton.ClickAsync();
        Assert.Equal(1, await s.Page.EvaluateAsync<int>("() => window.__printed"));
        await s.Page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(qr.CodeImage).ToBeVisibleAsync();
        await Expect(s.Page.GetByRole(AriaRole.Banner)).ToBeHiddenAsync();
        await Expect(qr.DownloadPng).ToBeHiddenAsync();
        await s.Page.EmulateMediaAsync(new() { Media = Media.Screen });
        Assert.Empty(s.RefusedScripts);
        Assert.Empty(s.PageErrors);

        var download = await s.Page.RunAndWaitForDownloadAsync(() => qr.DownloadPng.ClickAsync());
        Assert.Equal($"家站码-{name}.png", download.SuggestedFilename);
        var png = await File.ReadAllBytesAsync((await download.PathAsync())!);

        var url = await DecodeQrAsync(png);
        Assert.Equal(await qr.Url.InnerTextAsync(), url);
        Assert.Matches(new Regex("^" + Regex.Escape(App.BaseUrl) + "/p/s/[0-9a-z]{12}$"), url);

        await using var phone = await Fixture.NewContextAsync(Phone());
        var mobile = await phone.NewPageAsync();
        var response = await mobile.GotoAsync(url);
        Assert.Equal(200, response!.Status);
        await Expect(mobile.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
        await Expect(mobile.GetByRole(AriaRole.Heading, new() { Name = "反映意见建议" })).ToBeVisibleAsync();
        var widths = await mobile.EvaluateAsync<int[]>("() => [window.innerWidth, document.documentElement.scrollWidth]");
        Assert.Equal(390, widths[0]);
        Assert.True(widths[1] <= widths[0], $"the page scrolls sideways on a phone: {widths[1]} > {widths[0]}");
        var text = await mobile.InnerTextAsync("body");
        Assert.DoesNotMatch(PhoneOrIdNumber(), text);
    });

    [Fact]
    public Task A_regenerated_code_works_on_a_phone_and_the_old_one_says_politely_it_is_no_longer_in_use() => OnPageAsync(async s =>
    {
        var (id, name) = await StationAsync(first: false);
        await SignInAsStaffAsync(s.Page);
        var qr = await new QrPage(s.Page).OpenAsync("station", id);
        var oldUrl = await qr.Url.InnerTextAsync();
        string? confirmation = null;
        s.Page.Dialog += async (_, dialog) => { confirmation = dialog.Message; await dialog.AcceptAsync(); };

        await qr.Reason.SelectOptionAsync(new SelectOptionValue { Label = "被冒用或篡改" });
        await qr.RegenerateButton.ClickAsync();

        await Expect(qr.Status).ToContainTextAsync("已生成新的二维码");
        Assert.Contains("作废", confirmation);
        var newUrl = await qr.Url.InnerTextAsync();
        Assert.NotEqual(oldUrl, newUrl);
        await Expect(qr.History).ToContainTextAsync("被冒用或篡改");

        await using var phone = await Fixture.NewContextAsync(Phone());
        var mobile = await phone.NewPageAsync();
        var heading = mobile.GetByRole(AriaRole.Heading, new() { Level = 1 });

        var gone = await mobile.GotoAsync(oldUrl);
        Assert.Equal(410, gone!.Status);
        await Expect(heading).ToHaveTextAsync("此二维码已停用");
        await Expect(mobile.Locator("body")).Not.ToContainTextAsync(name);
        await Expect(mobile.GetByRole(AriaRole.Link, new() { Name = "访问人大代表联络服务首页" })).ToBeVisibleAsync();

        var works = await mobile.GotoAsync(newUrl);
        Assert.Equal(200, works!.Status);
        await Expect(heading).ToHaveTextAsync(name);

        var unknown = await mobile.GotoAsync("/p/s/0000000000zz");
        Assert.Equal(404, unknown!.Status);
        await Expect(heading).ToHaveTextAsync("未找到这个二维码");
    });

    private static async Task SignInAsStaffAsync(IPage page)
    {
        var login = await new LoginPage(page).OpenAsync();
        await login.SignInAsync(RendaServer.StaffUserName, RendaServer.DemoPassword);
        await Expect(new WorkbenchPage(page).Heading).ToBeVisibleAsync();
    }

    /// <summary>Reads the QR code in a PNG the way a phone would, with jsQR in Chromium. It runs on a blank
    /// page, outside the app and its Content Security Policy, with jsQR injected from node_modules.</summary>
    private async Task<string> DecodeQrAsync(byte[] png)
    {
        var jsQr = Path.Combine(NpmModules.Find() ?? throw new InvalidOperationException("node_modules not found"), "jsqr", "dist", "jsQR.js");
        await using var context = await Fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("about:blank");
        await page.AddScriptTagAsync(new() { Content = await File.ReadAllTextAsync(jsQr) });
        var text = await page.EvaluateAsync<string?>("""
            async (b64) => {
              const img = new Image();
              img.src = "data:image/png;base64," + b64;
              await img.decode();
              const canvas = document.createElement("canvas");
              canvas.width = img.naturalWidth;
              canvas.height = img.naturalHeight;
              const ctx = canvas.getContext("2d");
              ctx.drawImage(img, 0, 0);
              const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height);
              const code = jsQR(pixels.data, canvas.width, canvas.height);
              return code ? code.data : null;
            }
            """, Convert.ToBase64String(png));
        return text ?? throw new Xunit.Sdk.XunitException("jsQR found no QR code in the PNG");
    }

    /// <summary>A demo station: the first (for the print test) or the last (for the regenerate test), so the two don't meet.</summary>
    private async Task<(long Id, string Name)> StationAsync(bool first)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stations = db.Set<Station>().AsNoTracking();
        var s = await (first ? stations.OrderBy(x => x.Id) : stations.OrderByDescending(x => x.Id)).FirstAsync();
        return (s.Id, s.Name);
    }

    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)|1[3-9]\d\*{4}\d{4}|(?<!\d)\d{17}[\dXx](?!\d)|\d{6}\*{8}\d{3}[\dXx]")]
    private static partial Regex PhoneOrIdNumber();

    /// <summary>/qr/{kind}/{id}: the staff page of one code.</summary>
    private sealed class QrPage(IPage page)
    {
        public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        public ILocator CodeImage => page.Locator(".qr-card img");
        public ILocator Url => page.Locator("a.qr-url");
        public ILocator DownloadPng => page.GetByRole(AriaRole.Link, new() { Name = "下载 PNG（打印用）" });
        public ILocator PrintButton => page.GetByRole(AriaRole.Button, new() { Name = "打印", Exact = true });
        public ILocator Reason => page.GetByLabel("作废原因");
        public ILocator RegenerateButton => page.GetByRole(AriaRole.Button, new() { Name = "重新生成", Exact = true });
        public ILocator Status => page.GetByRole(AriaRole.Status);
        public ILocator History => page.Locator(".qr-history");

        public async Task<QrPage> OpenAsync(string kind, long id)
        {
            await page.GotoAsync($"/qr/{kind}/{id}");
            return this;
        }
    }
}
