using System.Buffers.Binary;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Renda.BrowserTests.Infrastructure;
using Renda.BrowserTests.Pages;
using Renda.Modules.Stations;
using Renda.Platform.Data;
using static Microsoft.Playwright.Assertions;

namespace Renda.BrowserTests;

/// <summary>The citizen on a phone: a station's code page → the form → the tracking code → the tracking page.</summary>
public sealed partial class PublicOpinionJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static BrowserNewContextOptions Phone() => new()
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        IsMobile = true,
        HasTouch = true,
        DeviceScaleFactor = 3,
    };

    private static byte[] Segment(byte marker, byte[] data)
    {
        var s = new byte[4 + data.Length];
        s[0] = 0xFF; s[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(s.AsSpan(2), (ushort)(data.Length + 2));
        data.CopyTo(s, 4);
        return s;
    }

    /// <summary>A small JPEG with an Exif segment, as a phone camera writes it.</summary>
    private static byte[] Photo() =>
    [
        0xFF, 0xD8,
        .. Segment(0xE0, [.. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
        .. Segment(0xE1, [.. "Exif\0\0MM\0*GPSLatitude 30.63N"u8]),
        .. Segment(0xDB, [0, .. Enumerable.Repeat((byte)1, 64)]),
        .. Segment(0xC0, [8, 0, 16, 0, 16, 1, 1, 0x11, 0]),
        .. Segment(0xDA, [1, 1, 0, 0, 63, 0]),
        0x12, 0x34, 0xFF, 0xD9,
    ];

    [Fact]
    public Task A_citizen_on_a_phone_submits_from_a_station_code_and_follows_it_by_the_tracking_code() => OnPageAsync(async s =>
    {
        var (code, name) = await StationAsync();
        await s.Page.GotoAsync($"/p/s/{code}");
        await s.Page.GetByRole(AriaRole.Link, new() { Name = "反映意见建议" }).ClickAsync();

        var form = new OpinionFormPage(s.Page);
        await Expect(form.Heading).ToHaveTextAsync("反映意见建议");
        await Expect(s.Page.Locator(".addressee")).ToContainTextAsync(name);
        await form.Content.FillAsync("小区门口的人行道砖块松动，老人经过容易绊倒，希望尽快修复。");
        await form.Category.SelectOptionAsync("urban_construction");
        await form.Location.FillAsync("递铺街道胜利西路12号");
        await form.Photos.SetInputFilesAsync(new FilePayload { Name = "IMG_2041.jpg", MimeType = "image/jpeg", Buffer = Photo() });
        await form.Name.FillAsync("王小明");
        await form.Phone.FillAsync("13812348000");
        await form.Consent.CheckAsync();
        await form.Submit.ClickAsync();

        var thanks = new OpinionThanksPage(s.Page);
        await Expect(thanks.Heading).ToHaveTextAsync("提交成功");
        await Expect(thanks.TrackingCode).ToHaveTextAsync(ShownCode());
        var tracking = (await thanks.TrackingCode.TextContentAsync())!.Trim();
        var fontSize = await thanks.TrackingCode.EvaluateAsync<string>("e => getComputedStyle(e).fontSize");
        Assert.True(double.Parse(fontSize.Replace("px", ""), System.Globalization.CultureInfo.InvariantCulture) >= 30, $"the code is not big: {fontSize}");
        await AssertFitsAsync(s.Page);

        await thanks.Follow.ClickAsync();
        var track = new TrackingPage(s.Page);
        await Expect(track.Heading).ToHaveTextAsync("办理进度");
        await Expect(track.TrackingCode).ToHaveTextAsync(tracking);
        await Expect(track.State).ToHaveTextAsync("已提交");
        await Expect(track.Content).ToContainTextAsync("人行道砖块松动");
        await Expect(track.Steps).ToContainTextAsync("提交");
        await Expect(s.Page.Locator("body")).Not.ToContainTextAsync("王小明");
        await Expect(s.Page.Locator("body")).Not.ToContainTextAsync("13812348000");
        await AssertFitsAsync(s.Page);
        Assert.Empty(s.PageErrors);
        Assert.Empty(s.RefusedScripts);
    }, Phone());

    private static async Task AssertFitsAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [window.innerWidth, document.documentElement.scrollWidth]");
        Assert.Equal(390, widths[0]);
        Assert.True(widths[1] <= widths[0], $"the page scrolls sideways on a phone: scrollWidth {widths[1]} > {widths[0]}");
    }

    private async Task<(string Code, string Name)> StationAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var st = await db.Set<Station>().AsNoTracking().OrderBy(x => x.Id).FirstAsync();
        return (st.PublicCode, st.Name);
    }

    [GeneratedRegex("^[A-Z0-9]{5}-[A-Z0-9]{5}$")]
    private static partial Regex ShownCode();
}
