using Microsoft.Playwright;

namespace Renda.BrowserTests.Pages;

/// <summary>/p/s/{code}/opinion, /p/r/{code}/opinion, /p/opinion: the citizen's opinion form.</summary>
public sealed class OpinionFormPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Content => page.GetByLabel("反映的问题");
    public ILocator Category => page.GetByLabel("类别");
    public ILocator Location => page.GetByLabel("地点");
    public ILocator Photos => page.GetByLabel("照片");
    public ILocator Name => page.GetByLabel("姓名");
    public ILocator Phone => page.GetByLabel("手机号码");
    public ILocator Consent => page.GetByLabel("我已阅读并同意上述个人信息保护说明");
    public ILocator Submit => page.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true });
}

/// <summary>/p/opinion/thanks: the tracking code, big.</summary>
public sealed class OpinionThanksPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator TrackingCode => page.GetByTestId("tracking-code");
    public ILocator Follow => page.GetByRole(AriaRole.Link, new() { Name = "查看办理进度" });
}

/// <summary>/p/t/{code}: the tracking page.</summary>
public sealed class TrackingPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator TrackingCode => page.GetByTestId("tracking-code");
    public ILocator State => page.GetByTestId("state");
    public ILocator Content => page.GetByTestId("content");
    public ILocator Steps => page.GetByRole(AriaRole.Region, new() { Name = "办理过程" });
}
