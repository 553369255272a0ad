using Microsoft.Playwright;

namespace Renda.BrowserTests.Pages;

/// <summary>/performance/score: the points of a year, one explained row per criterion.</summary>
public sealed class ScorePage(IPage page)
{
    public const string Path = "/performance/score";
    public ILocator Total => page.GetByTestId("score-total");
    public ILocator Lines => page.GetByRole(AriaRole.Table);
    /// <summary>The row of a criterion, by its name.</summary>
    public ILocator Line(string name) => Lines.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
    public ILocator RegisterLink => page.GetByRole(AriaRole.Link, new() { Name = "自主登记", Exact = true });
}

/// <summary>/performance/register: a representative registers an activity with evidence.</summary>
public sealed class RegisterActivityPage(IPage page)
{
    public ILocator Date => page.GetByLabel("活动日期");
    public ILocator Description => page.GetByLabel("活动内容");
    public ILocator Evidence => page.GetByLabel("证明材料（照片或 PDF，8 MB 以内）");
    public ILocator Submit => page.GetByRole(AriaRole.Button, new() { Name = "提交审核" });
    public ILocator Status => page.GetByRole(AriaRole.Status);
    public ILocator Mine => page.GetByRole(AriaRole.Table);
}

/// <summary>/performance/review: staff approve or return self-registered records.</summary>
public sealed class ReviewPage(IPage page)
{
    public const string Path = "/performance/review";
    public ILocator Row(string description) => page.GetByRole(AriaRole.Row).Filter(new() { HasText = description });
    public ILocator Approve(string description) => Row(description).GetByRole(AriaRole.Button, new() { Name = "审核通过" });
    public ILocator Status => page.GetByRole(AriaRole.Status);
}
