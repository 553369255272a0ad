using System.Net;
using System.Text;
using Renda.IntegrationTests.Infrastructure;

namespace Renda.IntegrationTests.Opinions;

/// <summary>The pages of the feeds: the hotline upload with its report, and the admin's Open311 keys.</summary>
[Collection(OpinionsCollection.Name)]
public sealed class HotlineImportPageTests(DemoApp app)
{
    [Fact]
    public async Task Staff_upload_a_batch_on_the_page_and_see_the_report_row_by_row()
    {
        var page = app.PageClient();
        await page.SignInWithFormAsync("demo-staff", RendaApp.DemoPassword);
        var b = Guid.NewGuid().ToString("N")[..8];
        var json = $$"""[{"externalId":"{{b}}-1","content":"<b>路面</b>塌陷"},{"externalId":"{{b}}-2","content":""}]""";
        var token = await page.AntiforgeryTokenAsync("/opinions/feeds/hotline");
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(json)), "Upload", "tickets.json" },
        };
        var res = await page.PostAsync("/opinions/feeds/hotline", form);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var html = await res.Content.ReadAsStringAsync();
        Assert.Contains($"{b}-1", html);
        Assert.Contains("请填写反映的问题", html);
        Assert.Contains("<strong>1</strong> 新建", html);

        var unit = app.PageClient();
        await unit.SignInWithFormAsync("demo-unit", RendaApp.DemoPassword);
        Assert.NotEqual(HttpStatusCode.OK, (await unit.GetAsync("/opinions/feeds/hotline")).StatusCode);
    }

    [Fact]
    public async Task The_admin_issues_a_key_on_the_page_sees_it_once_and_revokes_it()
    {
        var page = app.PageClient();
        await page.SignInWithFormAsync("demo-admin", RendaApp.DemoPassword);
        var name = "政务App-" + Guid.NewGuid().ToString("N")[..6];
        var res = await page.PostFormAsync("/admin/open311-keys?handler=Issue", new Dictionary<string, string> { ["Name"] = name }, "/admin/open311-keys");
        var html = await res.Content.ReadAsStringAsync();
        Assert.Contains(name, html);
        var key = System.Text.RegularExpressions.Regex.Match(html, "o311_[A-Za-z0-9_-]{20,}").Value;
        Assert.NotEmpty(key);
        Assert.DoesNotContain(key, await page.GetStringAsync("/admin/open311-keys"));   // shown once

        var staff = app.PageClient();
        await staff.SignInWithFormAsync("demo-staff", RendaApp.DemoPassword);
        Assert.NotEqual(HttpStatusCode.OK, (await staff.GetAsync("/admin/open311-keys")).StatusCode);
    }
}
