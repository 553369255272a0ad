using Microsoft.Playwright;

namespace Renda.BrowserTests.Pages;

/// <summary>/account/login: the staff sign-in form.</summary>
public sealed class LoginPage(IPage page)
{
    public const string Path = "/account/login";

    public ILocator UserName => page.GetByLabel("用户名", new() { Exact = true });
    public ILocator Password => page.GetByLabel("密码", new() { Exact = true });
    public ILocator SignInButton => page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true });
    public ILocator Error => page.GetByRole(AriaRole.Alert);

    public async Task<LoginPage> OpenAsync()
    {
        await page.GotoAsync(Path);
        return this;
    }

    public async Task SignInAsync(string userName, string password)
    {
        await UserName.FillAsync(userName);
        await Password.FillAsync(password);
        await SignInButton.ClickAsync();
    }
}
