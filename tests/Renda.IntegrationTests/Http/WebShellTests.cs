using System.Net;
using System.Text;
using Renda.IntegrationTests.Infrastructure;
using Renda.Platform.Auth;

namespace Renda.IntegrationTests.Http;

public sealed class WebShellTests(RendaApp app) : IClassFixture<RendaApp>
{
    [Fact]
    public async Task Health_checks_the_database()
    {
        var res = await app.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("Healthy", await res.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_document_lists_the_login_endpoint()
    {
        var doc = await (await app.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync();
        Assert.StartsWith("3.", doc.GetProperty("openapi").GetString());
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/auth/login", out _));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/api/me")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var res = await app.CreateClient().GetAsync(path);
        var csp = string.Join(";", res.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", res.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Pages_contain_no_inline_script_or_style()
    {
        var html = await app.CreateClient().GetStringAsync("/");
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("style=\"", html);
        Assert.Contains("<html lang=\"zh-CN\">", html);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        await app.CreateUserAsync("af-staff", "330523", Roles.CongressStaff);
        var res = await app.PageClient().PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "af-staff", ["Password"] = Api.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
    }

    [Fact]
    public async Task Unknown_api_route_is_404_problem_json()
    {
        var res = await app.CreateClient().GetAsync("/api/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        var body = await res.JsonAsync();
        Assert.Equal("未找到", body.GetProperty("titleZh").GetString());
        Assert.Equal("Not found", body.GetProperty("titleEn").GetString());
    }

    [Theory]
    [InlineData("{\"userName\": ")]
    [InlineData("{\"userName\": 12, \"password\": []}")]
    [InlineData("\u00ff\u00fe not json")]
    public async Task Malformed_json_is_400_problem_json_not_500(string body)
    {
        var res = await app.CreateClient().PostAsync("/api/auth/login",
            new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Hostile_user_name_is_encoded_on_the_page_not_run()
    {
        var web = app.PageClient();
        var res = await web.SignInWithFormAsync("<script>alert(1)</script>", "x");
        var html = await res.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("role=\"alert\"", html);
    }

    [Fact]
    public async Task Language_switch_sets_english_and_only_redirects_locally()
    {
        var web = app.PageClient();
        var sw = await web.GetAsync("/lang/en?returnUrl=/account/login");
        Assert.Equal("/account/login", sw.Headers.Location?.OriginalString);
        var html = await web.GetStringAsync("/account/login");
        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains("Staff sign-in", html);

        var evil = await web.GetAsync("/lang/zh?returnUrl=//evil.example/x");
        Assert.Equal("/", evil.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Workbench_requires_sign_in_and_shows_the_navigation_of_the_role()
    {
        var anonymous = await app.PageClient().GetAsync("/workbench");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location?.AbsolutePath ?? "");

        await app.CreateUserAsync("nav-sec", "330523", Roles.SecurityAdmin);
        var web = app.PageClient();
        await web.SignInWithFormAsync("nav-sec");
        var html = await web.GetStringAsync("/workbench");
        Assert.Contains("href=\"/admin/roles\"", html);
        Assert.DoesNotContain("href=\"/audit\"", html);
        Assert.DoesNotContain("href=\"/admin/users\"", html);
    }
}
