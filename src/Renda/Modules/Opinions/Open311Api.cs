using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Renda.Modules.HandlingUnits;
using Renda.Platform.Calendar;
using Renda.Platform.Data;
using Renda.Platform.Http;

namespace Renda.Modules.Opinions;

/// <summary>An Open311 error (GeoReport v2 "Errors"): responses carry an array of them.</summary>
public sealed record Open311Error([property: JsonPropertyName("code")] int Code, [property: JsonPropertyName("description")] string Description);

public sealed record Open311Service(
    [property: JsonPropertyName("service_code")] string ServiceCode,
    [property: JsonPropertyName("service_name")] string ServiceName,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("metadata")] bool Metadata,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("keywords")] string? Keywords,
    [property: JsonPropertyName("group")] string? Group);

public sealed record Open311Request(
    [property: JsonPropertyName("service_request_id")] string ServiceRequestId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("status_notes")] string? StatusNotes,
    [property: JsonPropertyName("service_name")] string? ServiceName,
    [property: JsonPropertyName("service_code")] string ServiceCode,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("agency_responsible")] string? AgencyResponsible,
    [property: JsonPropertyName("service_notice")] string? ServiceNotice,
    [property: JsonPropertyName("requested_datetime")] string RequestedDatetime,
    [property: JsonPropertyName("updated_datetime")] string? UpdatedDatetime,
    [property: JsonPropertyName("expected_datetime")] string? ExpectedDatetime,
    [property: JsonPropertyName("address")] string? Address,
    [property: JsonPropertyName("address_id")] string? AddressId,
    [property: JsonPropertyName("zipcode")] string? Zipcode,
    [property: JsonPropertyName("lat")] double? Lat,
    [property: JsonPropertyName("long")] double? Long,
    [property: JsonPropertyName("media_url")] string? MediaUrl);

public sealed record Open311Created(
    [property: JsonPropertyName("service_request_id")] string ServiceRequestId,
    [property: JsonPropertyName("service_notice")] string? ServiceNotice,
    [property: JsonPropertyName("account_id")] string? AccountId);

/// <summary>Open311 GeoReport v2 at <c>/open311/v2/</c> (JSON only): discovery, services (the opinion
/// categories), requests (GET: the opinions that came in through Open311, texts masked; POST: a new one,
/// with an admin-issued <c>api_key</c>), one request. Statuses map to open/closed, <c>status_notes</c>
/// carries the Chinese state. Errors are Open311 error arrays with the HTTP status in <c>code</c>.</summary>
public static class Open311Api
{
    public const string Prefix = "/open311/v2";
    /// <summary>GeoReport's default window for requests.json without dates, and its longest.</summary>
    public const int DefaultDays = 90, MaxResults = 1000;
    private const string Uncategorized = "other";
    private static readonly string[] States = ["submitted", "triaged", "assigned", "in_progress", "replied", "closed", "merged", "declined", "escalated"];
    private static readonly List<string> Finals = States.Where(OpinionWorkflow.Definition.IsFinal).ToList();

    public static IEndpointRouteBuilder MapOpen311Api(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).AllowAnonymous().WithTags("Open311 GeoReport v2").DisableAntiforgery();

        api.MapGet("/discovery.json", (HttpRequest request, IConfiguration config, TimeProvider clock) =>
        {
            var baseUrl = config["PublicCodes:BaseUrl"] is { Length: > 0 } b ? b.TrimEnd('/') : $"{request.Scheme}://{request.Host}{request.PathBase}";
            const string changeset = "2026-03-01T00:00:00Z";
            return TypedResults.Json(new Dictionary<string, object?>
            {
                ["changeset"] = changeset,
                ["contact"] = config["Open311:Contact"] ?? "人大常委会办公室",
                ["key_service"] = config["Open311:KeyService"] ?? "请联系系统管理员申请 api_key / Ask the system administrator for an api_key",
                ["endpoints"] = new[]
                {
                    new Dictionary<string, object?>
                    {
                        ["specification"] = "http://wiki.open311.org/GeoReport_v2",
                        ["url"] = baseUrl + Prefix,
                        ["changeset"] = changeset,
                        ["type"] = "production",
                        ["formats"] = new[] { "application/json" },
                    },
                },
            });
        });

        api.MapGet("/services.json", () => TypedResults.Json(OpinionCategories.All.Select(c =>
            new Open311Service(c.Code, c.Zh, c.En, false, "realtime", null, null)).ToList()));

        api.MapGet("/requests.json", ListAsync);
        api.MapPost("/requests.json", CreateAsync).RequireRateLimiting(PublicSubmissionsRateLimit.Policy);
        api.MapGet("/requests/{id}.json", async (string id, AppDbContext db, CancellationToken ct) =>
        {
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return Error(404, "service_request_id not found");
            var list = await QueryAsync(db, Open311Opinions(db).Where(o => o.Id == n), ct);
            return list.Count == 0 ? Error(404, "service_request_id not found") : TypedResults.Json(list);
        });
        return app;
    }

    /// <summary>Opinions visible through Open311: those Open311 clients submitted (docs in the module README).</summary>
    private static IQueryable<Opinion> Open311Opinions(AppDbContext db) =>
        db.Set<Opinion>().IgnoreQueryFilters().AsNoTracking().Where(o => o.Channel == OpinionChannels.Open311);

    private static async Task<IResult> ListAsync(HttpRequest request, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var q = Open311Opinions(db);
        var query = request.Query;
        if (query["service_request_id"].ToString() is { Length: > 0 } ids)
        {
            var list = new List<long>();
            foreach (var part in ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    return Error(400, $"service_request_id is not valid: {part}");
                list.Add(n);
            }
            if (list.Count > MaxResults) return Error(400, $"at most {MaxResults} service_request_id values");
            // GeoReport: a list of ids overrides every other argument.
            return TypedResults.Json(await QueryAsync(db, q.Where(o => list.Contains(o.Id)), ct));
        }
        if (query["service_code"].ToString() is { Length: > 0 } codes)
        {
            var list = codes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            if (list.FirstOrDefault(c => !OpinionCategories.IsKnown(c)) is { } bad) return Error(400, $"service_code not found: {bad}");
            var other = list.Contains(Uncategorized);
            q = q.Where(o => (o.Category != null && list.Contains(o.Category)) || (other && o.Category == null));
        }
        if (query["status"].ToString() is { Length: > 0 } statuses)
        {
            var list = statuses.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            if (list.FirstOrDefault(s => s is not ("open" or "closed")) is { } bad) return Error(400, $"status must be open or closed: {bad}");
            var finals = Finals;
            if (list.Contains("open") && !list.Contains("closed")) q = q.Where(o => !finals.Contains(o.State));
            else if (list.Contains("closed") && !list.Contains("open")) q = q.Where(o => finals.Contains(o.State));
        }
        DateTimeOffset? start = null, end = null;
        if (query["start_date"].ToString() is { Length: > 0 } s)
        {
            if (!DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var v)) return Error(400, "start_date is not a valid date-time");
            start = v;
        }
        if (query["end_date"].ToString() is { Length: > 0 } e)
        {
            if (!DateTimeOffset.TryParse(e, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var v)) return Error(400, "end_date is not a valid date-time");
            end = v;
        }
        if (start is { } a && end is { } z && z < a) return Error(400, "end_date is before start_date");
        var now = clock.GetUtcNow();
        var from = (start ?? (end ?? now).AddDays(-DefaultDays)).UtcDateTime;
        var to = (end ?? now).UtcDateTime;
        q = q.Where(o => o.CreatedAt >= from && o.CreatedAt <= to);
        return TypedResults.Json(await QueryAsync(db, q.OrderByDescending(o => o.CreatedAt).Take(MaxResults), ct));
    }

    private static async Task<List<Open311Request>> QueryAsync(AppDbContext db, IQueryable<Opinion> q, CancellationToken ct)
    {
        var opinions = await q.ToListAsync(ct);
        var ids = opinions.Select(o => o.Id).ToList();
        var unitIds = opinions.Where(o => o.UnitId != null).Select(o => o.UnitId!.Value).Distinct().ToList();
        var units = await db.Set<HandlingUnit>().IgnoreQueryFilters().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var workflow = OpinionWorkflow.Definition.Name;
        var updated = await db.WorkflowHistory.IgnoreQueryFilters().Where(h => h.Workflow == workflow && ids.Contains(h.EntityId))
            .GroupBy(h => h.EntityId).Select(g => new { Id = g.Key, At = g.Max(h => h.At) }).ToDictionaryAsync(x => x.Id, x => x.At, ct);
        return opinions.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Select(o => ToRequest(o,
            o.UnitId is { } u ? units.GetValueOrDefault(u) : null, updated.TryGetValue(o.Id, out var at) ? at : null)).ToList();
    }

    public static Open311Request ToRequest(Opinion o, string? unit, DateTime? updatedAt)
    {
        var definition = OpinionWorkflow.Definition;
        var closed = definition.IsFinal(o.State);
        var code = o.Category ?? Uncategorized;
        return new Open311Request(
            o.Id.ToString(CultureInfo.InvariantCulture), closed ? "closed" : "open", definition.StateLabel(o.State).Zh,
            OpinionCategories.Label(code, english: false), code, Masking.FreeText(o.Content), unit, null,
            Stamp(o.CreatedAt), updatedAt is { } u ? Stamp(u) : null,
            o.DueDate is { } d && !closed ? new DateTimeOffset(d.ToDateTime(new TimeOnly(23, 59, 59)), ChinaTime.Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) : null,
            o.Location is null ? null : Masking.FreeText(o.Location), null, null, o.Latitude, o.Longitude, null);
    }

    private static string Stamp(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static async Task<IResult> CreateAsync(HttpRequest request, Open311Keys keys, SubmitOpinion submit, CancellationToken ct)
    {
        if (!request.HasFormContentType) return Error(400, "the request must be application/x-www-form-urlencoded");
        var form = await request.ReadFormAsync(ct);
        string? F(string name) => form[name].ToString() is { Length: > 0 } v ? v.Trim() : null;

        if (await keys.FindActiveAsync(F("api_key"), ct) is not { } key) return Error(403, "api_key is missing or not valid");
        var errors = new List<Open311Error>();
        var serviceCode = F("service_code");
        if (serviceCode is null) errors.Add(new(400, "service_code is required"));
        else if (!OpinionCategories.IsKnown(serviceCode)) errors.Add(new(400, $"service_code not found: {serviceCode}"));
        if (F("description") is null) errors.Add(new(400, "description is required"));
        double? lat = null, lon = null;
        if (F("lat") is { } latText)
        {
            if (double.TryParse(latText, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v is >= -90 and <= 90) lat = v;
            else errors.Add(new(400, "lat must be a WGS84 latitude"));
        }
        if (F("long") is { } lonText)
        {
            if (double.TryParse(lonText, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v is >= -180 and <= 180) lon = v;
            else errors.Add(new(400, "long must be a WGS84 longitude"));
        }
        if ((lat is null) != (lon is null) && !errors.Any(e => e.Description.StartsWith("lat", StringComparison.Ordinal) || e.Description.StartsWith("long", StringComparison.Ordinal)))
            errors.Add(new(400, "lat and long must be given together"));
        if (lat is null && F("address_string") is null && F("address_id") is null && errors.Count == 0)
            errors.Add(new(400, "a location is required: lat and long, or address_string"));
        if (errors.Count > 0) return Errors(400, errors);

        var name = string.Concat(F("last_name"), F("first_name"));
        var input = new OpinionInput
        {
            Content = F("description"),
            Category = serviceCode,
            Location = F("address_string") ?? F("address_id"),
            SubmitterName = name.Length > 0 ? name : null,
            Phone = F("phone"),
        };
        var origin = new OpinionOrigin(OpinionChannels.Open311, ExternalSource: key.Name, PhoneOptional: true);
        var result = await submit.SubmitAsync(input, origin, new Renda.Platform.Auth.SystemUser("open311:" + key.Name), ct,
            o => { o.Latitude = lat; o.Longitude = lon; });
        if (!result.Ok)
        {
            if (result.Errors is { } fieldErrors)
                return Errors(400, fieldErrors.SelectMany(f => f.Value.Select(m => new Open311Error(400, $"{FieldName(f.Key)}: {m}"))).ToList());
            return Error(result.Status, result.En ?? "refused");
        }
        var created = result.Value!;
        var notice = $"已受理，跟踪码 {TrackingCodes.Display(created.TrackingCode)}，可在 /p/t/{created.TrackingCode} 查看办理进度";
        return TypedResults.Json(new[] { new Open311Created(created.Id.ToString(CultureInfo.InvariantCulture), notice, null) });
    }

    private static string FieldName(string field) => field switch
    {
        "content" => "description",
        "category" => "service_code",
        "location" => "address_string",
        "submitterName" => "first_name",
        _ => field,
    };

    public static IResult Error(int status, string description) => Errors(status, [new Open311Error(status, description)]);

    public static IResult Errors(int status, IReadOnlyList<Open311Error> errors) => TypedResults.Json(errors, statusCode: status);
}
