using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Renda.Platform.Workflow;

namespace Renda.UnitTests.Workflow;

/// <summary>The one API shape, through the helpers a module maps (the endpoints are thin lambdas over these).</summary>
public sealed class WorkflowApiTests : IDisposable
{
    private sealed record RateInput(string? Rating);

    private static readonly WorkflowEffects<Ticket> Effects = new WorkflowEffects<Ticket>()
        .On<RateInput>("rate", (step, input) => Ticket.Rate(step, input.Rating))
        .On("merge", step => step.RequireComment());

    private static object View(Ticket t) => new { id = t.Id, title = t.Title };

    private readonly TicketDatabase _db = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().BuildServiceProvider();

    public void Dispose()
    {
        _services.Dispose();
        _db.Dispose();
    }

    private async Task<(int Status, JsonElement Body, HttpContext Http)> Post(long id, string action, TestUser user, string body, string? ifMatch = null)
    {
        await using var db = _db.Open(user);
        var ticket = db.Tickets.Single(t => t.Id == id);
        var http = NewContext(body);
        var (json, error) = await WorkflowApi.ReadBodyAsync(http.Request, default);
        var result = error ?? await WorkflowApi.PerformAsync(Ticket.Definition, ticket, action, json, ifMatch, View, Effects,
            _db.Engine(db), user, http, default);
        return await Execute(result, http);
    }

    private HttpContext NewContext(string body = "")
    {
        var http = new DefaultHttpContext { RequestServices = _services };
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        http.Response.Body = new MemoryStream();
        return http;
    }

    private static async Task<(int, JsonElement, HttpContext)> Execute(IResult result, HttpContext http)
    {
        await result.ExecuteAsync(http);
        http.Response.Body.Position = 0;
        var text = await new StreamReader(http.Response.Body).ReadToEndAsync();
        return (http.Response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), http);
    }

    [Fact]
    public async Task A_performed_action_answers_200_with_the_entity_state_allowed_actions_and_history()
    {
        var id = _db.Seed("replied");

        var (status, body, http) = await Post(id, "rate", People.Submitter, """{"rating":"unsatisfied","version":1,"comment":"还没修好"}""");

        Assert.Equal(200, status);
        Assert.Equal("\"2\"", http.Response.Headers.ETag.ToString());
        Assert.Equal(("路灯不亮", "in_progress", "办理中", "In progress", 2L),
            (body.GetProperty("title").GetString(), body.GetProperty("state").GetString(),
             body.GetProperty("stateLabel").GetProperty("zh").GetString(), body.GetProperty("stateLabel").GetProperty("en").GetString(),
             body.GetProperty("version").GetInt64()));
        Assert.Equal(0, body.GetProperty("allowedActions").GetArrayLength());
        var h = Assert.Single(body.GetProperty("history").EnumerateArray());
        Assert.Equal(("replied", "rate", "in_progress", "还没修好", "unsatisfied"),
            (h.GetProperty("from").GetString(), h.GetProperty("action").GetString(), h.GetProperty("to").GetString(),
             h.GetProperty("comment").GetString(), h.GetProperty("data").GetProperty("rating").GetString()));
    }

    [Fact]
    public async Task Get_shows_the_callers_allowed_actions_with_labels()
    {
        var id = _db.Seed("assigned");
        await using var db = _db.Open(People.Unit);
        var ticket = db.Tickets.Single(t => t.Id == id);
        var http = NewContext();

        var (status, body, _) = await Execute(
            await WorkflowApi.GetAsync(Ticket.Definition, ticket, View, _db.Engine(db), People.Unit, http, default), http);

        Assert.Equal(200, status);
        Assert.Equal(["acknowledge", "return"], body.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("签收", body.GetProperty("actionLabels").GetProperty("acknowledge").GetProperty("zh").GetString());
        Assert.Equal("\"1\"", http.Response.Headers.ETag.ToString());
    }

    [Fact]
    public async Task A_refused_action_is_409_problem_json_with_a_stable_type_and_both_languages()
    {
        var id = _db.Seed("submitted");

        var (status, body, http) = await Post(id, "triage", People.Unit, "");

        Assert.Equal(409, status);
        Assert.StartsWith("application/problem+json", http.Response.ContentType);
        Assert.Equal("urn:renda:problem:role-not-allowed", body.GetProperty("type").GetString());
        Assert.Equal("您的角色不能执行此操作", body.GetProperty("titleZh").GetString());
        Assert.Equal("Your role may not perform this action", body.GetProperty("titleEn").GetString());
        Assert.Equal("Only Congress staff may 'triage'.", body.GetProperty("reasonEn").GetString());
        Assert.Equal(["congress_staff"], body.GetProperty("allowedRoles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("submitted", _db.Read(id).Ticket.State);
    }

    [Fact]
    public async Task A_refusal_for_the_state_is_409_action_not_allowed()
    {
        var id = _db.Seed("closed");

        var (status, body, _) = await Post(id, "triage", People.Staff, "{}");

        Assert.Equal((409, "urn:renda:problem:action-not-allowed"), (status, body.GetProperty("type").GetString()));
        Assert.Equal("closed", body.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_stale_if_match_is_412()
    {
        var id = _db.Seed("submitted");

        var (status, body, _) = await Post(id, "triage", People.Staff, "", ifMatch: "W/\"7\"");

        Assert.Equal((412, "urn:renda:problem:stale-version", 1L),
            (status, body.GetProperty("type").GetString(), body.GetProperty("currentVersion").GetInt64()));
        Assert.Equal(1L, _db.Read(id).Ticket.Version);
    }

    [Fact]
    public async Task The_body_version_wins_over_if_match()
    {
        var id = _db.Seed("submitted");

        var (status, _, _) = await Post(id, "triage", People.Staff, """{"version":1}""", ifMatch: "\"7\"");

        Assert.Equal(200, status);
    }

    [Theory]
    [InlineData("""{"rating":5}""", "rating")]
    [InlineData("""{"rating":"very_happy"}""", "rating")]
    [InlineData("""{"version":"one"}""", "version")]
    [InlineData("""{"comment":["<script>alert(1)</script>"]}""", "comment")]
    [InlineData("""[1,2]""", "body")]
    [InlineData("""{"rating": "satisfied" """, "body")]
    public async Task Bad_input_is_400_with_the_field_at_fault_and_changes_nothing(string json, string field)
    {
        var id = _db.Seed("replied");

        var (status, body, _) = await Post(id, "rate", People.Submitter, json);

        Assert.Equal(400, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
        Assert.Equal(("replied", 1L), (_db.Read(id).Ticket.State, _db.Read(id).Ticket.Version));
    }

    [Fact]
    public async Task A_reason_required_by_the_effect_is_400_on_the_comment()
    {
        var id = _db.Seed("submitted");

        var (status, body, _) = await Post(id, "merge", People.Staff, """{"comment":"  "}""");

        Assert.Equal(400, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("comment", out _));
    }

    [Fact]
    public async Task A_caller_who_may_not_act_gets_409_whatever_the_body_holds()
    {
        var id = _db.Seed("replied");

        var (status, body, _) = await Post(id, "rate", People.OtherRep, """{"rating":5}""");

        Assert.Equal((409, "urn:renda:problem:role-not-allowed"), (status, body.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task A_business_refusal_from_an_effect_keeps_its_own_type()
    {
        var result = new WorkflowResult
        {
            Action = "merge", FromState = "submitted", State = "submitted", Version = 3,
            Refusal = new WorkflowRefusal("merge-target-closed", "合并目标已办结", "The target is closed."),
        };

        var (status, body, _) = await Execute(result.ToHttp(new { }), NewContext());

        Assert.Equal((409, "urn:renda:problem:merge-target-closed", "合并目标已办结"),
            (status, body.GetProperty("type").GetString(), body.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task A_success_result_maps_to_200_with_the_given_body()
    {
        var result = new WorkflowResult { Action = "triage", FromState = "submitted", State = "triaged", Version = 2 };

        var (status, body, _) = await Execute(result.ToHttp(new { state = "triaged" }), NewContext());

        Assert.Equal((200, "triaged"), (status, body.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task An_empty_body_is_an_empty_object()
    {
        var (json, error) = await WorkflowApi.ReadBodyAsync(NewContext("").Request, default);

        Assert.Null(error);
        Assert.Equal(JsonValueKind.Object, json.ValueKind);
    }
}
