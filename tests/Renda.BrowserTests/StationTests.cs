using Microsoft.Playwright;
using Renda.BrowserTests.Infrastructure;
using Renda.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Renda.BrowserTests;

public sealed class StationTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task Staff_open_a_station_add_a_schedule_rule_and_log_a_reception_that_reaches_the_archive() => OnPageAsync(async s =>
    {
        var login = await new LoginPage(s.Page).OpenAsync();
        await login.SignInAsync(RendaServer.StaffUserName, RendaServer.DemoPassword);
        await new WorkbenchPage(s.Page).MenuLink("家站点").ClickAsync();

        var list = new StationListPage(s.Page);
        await list.Search.FillAsync("递铺街道");
        await list.SearchButton.ClickAsync();
        await list.Station("递铺街道人大代表联络站").ClickAsync();

        var station = new StationPage(s.Page);
        await Expect(station.Heading).ToHaveTextAsync("递铺街道人大代表联络站");
        await Expect(station.Schedule).ToContainTextAsync("每月10日 9:00–11:30");
        await Expect(station.Calendar).ToContainTextAsync("统一接待日");
        await Expect(station.Log).ToContainTextAsync("接待代表");

        // A new rule: choosing "weekly" shows the weekday and hides the day of month (stations.js, under the CSP).
        await station.Action("接待安排").ClickAsync();
        var schedule = new SchedulePage(s.Page);
        await Expect(schedule.DayOfMonth).ToBeVisibleAsync();
        await schedule.Title.FillAsync("夜谈夜访");
        await schedule.Repeats.SelectOptionAsync("weekly");
        await Expect(schedule.DayOfMonth).ToBeHiddenAsync();
        await schedule.Weekday.SelectOptionAsync("3");
        await schedule.Start.FillAsync("19:00");
        await schedule.End.FillAsync("20:30");
        await schedule.OnDuty("胡浩伟").CheckAsync();
        await schedule.Add.ClickAsync();
        await Expect(schedule.Rules).ToContainTextAsync("每周三");
        await Expect(schedule.Rules).ToContainTextAsync("19:00–20:30");

        await s.Page.GetByRole(AriaRole.Link, new() { Name = "递铺街道人大代表联络站" }).ClickAsync();
        await station.Action("登记接待").ClickAsync();
        var reception = new NewReceptionPage(s.Page);
        await reception.Receiver("胡浩伟").CheckAsync();
        await reception.Citizens.FillAsync("9");
        await reception.Items.FillAsync("老旧小区雨污分流改造\n夜间施工噪音扰民");
        await reception.Submit.ClickAsync();

        await Expect(station.Flash).ToContainTextAsync("已登记接待");
        await Expect(station.Log).ToContainTextAsync("夜间施工噪音扰民");

        await s.Page.GotoAsync("/archive/1?kind=reception");
        await Expect(s.Page.GetByRole(AriaRole.Table)).ToContainTextAsync("在递铺街道人大代表联络站接待选民 9 人次");
        Assert.Empty(s.PageErrors);
        Assert.Empty(s.RefusedScripts);
    });
}
