using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Renda.Platform.Workflow;

/// <summary>The effects of a module's actions for the generic action endpoint: what each action does to
/// the entity, with the request body bound to a typed input. Actions without an entry just move the state.</summary>
public sealed class WorkflowEffects<T> where T : class, IWorkflowEntity
{
    private readonly Dictionary<string, Func<JsonElement, JsonSerializerOptions, Bound>> _byAction = new(StringComparer.Ordinal);

    internal readonly record struct Bound(Func<WorkflowStep<T>, CancellationToken, Task>? Effect, WorkflowRefusal? Error);

    public WorkflowEffects<T> On(string action, Action<WorkflowStep<T>> effect) =>
        OnAsync(action, (step, _) =>
        {
            effect(step);
            return Task.CompletedTask;
        });

    /// <summary>An effect that queries while it runs (e.g. loads the unit it assigns to).</summary>
    public WorkflowEffects<T> OnAsync(string action, Func<WorkflowStep<T>, CancellationToken, Task> effect)
    {
        _byAction.Add(action, (_, _) => new Bound(effect, null));
        return this;
    }

    /// <summary>An effect taking the request body as <typeparamref name="TInput"/> (camelCase JSON; unknown members ignored).</summary>
    public WorkflowEffects<T> On<TInput>(string action, Action<WorkflowStep<T>, TInput> effect) =>
        OnAsync<TInput>(action, (step, input, _) =>
        {
            effect(step, input);
            return Task.CompletedTask;
        });

    /// <summary>An effect taking the request body as <typeparamref name="TInput"/> that queries while it runs.</summary>
    public WorkflowEffects<T> OnAsync<TInput>(string action, Func<WorkflowStep<T>, TInput, CancellationToken, Task> effect)
    {
        _byAction.Add(action, (body, json) =>
        {
            try
            {
                return body.Deserialize<TInput>(json) is { } input
                    ? new Bound((step, ct) => effect(step, input, ct), null)
                    : new Bound(null, WorkflowRefusal.InvalidInput("body", "缺少请求内容", "A request body is required."));
            }
            catch (JsonException e)
            {
                var field = e.Path is { Length: > 2 } p ? p.TrimStart('$', '.') : "body";
                return new Bound(null, WorkflowRefusal.InvalidInput(field, "输入格式有误", "This field has the wrong type or format."));
            }
        });
        return this;
    }

    internal Bound Bind(string action, JsonElement body, JsonSerializerOptions json) =>
        _byAction.TryGetValue(action, out var bind) ? bind(body, json) : default;
}

/// <summary>The one API shape for workflow entities (ARCHITECTURE.md): <c>GET /{id}</c> returns the
/// entity's view with <c>state</c>, <c>stateLabel</c>, <c>version</c>, <c>allowedActions</c>,
/// <c>actionLabels</c> and <c>history</c>; <c>POST /{id}/actions/{action}</c> with a JSON body
/// (<c>version</c>, <c>comment</c>, and the action's own fields) performs one action.</summary>
public static class WorkflowApi
{
    /// <summary>Maps both endpoints on a module's group, e.g.
    /// <c>app.MapGroup("/api/opinions").RequireAuthorization().MapWorkflowEndpoints(OpinionWorkflow.Definition, (db, id, ct) => db.Set&lt;Opinion&gt;().FindAsync([id], ct).AsTask(), OpinionView.From, OpinionWorkflow.Effects)</c>.
    /// The loader goes through the DbContext, so an entity outside the caller's jurisdiction is not found (404).</summary>
    public static RouteGroupBuilder MapWorkflowEndpoints<T>(this RouteGroupBuilder group, WorkflowDefinition<T> definition,
        Func<AppDbContext, long, CancellationToken, Task<T?>> load, Func<T, object> view, WorkflowEffects<T>? effects = null)
        where T : class, IWorkflowEntity
    {
        group.MapGet("/{id:long}", async (long id, HttpContext http, AppDbContext db, WorkflowEngine engine, ICurrentUser user, CancellationToken ct) =>
            await load(db, id, ct) is { } entity
                ? await GetAsync(definition, entity, view, engine, user, http, ct)
                : Problems.NotFound());

        group.MapPost("/{id:long}/actions/{action}", async (long id, string action, HttpContext http, AppDbContext db,
            WorkflowEngine engine, ICurrentUser user, CancellationToken ct) =>
        {
            if (await load(db, id, ct) is not { } entity) return Problems.NotFound();
            var (body, error) = await ReadBodyAsync(http.Request, ct);
            if (error is not null) return error;
            return await PerformAsync(definition, entity, action, body, http.Request.Headers.IfMatch.ToString(),
                view, effects, engine, user, http, ct);
        });
        return group;
    }

    /// <summary>200 with the entity's view and its workflow fields; the ETag is its version.</summary>
    public static async Task<IResult> GetAsync<T>(WorkflowDefinition<T> definition, T entity, Func<T, object> view,
        WorkflowEngine engine, ICurrentUser user, HttpContext http, CancellationToken ct) where T : class, IWorkflowEntity
    {
        var shape = await ShapeAsync(definition, entity, view(entity), engine, user, JsonOf(http), ct);
        http.Response.Headers.ETag = $"\"{entity.Version.ToString(CultureInfo.InvariantCulture)}\"";
        return TypedResults.Ok(shape);
    }

    /// <summary>Performs one action from a request body: the expected version is the body's <c>version</c>,
    /// else the <c>If-Match</c> header; the comment is the body's <c>comment</c>.</summary>
    public static async Task<IResult> PerformAsync<T>(WorkflowDefinition<T> definition, T entity, string action, JsonElement body,
        string? ifMatch, Func<T, object> view, WorkflowEffects<T>? effects, WorkflowEngine engine, ICurrentUser user,
        HttpContext http, CancellationToken ct) where T : class, IWorkflowEntity
    {
        if (!TryReadCommand(action, body, ifMatch, out var command, out var bad)) return bad!;
        var json = JsonOf(http);
        // Input is bound only for an action the caller may do; a refused one goes to the engine as is
        // (so it is refused, and audited, the same way whatever the body holds).
        var bound = definition.Check(entity, action, user).Allowed ? effects?.Bind(action, body, json) ?? default : default;
        if (bound.Error is { } invalid)
            return new WorkflowResult { Action = action, FromState = entity.State, State = entity.State, Version = entity.Version, Refusal = invalid }
                .ToHttp(() => Results.Empty);

        var result = bound.Effect is { } effect
            ? await engine.ApplyAsync(definition, entity, command, user, effect, ct)
            : await engine.ApplyAsync(definition, entity, command, user, (Action<WorkflowStep<T>>?)null, ct);
        if (!result.Succeeded) return result.ToHttp(() => Results.Empty);
        var shape = await ShapeAsync(definition, entity, view(entity), engine, user, json, ct);
        http.Response.Headers.ETag = $"\"{entity.Version.ToString(CultureInfo.InvariantCulture)}\"";
        return TypedResults.Ok(shape);
    }

    /// <summary>The entity's view (any object that serializes to a JSON object) with the workflow fields added.</summary>
    public static async Task<JsonObject> ShapeAsync<T>(WorkflowDefinition<T> definition, T entity, object view,
        WorkflowEngine engine, ICurrentUser user, JsonSerializerOptions json, CancellationToken ct) where T : class, IWorkflowEntity
    {
        if (JsonSerializer.SerializeToNode(view, view.GetType(), json) is not JsonObject shape)
            throw new ArgumentException("The entity view must serialize to a JSON object.", nameof(view));
        var allowed = definition.AllowedActions(entity, user);
        var history = await engine.HistoryAsync(definition, entity.Id, ct);
        shape["state"] = entity.State;
        shape["stateLabel"] = Label(definition.StateLabel(entity.State));
        shape["version"] = entity.Version;
        shape["allowedActions"] = new JsonArray(allowed.Select(a => (JsonNode?)JsonValue.Create(a.Action)).ToArray());
        shape["actionLabels"] = new JsonObject(allowed.Select(a => KeyValuePair.Create(a.Action, (JsonNode?)Label(a.Label))));
        shape["history"] = new JsonArray(history.Select(h => (JsonNode?)new JsonObject
        {
            ["at"] = h.At.ToString("O", CultureInfo.InvariantCulture),
            ["action"] = h.Action,
            ["actionLabel"] = Label(definition.ActionLabel(h.Action)),
            ["from"] = h.FromState,
            ["to"] = h.ToState,
            ["actor"] = h.Actor,
            ["actorRole"] = h.ActorRole,
            ["comment"] = h.Comment,
            ["data"] = h.Data is null ? null : JsonNode.Parse(h.Data),
        }).ToArray());
        return shape;
    }

    /// <summary>Reads the optional JSON object body of an action request (an empty body is an empty object).</summary>
    public static async Task<(JsonElement Body, IResult? Error)> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length == 0) return (EmptyObject(), null);
        try
        {
            using var doc = JsonDocument.Parse(buffer.ToArray());
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? (doc.RootElement.Clone(), null)
                : (default, Problems.Validation("body", "请求内容须为JSON对象"));
        }
        catch (JsonException)
        {
            return (default, Problems.Validation("body", "请求内容不是有效的JSON"));
        }
    }

    internal static bool TryReadCommand(string action, JsonElement body, string? ifMatch, out WorkflowCommand command, out IResult? error)
    {
        command = new WorkflowCommand(action);
        error = null;
        long? version = null;
        string? comment = null;
        if (body.ValueKind == JsonValueKind.Object)
        {
            if (body.TryGetProperty("version", out var v) && v.ValueKind != JsonValueKind.Null)
            {
                if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var n)) { error = Problems.Validation("version", "版本号须为整数"); return false; }
                version = n;
            }
            if (body.TryGetProperty("comment", out var c) && c.ValueKind != JsonValueKind.Null)
            {
                if (c.ValueKind != JsonValueKind.String) { error = Problems.Validation("comment", "意见须为文本"); return false; }
                comment = c.GetString();
            }
        }
        if (version is null && !string.IsNullOrWhiteSpace(ifMatch) && ifMatch.Trim() != "*")
        {
            var tag = ifMatch.Trim();
            if (tag.StartsWith("W/", StringComparison.Ordinal)) tag = tag[2..];
            if (!long.TryParse(tag.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                error = Problems.Validation("If-Match", "If-Match 须为版本号");
                return false;
            }
            version = n;
        }
        command = new WorkflowCommand(action, version, comment);
        return true;
    }

    private static JsonObject Label(WorkflowLabel l) => new() { ["zh"] = l.Zh, ["en"] = l.En };

    private static JsonElement EmptyObject()
    {
        using var doc = JsonDocument.Parse("{}");
        return doc.RootElement.Clone();
    }

    private static JsonSerializerOptions JsonOf(HttpContext http) =>
        http.RequestServices?.GetService<IOptions<JsonOptions>>()?.Value.SerializerOptions ?? JsonSerializerOptions.Web;
}
