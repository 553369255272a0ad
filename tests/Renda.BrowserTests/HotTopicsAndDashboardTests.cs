using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Renda.BrowserTests.Infrastructure;
using Renda.BrowserTests.Pages;
using Renda.Modules.Opinions;
using Renda.Platform.Data;
using static Microsoft.Playwright.Assertions;

namespace Renda.BrowserTests;

/// <summary>The insight pages in a real browser: the dashboard draws its ECharts charts from the JSON block
/// under the CSP (no refused script, no script error), and staff propose a hot topic as a supervision topic.</summary>
public sealed class HotTopicsAndDashboardTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static readonly string[] Parking =
    [
        "浏览器测试：阳光小区停车难，晚上下班回来根本找不到停车位，希望增加停车位。",
        "浏览器测试：我们小区停车位太少，停车难问题越来越严重，很多车只能停在路边。",
        "浏览器测试：小区里停车难，私家车越来越多，停车位远远不够，请求解决。",
        "浏览器测试：老旧小区停车位严重不足，车辆乱停乱放，消防通道被占用，停车难亟待解决。",
    ];

    /// <summary>Four parking opinions in the demo county, received yesterday, one of them closed and rated.</summary>
    private async Task SeedAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.Set<Opinion>().IgnoreQueryFilters().AnyAsync(o => o.Content == Parking[0])) return;
        for (var i = 0; i < Parking.Length; i++)
        {
            db.Add(new Opinion
            {
                JurisdictionCode = "330523001", State = i == 0 ? "closed" : "submitted", TrackingCode = TrackingCodes.New(), Content = Parking[i],
                CreatedAt = now.AddDays(-1).AddMinutes(i), CreatedBy = "browser-test", Channel = OpinionChannels.Web, ConsentGiven = true,
                RatedAt = i == 0 ? now.AddHours(-1) : null, Rating = i == 0 ? OpinionRatings.Satisfied : null,
            });
        }
        await db.SaveChangesAsync();
    }

    [Fact]
    public Task The_dashboard_draws_its_charts_under_the_content_security_policy() => OnPageAsync(async s =>
    {
        await SeedAsync();
        var login = await new LoginPage(s.Page).OpenAsync();
        await login.SignInAsync(RendaServer.StaffUserName, RendaServer.DemoPassword);
        await Expect(new WorkbenchPage(s.Page).Heading).ToContainTextAsync("工作台");

        var dashboard = await new OpinionDashboardPage(s.Page).OpenAsync();
        await Expect(dashboard.Heading).ToHaveTextAsync("民意数据看板");
        await Expect(dashboard.DrawnChart("months")).ToHaveCountAsync(1);
        await Expect(dashboard.DrawnChart("months").Locator("canvas")).Not.ToHaveCountAsync(0);
        await Expect(dashboard.DrawnChart("states")).ToHaveCountAsync(1);
        await Expect(dashboard.Kpi("satisfactionRate")).Not.ToHaveTextAsync("—");
        await s.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.True(s.RefusedScripts.Count == 0, "CSP refused scripts:" + Environment.NewLine + string.Join(Environment.NewLine, s.RefusedScripts));
        Assert.True(s.PageErrors.Count == 0, "Script errors:" + Environment.NewLine + string.Join(Environment.NewLine, s.PageErrors));
        Assert.True(s.ConsoleErrors.Count == 0, "Console errors:" + Environment.NewLine + string.Join(Environment.NewLine, s.ConsoleErrors));
    }, new() { ViewportSize = new() { Width = 1280, Height = 900 } });

    [Fact]
    public Task Staff_propose_a_hot_topic_as_a_supervision_topic() => OnPageAsync(async s =>
    {
        await SeedAsync();
        var login = await new LoginPage(s.Page).OpenAsync();
        await login.SignInAsync(RendaServer.StaffUserName, RendaServer.DemoPassword);
        await Expect(new WorkbenchPage(s.Page).Heading).ToContainTextAsync("工作台");

        var hot = await new HotTopicsPage(s.Page).OpenAsync();
        var topic = hot.Topics.Filter(new() { HasText = "浏览器测试" }).First;
        await Expect(topic).ToContainTextAsync("停车难");
        await hot.ProposeToggle(topic).ClickAsync();
        await hot.Kind(topic).SelectOptionAsync("supervision");
        await hot.Title(topic).FillAsync("关于小区停车难问题的专题询问（浏览器测试）");
        await hot.Submit(topic).ClickAsync();

        await Expect(s.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/opinions/hot-topics/proposals\\?created=\\d+"));
        await Expect(s.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已提出。");
        await Expect(s.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "关于小区停车难问题的专题询问（浏览器测试）" })).ToContainTextAsync("监督议题");
        Assert.True(s.PageErrors.Count == 0, "Script errors:" + Environment.NewLine + string.Join(Environment.NewLine, s.PageErrors));
    });
}
