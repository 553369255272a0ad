using Microsoft.Playwright;

namespace Renda.BrowserTests.Pages;

/// <summary>/stations: the list of 家站点.</summary>
public sealed class StationListPage(IPage page)
{
    public const string Path = "/stations";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Search => page.GetByLabel("名称或地址");
    public ILocator SearchButton => page.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true });
    public ILocator Station(string name) => page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
}

/// <summary>/stations/{id}: one station with its calendar and reception log.</summary>
public sealed class StationPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Flash => page.GetByRole(AriaRole.Status);
    public ILocator Calendar => page.GetByRole(AriaRole.Table).Filter(new() { HasText = "值班代表" }).First;
    public ILocator Log => page.GetByRole(AriaRole.Region, new() { Name = "接待记录" });
    public ILocator Schedule => page.GetByRole(AriaRole.Region, new() { Name = "接待安排" });
    public ILocator Action(string name) => page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
}

/// <summary>/stations/{id}/schedule: the form of a new reception rule.</summary>
public sealed class SchedulePage(IPage page)
{
    public ILocator Title => page.GetByLabel("名称", new() { Exact = true });
    public ILocator Repeats => page.GetByLabel("重复方式");
    public ILocator DayOfMonth => page.GetByLabel("每月几日（如 31 日，小月取月末）");
    public ILocator Weekday => page.GetByLabel("星期几");
    public ILocator Start => page.GetByLabel("开始时间");
    public ILocator End => page.GetByLabel("结束时间");
    public ILocator OnDuty(string name) => page.GetByRole(AriaRole.Group, new() { Name = "值班代表" }).GetByLabel(name);
    public ILocator Add => page.GetByRole(AriaRole.Button, new() { Name = "添加", Exact = true });
    public ILocator Rules => page.GetByRole(AriaRole.Region, new() { Name = "接待规则", Exact = true });
}

/// <summary>/stations/{id}/receptions/new: logging a reception.</summary>
public sealed class NewReceptionPage(IPage page)
{
    public ILocator Receiver(string name) => page.GetByRole(AriaRole.Group, new() { Name = "接待代表" }).GetByLabel(name);
    public ILocator Citizens => page.GetByLabel("接待群众（人次）");
    public ILocator Items => page.GetByLabel("反映的问题（每行一件）");
    public ILocator Submit => page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true });
}
