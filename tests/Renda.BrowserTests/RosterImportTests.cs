using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Renda.BrowserTests.Infrastructure;
using Renda.BrowserTests.Pages;
using Renda.Platform.Spreadsheets;
using Renda.Platform.Validation;
using static Microsoft.Playwright.Assertions;

namespace Renda.BrowserTests;

/// <summary>/representatives/import: choose a file, check it, import it.</summary>
public sealed class RosterImportPage(IPage page)
{
    public const string Path = "/representatives/import";

    public ILocator FileInput => page.GetByLabel("名册文件", new() { Exact = false });
    public ILocator CheckButton => page.GetByRole(AriaRole.Button, new() { Name = "检查文件", Exact = true });
    public ILocator ImportButton => page.GetByRole(AriaRole.Button, new() { Name = "确认导入", Exact = true });
    public ILocator Progress => page.Locator("#upload-progress");
    public ILocator Errors => page.GetByRole(AriaRole.Table, new() { Name = "错误清单" });
    public ILocator ErrorRows => Errors.Locator("tbody tr");
    public ILocator Alert => page.Locator("#import-result").GetByRole(AriaRole.Alert);
    public ILocator Status => page.Locator("#import-result").GetByRole(AriaRole.Status);

    public async Task<RosterImportPage> OpenAsync()
    {
        await page.GotoAsync(Path);
        return this;
    }

    public Task ChooseAsync(string fileName, byte[] content) =>
        FileInput.SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "text/csv", Buffer = content });
}

/// <summary>/representatives: the roster list and its search.</summary>
public sealed class RosterPage(IPage page)
{
    public ILocator Search => page.GetByLabel("姓名或拼音首字母");
    public ILocator SearchButton => page.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true });
    public ILocator Link(string name) => page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    public async Task SearchAsync(string q)
    {
        await Search.FillAsync(q);
        await SearchButton.ClickAsync();
    }
}

public sealed partial class RosterImportTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static readonly string[] Header = ["姓名", "性别", "民族", "出生日期", "身份证号码", "手机号码", "职业", "工作单位", "选区", "代表小组", "专业代表小组"];

    /// <summary>A fictional ID number of 德清县 (not the demo county) with a correct check digit.</summary>
    private static string Id(string birth, int sequence)
    {
        var first17 = "330521" + birth.Replace("-", "", StringComparison.Ordinal) + sequence.ToString("D3");
        return first17 + ChineseId.CheckDigit(first17);
    }

    /// <summary>A roster as Excel in a Chinese Windows saves it: comma-separated, GB18030.</summary>
    private static byte[] Gb18030Csv(IEnumerable<string[]> rows) =>
        CsvReader.Gb18030.GetBytes(string.Concat(new[] { Header }.Concat(rows).Select(r => string.Join(",", r) + "\r\n")));

    [Fact]
    public Task Staff_import_a_GB18030_roster_fix_a_bad_row_and_find_an_imported_representative_by_pinyin() => OnPageAsync(async s =>
    {
        var good1 = new[] { "司马青云", "男", "汉族", "1978-04-12", Id("1978-04-12", 231), "13957201234", "教师", "安吉县实验中学", "递铺街道第2选区", "递铺街道代表小组", "教科文卫" };
        var good2 = new[] { "欧阳晓岚", "女", "畲族", "1985-09-30", Id("1985-09-30", 242), "13857205678", "医生", "安吉县人民医院", "递铺街道第2选区", "递铺街道代表小组", "教科文卫" };
        var badId = Id("1990-01-15", 113);
        var bad = new[] { "上官明", "男", "汉族", "1990-01-15", badId[..17] + (badId[17] == '1' ? '2' : '1'), "13757209999", "工人", "浙江安吉某竹业公司", "孝丰镇第1选区", "孝丰镇代表小组", "工矿商贸" };
        var fixedRow = (string[])bad.Clone();
        fixedRow[4] = badId;

        var login = await new LoginPage(s.Page).OpenAsync();
        await login.SignInAsync(RendaServer.StaffUserName, RendaServer.DemoPassword);
        await Expect(new WorkbenchPage(s.Page).Heading).ToContainTextAsync("工作台");

        var import = await new RosterImportPage(s.Page).OpenAsync();
        await Expect(import.Progress).ToBeHiddenAsync();
        await Expect(import.ImportButton).ToBeDisabledAsync();   // nothing checked yet

        // A file with one bad row (line 3: the ID number's check digit): its line and reason are shown, nothing can be imported.
        await import.ChooseAsync("代表名册.csv", Gb18030Csv([good1, bad, good2]));
        await import.CheckButton.ClickAsync();
        await Expect(import.ErrorRows).ToHaveCountAsync(1);
        await Expect(import.ErrorRows.First).ToContainTextAsync("第 3 行");
        await Expect(import.ErrorRows.First).ToContainTextAsync("身份证号码");
        await Expect(import.ErrorRows.First).ToContainTextAsync("校验位");
        await Expect(import.Alert).ToContainTextAsync("1 处错误");
        await Expect(import.ImportButton).ToBeDisabledAsync();
        await KeepScreenshotAsync(s.Page, "RosterImport_preview_lists_the_bad_row");

        // The fixed file checks clean and is imported.
        await import.ChooseAsync("代表名册（修改后）.csv", Gb18030Csv([good1, fixedRow, good2]));
        await import.CheckButton.ClickAsync();
        await Expect(import.Status).ToContainTextAsync("检查通过");
        await Expect(import.Errors).ToHaveCountAsync(0);
        await Expect(import.ImportButton).ToBeEnabledAsync();
        await import.ImportButton.ClickAsync();
        await Expect(import.Status).ToContainTextAsync("导入成功");
        await Expect(import.Status).ToContainTextAsync("3");

        // The roster finds 司马青云 by the initials smqy.
        await s.Page.GetByRole(AriaRole.Link, new() { Name = "查看代表名册" }).ClickAsync();
        var roster = new RosterPage(s.Page);
        await roster.SearchAsync("smqy");
        await Expect(roster.Link("司马青云")).ToBeVisibleAsync();
        await Expect(roster.Link("欧阳晓岚")).ToHaveCountAsync(0);
        await Expect(s.Page).ToHaveURLAsync(SearchUrl());

        await roster.Link("司马青云").ClickAsync();
        await Expect(s.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("司马青云");
        await Expect(s.Page.GetByText("139****1234")).ToBeVisibleAsync();

        Assert.True(s.RefusedScripts.Count == 0, "CSP refused scripts: " + string.Join("; ", s.RefusedScripts));
        Assert.True(s.PageErrors.Count == 0, "Script errors: " + string.Join("; ", s.PageErrors));
    });

    /// <summary>A screenshot of a step worth seeing (the base class keeps the last one) under artifacts/screenshots/.</summary>
    private static async Task KeepScreenshotAsync(IPage page, string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Renda.slnx"))) dir = dir.Parent;
        var folder = System.IO.Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = System.IO.Path.Combine(folder, name + ".png"), FullPage = true });
    }

    [GeneratedRegex(@"/representatives\?.*q=smqy")]
    private static partial Regex SearchUrl();
}
