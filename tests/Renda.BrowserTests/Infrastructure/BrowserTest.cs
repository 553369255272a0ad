using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace Renda.BrowserTests.Infrastructure;

/// <summary>Base of every browser test: opens a page in a fresh context, records console errors,
/// and keeps a screenshot — of every passing test under artifacts/screenshots/ for people to look
/// at, and of a failing one under bin/…/screenshots/, its path named in the failure message.</summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture fixture)
{
    protected BrowserFixture Fixture { get; } = fixture;
    protected RendaServer App => Fixture.App;

    /// <summary>Runs <paramref name="body"/> on a new page; screenshots it whether it passes or fails.</summary>
    protected async Task OnPageAsync(Func<BrowserSession, Task> body, BrowserNewContextOptions? options = null,
        [CallerMemberName] string name = "")
    {
        await using var context = await Fixture.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var session = new BrowserSession(page);
        try
        {
            await body(session);
        }
        catch (Exception ex)
        {
            var shot = await TryScreenshotAsync(page, Path.Combine(AppContext.BaseDirectory, "screenshots"), name);
            throw new BrowserTestFailure(
                $"{name} failed at {page.Url}. Screenshot: {shot ?? "(none could be taken)"}" + session.ConsoleSummary(), ex);
        }
        await TryScreenshotAsync(page, Path.Combine(RepoRoot(), "artifacts", "screenshots"), name);
    }

    private static async Task<string?> TryScreenshotAsync(IPage page, string dir, string name)
    {
        try
        {
            Directory.CreateDirectory(dir);
            var path = Path.Combine(dir, name + ".png");
            await page.ScreenshotAsync(new() { Path = path, FullPage = true, Timeout = 10_000 });
            return path;
        }
        catch (Exception)
        {
            return null; // a screenshot is a help, never the reason a test fails
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Renda.slnx"))) return dir.FullName;
        return AppContext.BaseDirectory;
    }
}

/// <summary>A page plus what its console said.</summary>
public sealed class BrowserSession
{
    private readonly List<string> _consoleErrors = [];
    private readonly List<string> _pageErrors = [];

    public BrowserSession(IPage page)
    {
        Page = page;
        page.Console += (_, msg) =>
        {
            if (msg.Type == "error") lock (_consoleErrors) _consoleErrors.Add($"{msg.Text} ({msg.Location})");
        };
        page.PageError += (_, error) => { lock (_pageErrors) _pageErrors.Add(error); };
    }

    public IPage Page { get; }

    public IReadOnlyList<string> ConsoleErrors { get { lock (_consoleErrors) return [.. _consoleErrors]; } }
    public IReadOnlyList<string> PageErrors { get { lock (_pageErrors) return [.. _pageErrors]; } }

    /// <summary>Scripts the page's Content Security Policy stopped. Chromium words it "Refused to
    /// execute inline script…" in older releases and "Executing inline script violates…" in newer
    /// ones (156 here); both name the Content Security Policy and the script-src directive.</summary>
    public IReadOnlyList<string> RefusedScripts => ConsoleErrors.Where(IsRefusedScript).ToList();

    public static bool IsRefusedScript(string consoleText) =>
        consoleText.Contains("Content Security Policy", StringComparison.Ordinal)
        && (consoleText.Contains("script-src", StringComparison.Ordinal) || consoleText.Contains("inline script", StringComparison.Ordinal));

    internal string ConsoleSummary()
    {
        var lines = ConsoleErrors.Select(e => "console error: " + e).Concat(PageErrors.Select(e => "page error: " + e)).ToList();
        return lines.Count == 0 ? "" : Environment.NewLine + string.Join(Environment.NewLine, lines);
    }
}

/// <summary>The failure of a browser test: where it was and the screenshot, around the real error
/// (whose stack trace is the one that matters, so this one shows none of its own).</summary>
public sealed class BrowserTestFailure(string message, Exception inner) : Exception(message, inner)
{
    public override string? StackTrace => null;
}
