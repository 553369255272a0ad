using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Renda.BrowserTests.Infrastructure;
using Renda.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Renda.BrowserTests;

public sealed class PerformanceTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private const string SelfReported = "自主登记履职活动";

    [Fact]
    public Task A_representative_registers_an_activity_with_a_photo_staff_approve_and_the_points_rise_with_the_line_explaining_why() => OnPageAsync(async s =>
    {
        var description = "到县白茶企业走访，听取用工需求 " + Guid.NewGuid().ToString("N")[..6];
        var login = new LoginPage(s.Page);
        var workbench = new WorkbenchPage(s.Page);
        var score = new ScorePage(s.Page);

        await (await login.OpenAsync()).SignInAsync("demo-rep", RendaServer.DemoPassword);
        await workbench.MenuLink("我的履职积分").ClickAsync();
        await Expect(score.Line(SelfReported)).ToBeVisibleAsync();
        var before = await CountsAsync(score);
        var totalBefore = decimal.Parse(await score.Total.InnerTextAsync(), CultureInfo.InvariantCulture);

        await score.RegisterLink.First.ClickAsync();
        var register = new RegisterActivityPage(s.Page);
        await register.Description.FillAsync(description);
        await register.Evidence.SetInputFilesAsync(new FilePayload { Name = "走访照片.png", MimeType = "image/png", Buffer = Png });
        await register.Submit.ClickAsync();
        await Expect(register.Status).ToContainTextAsync("已提交，待工作人员审核");
        await Expect(register.Mine.GetByRole(AriaRole.Row).Filter(new() { HasText = description })).ToContainTextAsync("待审核");
        await workbench.SignOutButton.ClickAsync();

        await (await login.OpenAsync()).SignInAsync(RendaServer.StaffUserName, RendaServer.DemoPassword);
        await s.Page.GotoAsync(ReviewPage.Path);
        var review = new ReviewPage(s.Page);
        await Expect(review.Row(description).GetByRole(AriaRole.Link, new() { Name = "查看" })).ToBeVisibleAsync();
        await review.Approve(description).ClickAsync();
        await Expect(review.Status).ToContainTextAsync("已审核通过");
        await Expect(review.Row(description)).ToHaveCountAsync(0);
        await workbench.SignOutButton.ClickAsync();

        await (await login.OpenAsync()).SignInAsync("demo-rep", RendaServer.DemoPassword);
        await workbench.MenuLink("我的履职积分").ClickAsync();
        var line = score.Line(SelfReported);
        await Expect(line).ToContainTextAsync($"{before.Records + 1} 条 × 1 分 = {before.Records + 1} 分");
        var after = await CountsAsync(score);
        Assert.Equal(before.Records + 1, after.Records);
        Assert.Equal(before.Points + 1, after.Points);
        Assert.Equal(totalBefore + 1, decimal.Parse(await score.Total.InnerTextAsync(), CultureInfo.InvariantCulture));
        Assert.Empty(s.PageErrors);
        Assert.Empty(s.RefusedScripts);
    });

    private static async Task<(int Records, decimal Points)> CountsAsync(ScorePage score)
    {
        var cells = await score.Line(SelfReported).GetByRole(AriaRole.Cell).AllInnerTextsAsync();
        var points = Regex.Match(cells[2], @"-?\d+(\.\d+)?").Value;
        return (int.Parse(cells[1], CultureInfo.InvariantCulture), decimal.Parse(points, CultureInfo.InvariantCulture));
    }
}
