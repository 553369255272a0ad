using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Renda.BrowserTests.Infrastructure;
using Renda.BrowserTests.Pages;
using Renda.Modules.Representatives;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using static Microsoft.Playwright.Assertions;

namespace Renda.BrowserTests;

public sealed class SuggestionTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Title = "关于在递铺街道增设社区公共充电桩的建议";

    /// <summary>A second representative's account (the demo has one), to confirm as co-signer.</summary>
    private async Task<string> CoSignerAccountAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var second = await db.Set<Representative>().OrderBy(r => r.Id).Skip(1).Select(r => new { r.Id, r.Name }).FirstAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync("bt-cosigner") is null)
        {
            var user = new AppUser { UserName = "bt-cosigner", DisplayName = second.Name, JurisdictionCode = "330523", RepresentativeId = second.Id };
            Assert.True((await users.CreateAsync(user, RendaServer.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Representative)).Succeeded);
        }
        return second.Name;
    }

    private async Task<IPage> SignedInAsync(List<IBrowserContext> contexts, string userName)
    {
        var context = await Fixture.NewContextAsync();
        context.SetDefaultTimeout(15_000);
        contexts.Add(context);
        var page = await context.NewPageAsync();
        await (await new LoginPage(page).OpenAsync()).SignInAsync(userName, RendaServer.DemoPassword);
        await Expect(new WorkbenchPage(page).MainNavigation).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public Task A_suggestion_goes_from_filing_to_a_second_round_and_the_dashboard_rate_moves() => OnPageAsync(async s =>
    {
        var coSignerName = await CoSignerAccountAsync();
        var contexts = new List<IBrowserContext>();
        try
        {
            // The representative files with a co-signer.
            var rep = s.Page;
            await (await new LoginPage(rep).OpenAsync()).SignInAsync("demo-rep", RendaServer.DemoPassword);
            await new WorkbenchPage(rep).MenuLink("建议议案").ClickAsync();
            await rep.GetByRole(AriaRole.Link, new() { Name = "提出建议或议案" }).ClickAsync();
            var form = new NewSuggestionPage(rep);
            await form.Title.FillAsync(Title);
            await form.Category.SelectOptionAsync("城乡建设");
            await form.Body.FillAsync("新能源汽车增多，老旧小区没有充电设施，居民飞线充电存在安全隐患。");
            await form.CoSigners.SelectOptionAsync(new SelectOptionValue { Label = coSignerName });
            await form.Save.ClickAsync();
            var mine = new SuggestionPage(rep);
            await Expect(mine.Heading).ToHaveTextAsync(Title);
            await Expect(mine.State).ToHaveTextAsync("草稿");
            var url = new Uri(rep.Url).AbsolutePath;

            var coSigner = await SignedInAsync(contexts, "bt-cosigner");
            await coSigner.GotoAsync(url);
            await new SuggestionPage(coSigner).CoSign.ClickAsync();
            await Expect(new SuggestionPage(coSigner).Flash).ToContainTextAsync("已确认联名");

            await rep.ReloadAsync();
            await mine.Do("submit").ClickAsync();
            await Expect(mine.State).ToHaveTextAsync("已提交");

            // Staff register and assign; note the dashboard's satisfaction rate before.
            var staff = await SignedInAsync(contexts, RendaServer.StaffUserName);
            await staff.GotoAsync(SuggestionDashboardPage.Path);
            var before = await new SuggestionDashboardPage(staff).SatisfactionRate.InnerTextAsync();
            await staff.GotoAsync(url);
            var desk = new SuggestionPage(staff);
            await desk.Do("register").ClickAsync();
            await Expect(desk.State).ToHaveTextAsync("已立案");
            await desk.Action("assign").GetByLabel("主办单位").SelectOptionAsync(new SelectOptionValue { Label = "安吉县住房和城乡建设局" });
            await desk.Do("assign").ClickAsync();
            await Expect(desk.State).ToHaveTextAsync("已交办");

            // The lead unit acknowledges and replies B.
            var unit = await SignedInAsync(contexts, "demo-unit");
            await unit.GotoAsync(url);
            var lead = new SuggestionPage(unit);
            await lead.Do("acknowledge").ClickAsync();
            await Expect(lead.State).ToHaveTextAsync("办理中");
            await lead.Choice("reply", "B 正在解决或列入计划").CheckAsync();
            await lead.Action("reply").GetByRole(AriaRole.Textbox).FillAsync("已将该小区充电桩建设列入明年老旧小区改造计划。");
            await lead.Do("reply").ClickAsync();
            await Expect(lead.State).ToHaveTextAsync("已答复");

            // The representative is not satisfied: a second round.
            await rep.ReloadAsync();
            await Expect(mine.Reply).ToContainTextAsync("B 正在解决或列入计划");
            await mine.Choice("evaluate", "不满意").CheckAsync();
            await mine.Action("evaluate").GetByRole(AriaRole.Textbox).FillAsync("时间太长，希望今年内解决");
            await mine.Do("evaluate").ClickAsync();
            await Expect(mine.State).ToHaveTextAsync("办理中");
            await Expect(rep.GetByText("第2轮办理")).ToBeVisibleAsync();

            await unit.ReloadAsync();
            await lead.Choice("reply", "A 已解决或采纳").CheckAsync();
            await lead.Action("reply").GetByRole(AriaRole.Textbox).FillAsync("已在小区内建成公共充电桩20个并投入使用。");
            await lead.Do("reply").ClickAsync();
            await Expect(lead.State).ToHaveTextAsync("已答复");

            await rep.ReloadAsync();
            await mine.Choice("evaluate", "满意").CheckAsync();
            await mine.Do("evaluate").ClickAsync();
            await Expect(mine.State).ToHaveTextAsync("已办结");

            // The rate on the dashboard moves.
            await staff.GotoAsync(SuggestionDashboardPage.Path);
            await Expect(new SuggestionDashboardPage(staff).SatisfactionRate).Not.ToHaveTextAsync(before);
            Assert.Empty(s.PageErrors);
            Assert.Empty(s.RefusedScripts);
        }
        finally
        {
            foreach (var c in contexts) await c.DisposeAsync();
        }
    });

    [Fact]
    public Task The_dashboard_draws_its_charts_under_the_content_security_policy() => OnPageAsync(async s =>
    {
        var login = await new LoginPage(s.Page).OpenAsync();
        await login.SignInAsync(RendaServer.StaffUserName, RendaServer.DemoPassword);
        await Expect(new WorkbenchPage(s.Page).Heading).ToContainTextAsync("工作台");

        await s.Page.GotoAsync(SuggestionDashboardPage.Path);
        var dashboard = new SuggestionDashboardPage(s.Page);
        await Expect(dashboard.Heading).ToHaveTextAsync("建议议案办理统计");
        foreach (var chart in new[] { "sessions", "units", "categories", "kinds" })
            await Expect(dashboard.DrawnChart(chart)).ToHaveCountAsync(1);
        await Expect(dashboard.DrawnChart("units").Locator("canvas")).Not.ToHaveCountAsync(0);
        await s.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.True(s.RefusedScripts.Count == 0, "CSP refused scripts:" + Environment.NewLine + string.Join(Environment.NewLine, s.RefusedScripts));
        Assert.True(s.PageErrors.Count == 0, "Script errors:" + Environment.NewLine + string.Join(Environment.NewLine, s.PageErrors));
        // The site has no favicon; the browser's own request for it is not the page's error.
        var errors = s.ConsoleErrors.Where(e => !e.Contains("/favicon.ico", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, "Console errors:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
    }, new() { ViewportSize = new() { Width = 1280, Height = 900 } });
}
