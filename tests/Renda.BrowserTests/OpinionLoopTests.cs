using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Renda.BrowserTests.Infrastructure;
using Renda.BrowserTests.Pages;
using Renda.Modules.Stations;
using Renda.Platform.Data;
using static Microsoft.Playwright.Assertions;

namespace Renda.BrowserTests;

/// <summary>The closed loop of 民意直通车, as the people in it do it: a citizen on a phone at a station's code,
/// staff triage and assign, the unit acknowledges and replies, the citizen is not satisfied, the unit handles
/// it again, the citizen is satisfied, staff publish it.</summary>
public sealed class OpinionLoopTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static BrowserNewContextOptions Phone() => new()
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 3,
    };

    [Fact]
    public Task A_citizen_opinion_goes_round_the_whole_loop() => OnPageAsync(async s =>
    {
        var tag = Guid.NewGuid().ToString("N")[..5];
        var content = $"东门菜市场门口的路灯坏了，晚上买菜看不清路 {tag}";
        string stationCode, stationName;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var station = await db.Set<Station>().IgnoreQueryFilters().Where(x => x.JurisdictionCode.StartsWith("330523")).OrderBy(x => x.Id).FirstAsync();
            (stationCode, stationName) = (station.PublicCode, station.Name);
        }

        // 1. The citizen opens the station's code on a phone, writes the opinion and gets a tracking code.
        await using var phone = await Fixture.NewContextAsync(Phone());
        var citizen = await phone.NewPageAsync();
        await citizen.GotoAsync($"/p/s/{stationCode}/opinion");
        await citizen.GetByLabel("反映的问题").FillAsync(content);
        await citizen.GetByLabel("姓名（可不填，匿名反映）").FillAsync("李建国");
        await citizen.GetByLabel("手机号码").FillAsync("13812345678");
        await citizen.GetByLabel("我已阅读并同意上述个人信息保护说明").CheckAsync();
        await citizen.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).ClickAsync();
        var shown = citizen.GetByTestId("tracking-code");
        await Expect(shown).ToBeVisibleAsync();
        var trackingCode = (await shown.InnerTextAsync()).Trim().Replace("-", "", StringComparison.Ordinal);
        var widths = await citizen.EvaluateAsync<int[]>("() => [window.innerWidth, document.documentElement.scrollWidth]");
        Assert.True(widths[1] <= widths[0], $"the citizen page scrolls sideways on a phone: {widths[1]} > {widths[0]}");

        // 2. Staff find it in the inbox by a two-character word, triage it and assign it to the housing bureau.
        var staff = s.Page;
        await SignInAsync(staff, RendaServer.StaffUserName);
        await staff.GotoAsync("/opinions");
        var inbox = new OpinionInboxPage(staff);
        await inbox.FindAsync($"路灯 {tag}");
        await Expect(inbox.Table).ToContainTextAsync("138****5678");
        await inbox.Opinion("东门菜市场门口的路灯坏了").ClickAsync();
        var opinion = new OpinionPage(staff);
        await Expect(opinion.Heading).ToContainTextAsync(TrackingDisplay(trackingCode));
        await opinion.Form("梳理").GetByLabel("紧急程度").SelectOptionAsync("urgent");
        await opinion.Submit("梳理").ClickAsync();
        await Expect(opinion.Flash).ToContainTextAsync("已梳理");
        await opinion.Form("交办").GetByLabel("承办单位").SelectOptionAsync(new SelectOptionValue { Label = "安吉县住房和城乡建设局" });
        await opinion.Submit("交办").ClickAsync();
        await Expect(opinion.Flash).ToContainTextAsync("已交办");
        await Expect(opinion.Handling).ToContainTextAsync("安吉县住房和城乡建设局");
        var detailUrl = staff.Url;

        // 3. The unit acknowledges and replies.
        await using var unitContext = await Fixture.NewContextAsync();
        var unit = await unitContext.NewPageAsync();
        await SignInAsync(unit, "demo-unit");
        await unit.GotoAsync("/opinions?state=assigned&q=" + Uri.EscapeDataString(tag));
        await Expect(new OpinionInboxPage(unit).Table).ToContainTextAsync("2026-");
        await unit.GotoAsync(detailUrl);
        var atUnit = new OpinionPage(unit);
        await atUnit.Submit("签收").ClickAsync();
        await Expect(atUnit.Flash).ToContainTextAsync("已签收");
        await atUnit.Form("答复").GetByLabel("答复内容（办理情况）").FillAsync("已安排人员更换灯具，目前路灯已恢复照明。");
        await atUnit.Submit("答复").ClickAsync();
        await Expect(atUnit.Flash).ToContainTextAsync("已答复");

        // 4. The citizen is not satisfied: it goes back to the unit for a second round.
        await RateAsync(citizen, trackingCode, "不满意");
        await unit.ReloadAsync();
        await Expect(atUnit.Heading).ToBeVisibleAsync();
        await Expect(unit.GetByText("第2轮办理").First).ToBeVisibleAsync();
        await atUnit.Form("答复").GetByLabel("答复内容（办理情况）").FillAsync("已增设两盏路灯并加装定时器，夜间照明全覆盖。");
        await atUnit.Submit("答复").ClickAsync();
        await Expect(atUnit.Flash).ToContainTextAsync("已答复");

        // 5. Satisfied this time: it closes; staff publish it.
        await RateAsync(citizen, trackingCode, "满意");
        await staff.GotoAsync(detailUrl);
        await opinion.Submit("公示").ClickAsync();
        await Expect(opinion.Flash).ToContainTextAsync("已公示");
        await Expect(opinion.History).ToContainTextAsync("评价");
        await Expect(opinion.History).ToContainTextAsync("公示");

        await staff.GotoAsync("/opinions?state=closed&q=" + Uri.EscapeDataString(tag));
        await Expect(inbox.Table).ToContainTextAsync("已公示");
        await Expect(inbox.Table).Not.ToContainTextAsync("李建国");
        await Expect(inbox.Table).Not.ToContainTextAsync("13812345678");

        // 6. It is in the public disclosure list, with the citizen's name and phone nowhere.
        await citizen.GotoAsync("/p/disclosures");
        await Expect(citizen.GetByText(tag).First).ToBeVisibleAsync();
        await Expect(citizen.Locator("body")).Not.ToContainTextAsync("李建国");
        await Expect(citizen.Locator("body")).Not.ToContainTextAsync("13812345678");
        Assert.Empty(s.PageErrors);
        Assert.Empty(s.RefusedScripts);
    });

    private static async Task SignInAsync(IPage page, string user)
    {
        var login = await new LoginPage(page).OpenAsync();
        await login.SignInAsync(user, RendaServer.DemoPassword);
        await page.WaitForURLAsync(u => !u.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>The citizen rates on the tracking page (/p/t/{code}) of the phone.</summary>
    private static async Task RateAsync(IPage citizen, string trackingCode, string rating)
    {
        await citizen.GotoAsync($"/p/t/{trackingCode}");
        await citizen.GetByLabel(rating, new() { Exact = true }).CheckAsync();
        await citizen.GetByRole(AriaRole.Button, new() { Name = "提交评价", Exact = true }).ClickAsync();
        await Expect(citizen.Locator("article.tracking")).ToContainTextAsync(rating == "满意" ? "已办结" : "办理中");
    }

    private static string TrackingDisplay(string code) => code.Length == 10 ? $"{code[..5]}-{code[5..]}" : code;
}
