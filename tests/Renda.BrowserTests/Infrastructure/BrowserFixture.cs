using Microsoft.Playwright;

namespace Renda.BrowserTests.Infrastructure;

/// <summary>One app on Kestrel and one headless Debian Chromium, shared by every test of the
/// collection; each test gets a fresh browser context (its own cookies).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium; RENDA_CHROMIUM overrides it. Playwright never downloads a browser here.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("RENDA_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public RendaServer App { get; } = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (scripts/test.sh does).");
        await App.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
            ],
        });
    }

    /// <summary>A new context (fresh cookies) whose relative URLs go to the app.</summary>
    public Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = App.BaseUrl;
        options.ViewportSize ??= new ViewportSize { Width = 1280, Height = 800 };
        return Browser.NewContextAsync(options);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
