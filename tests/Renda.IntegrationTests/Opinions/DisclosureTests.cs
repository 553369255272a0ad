using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.HandlingUnits;
using Renda.Modules.Opinions;
using Renda.Modules.Representatives;
using Renda.Platform.Data;

namespace Renda.IntegrationTests.Opinions;

/// <summary>公示: only closed and published items, in the one list shape, masked; the page likewise.</summary>
[Collection(OpinionsCollection.Name)]
public sealed class DisclosureTests(DemoApp app)
{
    [Fact]
    public async Task Only_published_closed_items_are_listed_with_names_and_phones_never_and_numbers_in_text_masked()
    {
        long repId; string repName, repCode; long unitId;
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var rep = await db.Set<Representative>().IgnoreQueryFilters().Where(r => r.Status == RepresentativeStatus.InOffice)
                .OrderByDescending(r => r.Id).FirstAsync();
            (repId, repName, repCode) = (rep.Id, rep.Name, rep.PublicCode);
            unitId = await db.Set<HandlingUnit>().IgnoreQueryFilters().OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
        }
        var http = app.CreateClient();
        var res = await http.PostAsJsonAsyncFor(new
        {
            content = "公示测试：小区电梯常坏，联系13622223333，身份证330523198001011234", category = "elderly_care",
            representativeCode = repCode, submitterName = "孙八", phone = "13912345678",
        });
        var published = res;
        var notPublished = await app.SubmitOpinionAsCitizenAsync("公示测试：办结但未公示", category: "elderly_care");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.ForceStateAsync(published, "closed", o =>
        {
            o.UnitId = unitId; o.ReplyContent = "已更换电梯主板，维保电话13633334444"; o.RepliedAt = now.AddDays(-3); o.Rating = "satisfied";
            o.ClosedAt = now.AddDays(-1); o.ClosedReason = "rated"; o.PublishedAt = now; o.Round = 1;
        });
        await app.ForceStateAsync(notPublished, "closed", o => { o.ClosedAt = now; o.ClosedReason = "not_rated"; });

        var list = await (await http.GetAsync("/api/public/disclosures?category=elderly_care&pageSize=200")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(list.GetProperty("total").GetInt32() >= 1);
        Assert.Equal(200, list.GetProperty("pageSize").GetInt32());
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.DoesNotContain(items, i => i.GetProperty("content").GetString()!.Contains("办结但未公示"));
        Assert.All(items, i => Assert.Equal("elderly_care", i.GetProperty("category").GetString()));
        var item = Assert.Single(items, i => i.GetProperty("content").GetString()!.StartsWith("公示测试：小区电梯"));
        Assert.Contains("136****3333", item.GetProperty("content").GetString());
        Assert.Contains("3305**********1234", item.GetProperty("content").GetString());
        Assert.Contains("136****4444", item.GetProperty("reply").GetString());
        Assert.Equal(repName, item.GetProperty("representativeName").GetString());
        Assert.Equal(("满意", 2), (item.GetProperty("ratingLabel").GetString(), item.GetProperty("rounds").GetInt32()));
        Assert.NotEqual(JsonValueKind.Null, item.GetProperty("unitName").ValueKind);
        var raw = item.GetRawText();
        foreach (var secret in new[] { "孙八", "13912345678", "139****5678", "13622223333", "13633334444", "330523198001011234", TrackingCodes.Normalize(published)! })
            Assert.DoesNotContain(secret, raw);

        var html = await app.PageClient().GetStringAsync("/p/disclosures?category=elderly_care");
        Assert.Contains("公示测试：小区电梯常坏，联系136****3333", html);
        Assert.Contains(repName, html);
        Assert.DoesNotContain("孙八", html);
        Assert.DoesNotContain("13622223333", html);
        Assert.DoesNotContain("办结但未公示", html);
        Assert.Contains("href=\"/p/disclosures\"", await app.PageClient().GetStringAsync("/"));
    }

    [Fact]
    public async Task An_unknown_category_is_a_bad_request_and_the_list_pages()
    {
        var http = app.CreateClient();
        var bad = await http.GetAsync("/api/public/disclosures?category=%3Cscript%3E");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var page = await (await http.GetAsync("/api/public/disclosures?page=1&pageSize=1")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, 1), (page.GetProperty("page").GetInt32(), page.GetProperty("pageSize").GetInt32()));
        Assert.True(page.GetProperty("items").GetArrayLength() <= 1);
    }
}

internal static class DisclosureTestSupport
{
    /// <summary>Submits through the public API and returns the tracking code.</summary>
    public static async Task<string> PostAsJsonAsyncFor(this HttpClient http, object body)
    {
        var res = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, "/api/public/opinions", body);
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return (await res.JsonAsync()).GetProperty("trackingCode").GetString()!;
    }
}
