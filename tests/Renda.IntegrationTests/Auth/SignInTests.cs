using System.Net;
using System.Net.Http.Json;
using Renda.IntegrationTests.Infrastructure;
using Renda.Platform.Auth;

namespace Renda.IntegrationTests.Auth;

public sealed class SignInTests : IClassFixture<RendaApp>
{
    private readonly RendaApp _app;
    public SignInTests(RendaApp app) => _app = app;

    [Fact]
    public async Task Login_returns_a_bearer_token_that_opens_api_me()
    {
        await _app.CreateUserAsync("staff-login", "330523", Roles.CongressStaff);
        var http = await _app.SignedInAsync("staff-login");

        var me = await (await http.GetAsync("/api/me")).JsonAsync();

        Assert.Equal("staff-login", me.GetProperty("userName").GetString());
        Assert.Equal("330523", me.GetProperty("jurisdictionCode").GetString());
        Assert.Equal([Roles.CongressStaff], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_even_the_right_password_gets_no_token()
    {
        await _app.CreateUserAsync("staff-lock", "330523", Roles.CongressStaff);
        var http = _app.CreateClient();

        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.LoginAsync("staff-lock", "wrong-Password-1")).StatusCode);
        var fifth = await http.LoginAsync("staff-lock", "wrong-Password-1");
        var right = await http.LoginAsync("staff-lock", Api.Password);

        Assert.Equal(HttpStatusCode.Locked, fifth.StatusCode);
        Assert.Equal(HttpStatusCode.Locked, right.StatusCode);
        Assert.Equal("application/problem+json", right.Content.Headers.ContentType?.MediaType);
        var body = await right.Content.ReadAsStringAsync();
        Assert.DoesNotContain("accessToken", body);
        Assert.Contains("urn:renda:problem:account-locked", body);
    }

    [Fact]
    public async Task Api_without_a_token_is_401_problem_json()
    {
        var res = await _app.CreateClient().GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Login_with_empty_fields_is_400_with_field_errors()
    {
        var res = await _app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = "", password = "" });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var errors = (await res.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("userName", out _));
        Assert.True(errors.TryGetProperty("password", out _));
    }
}
