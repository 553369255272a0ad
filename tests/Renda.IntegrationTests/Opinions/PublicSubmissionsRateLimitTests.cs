using System.Net;
using System.Net.Http.Json;
using Renda.IntegrationTests.Infrastructure;

namespace Renda.IntegrationTests.Opinions;

/// <summary>The app with a per-IP limit of two public submissions a minute.</summary>
public sealed class RateLimitedApp : RendaApp
{
    public const int Limit = 2;
    protected override int PermitsPerMinute => Limit;
}

/// <summary>The <c>public-submissions</c> policy: POSTs of the API and of the page form share one per-IP budget;
/// reading is free; a refusal is 429 problem+json with Retry-After.</summary>
public sealed class PublicSubmissionsRateLimitTests : IClassFixture<RateLimitedApp>
{
    private readonly RateLimitedApp _app;
    public PublicSubmissionsRateLimitTests(RateLimitedApp app) => _app = app;

    [Fact]
    public async Task The_third_submission_in_a_minute_is_refused_with_retry_after_on_the_api_and_the_page()
    {
        var http = _app.CreateClient();
        for (var i = 0; i < RateLimitedApp.Limit; i++)
        {
            var res = await http.PostAsJsonAsync("/api/public/opinions", new { content = "限流测试", phone = "123" });
            Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);   // counted even when refused for its input
        }
        var limited = await http.PostAsJsonAsync("/api/public/opinions", new { content = "限流测试", phone = "13812348000" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        var retry = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retry);
        Assert.InRange(retry!.Value.TotalSeconds, 1, 60);
        Assert.Equal("urn:renda:problem:too-many-requests", (await limited.JsonAsync()).GetProperty("type").GetString());

        // Reading is not limited; rating and the page form share the budget.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/public/opinions/AAAAA-AAAAA")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests,
            (await http.PostAsJsonAsync("/api/public/opinions/AAAAA-AAAAA/rating", new { rating = "satisfied" })).StatusCode);
        var page = _app.PageClient();
        Assert.Equal(HttpStatusCode.OK, (await page.GetAsync("/p/opinion")).StatusCode);
        // The tracking page carries the policy for its rating form; viewing it is still free.
        Assert.Equal(HttpStatusCode.OK, (await page.GetAsync("/p/t")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await page.GetAsync("/p/t/AAAAA-AAAAA")).StatusCode);
        var form = await page.PostOpinionFormAsync("/p/opinion", PublicTestSupport.GoodForm("限流页面测试"));
        Assert.Equal(HttpStatusCode.TooManyRequests, form.StatusCode);
        Assert.NotNull(form.Headers.RetryAfter);
        Assert.Contains("提交过于频繁", await form.Content.ReadAsStringAsync());
    }
}
