using Microsoft.Playwright;
using Renda.BrowserTests.Pages;
using Renda.Platform.Spreadsheets;
using Renda.Platform.Validation;
using static Microsoft.Playwright.Assertions;

namespace Renda.BrowserTests;

/// <summary>Issue 3's walk in one go, as a member of staff does it: import a roster file, open a
/// station from the list, print its QR code — and a phone that scans the printed code opens the
/// station's public page.</summary>
public sealed partial class QrCodeTests
{
    [Fact]
    public Task Staff_import_a_roster_open_a_station_print_its_code_and_a_phone_opens_it() => OnPageAsync(async s =>
    {
        await SignInAsStaffAsync(s.Page);
        await s.Page.AddInitScriptAsync("window.__printed = 0; window.print = function () { window.__printed++; };");

        // 1. Import a one-row roster (GB18030 CSV, as Excel on a Chinese PC saves it).
        var first17 = "33052119800315" + "237";
        var row = new[] { "诸葛文渊", "男", "汉族", "1980-03-15", first17 + ChineseId.CheckDigit(first17), "13657201111",
            "村党支部书记", "递铺街道古城村", "递铺街道第4选区", "递铺街道代表小组", "农业农村" };
        var header = new[] { "姓名", "性别", "民族", "出生日期", "身份证号码", "手机号码", "职业", "工作单位", "选区", "代表小组", "专业代表小组" };
        var csv = CsvReader.Gb18030.GetBytes(string.Join(",", header) + "\r\n" + string.Join(",", row) + "\r\n");
        var import = await new RosterImportPage(s.Page).OpenAsync();
        await import.ChooseAsync("新增代表.csv", csv);
        await import.CheckButton.ClickAsync();
        await Expect(import.Status).ToContainTextAsync("检查通过");
        await import.ImportButton.ClickAsync();
        await Expect(import.Status).ToContainTextAsync("导入成功");

        // 2. Open a station from the list.
        var (_, name) = await StationAsync(first: true);
        await s.Page.GotoAsync(StationListPage.Path);
        var list = new StationListPage(s.Page);
        await list.Search.FillAsync(name);
        await list.SearchButton.ClickAsync();
        await list.Station(name).ClickAsync();
        var station = new StationPage(s.Page);
        await Expect(station.Heading).ToHaveTextAsync(name);

        // 3. Print its code, and download the print-ready PNG.
        await s.Page.GetByRole(AriaRole.Link, new() { Name = "查看、打印家站码" }).ClickAsync();
        var qr = new QrPage(s.Page);
        await Expect(qr.Heading).ToContainTextAsync(name);
        await qr.PrintButton.ClickAsync();
        Assert.Equal(1, await s.Page.EvaluateAsync<int>("() => window.__printed"));
        var download = await s.Page.RunAndWaitForDownloadAsync(() => qr.DownloadPng.ClickAsync());
        var url = await DecodeQrAsync(await File.ReadAllBytesAsync((await download.PathAsync())!));

        // 4. A phone scans it and opens the station's page.
        await using var phone = await Fixture.NewContextAsync(Phone());
        var mobile = await phone.NewPageAsync();
        Assert.Equal(200, (await mobile.GotoAsync(url))!.Status);
        await Expect(mobile.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
        Assert.DoesNotMatch(PhoneOrIdNumber(), await mobile.InnerTextAsync("body"));
        Assert.True(s.RefusedScripts.Count == 0, "CSP refused scripts: " + string.Join("; ", s.RefusedScripts));
        Assert.True(s.PageErrors.Count == 0, "Script errors: " + string.Join("; ", s.PageErrors));
    });
}
