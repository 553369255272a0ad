using Renda.Modules.Representatives;
using Renda.Platform.Auth;
using Renda.Platform.Http;
using Renda.Platform.Ui;

namespace Renda.Modules.Stations;

public static class StationsApi
{
    public sealed record AssignRequest(IReadOnlyList<long>? RepresentativeIds, string? StartedOn);
    public sealed record GroupingRequest(IReadOnlyList<AssignmentPair>? Assignments);

    public static void MapStationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/stations").WithTags("Stations");
        var readers = StationAccess.Readers;
        var editors = StationAccess.Editors;
        string[] staff = [Roles.CongressStaff];

        api.MapGet("", List).RequireAuthorization(p => p.RequireRole(RosterAccess.Readers));
        api.MapPost("", async (StationInput? input, SaveStation save, CancellationToken ct) =>
                (await save.CreateAsync(input ?? new StationInput(), ct)).ToHttp(id => TypedResults.Created($"/api/stations/{id}", new { id })))
            .RequireAuthorization(p => p.RequireRole(staff));
        api.MapGet("/{id:long}", async (long id, StationDirectory dir, Lang lang, CancellationToken ct) =>
                (await dir.DetailAsync(id, lang.IsEnglish, ct)).ToHttp())
            .RequireAuthorization(p => p.RequireRole(readers));
        api.MapPut("/{id:long}", async (long id, StationInput? input, SaveStation save, StationDirectory dir, Lang lang, CancellationToken ct) =>
            {
                var result = await save.UpdateAsync(id, input ?? new StationInput(), ct);
                return result.Ok ? (await dir.DetailAsync(id, lang.IsEnglish, ct)).ToHttp() : result.ToHttp();
            })
            .RequireAuthorization(p => p.RequireRole(editors));

        api.MapGet("/{id:long}/calendar", async (long id, string? from, string? to, StationSchedule schedule, Lang lang, CancellationToken ct) =>
                (await schedule.CalendarAsync(id, from, to, lang.IsEnglish, ct)).ToHttp())
            .RequireAuthorization(p => p.RequireRole(readers));
        api.MapPost("/{id:long}/schedule-rules", async (long id, ScheduleRuleInput? input, StationSchedule schedule, CancellationToken ct) =>
                (await schedule.AddRuleAsync(id, input ?? new ScheduleRuleInput(), ct))
                    .ToHttp(ruleId => TypedResults.Created($"/api/stations/{id}/schedule-rules/{ruleId}", new { id = ruleId })))
            .RequireAuthorization(p => p.RequireRole(editors));
        api.MapDelete("/{id:long}/schedule-rules/{ruleId:long}", async (long id, long ruleId, StationSchedule schedule, CancellationToken ct) =>
                (await schedule.RemoveRuleAsync(id, ruleId, ct)).ToHttp())
            .RequireAuthorization(p => p.RequireRole(editors));

        api.MapGet("/{id:long}/receptions", async (long id, string? from, string? to, int? page, int? pageSize, StationReceptions receptions,
                Lang lang, CancellationToken ct) => (await receptions.ListAsync(id, from, to, page, pageSize, lang.IsEnglish, ct)).ToHttp())
            .RequireAuthorization(p => p.RequireRole(readers));
        api.MapPost("/{id:long}/receptions", async (long id, ReceptionInput? input, StationReceptions receptions, Lang lang, CancellationToken ct) =>
                (await receptions.RecordAsync(id, input ?? new ReceptionInput(), lang.IsEnglish, ct))
                    .ToHttp(v => TypedResults.Created($"/api/stations/{id}/receptions/{v.Id}", v)))
            .RequireAuthorization(p => p.RequireRole(editors));

        api.MapGet("/{id:long}/assignments", async (long id, int? page, int? pageSize, StationAssignments assignments, CancellationToken ct) =>
                (await assignments.HistoryAsync(id, page, pageSize, ct)).ToHttp())
            .RequireAuthorization(p => p.RequireRole(readers));
        api.MapPost("/{id:long}/representatives", async (long id, AssignRequest? req, StationAssignments assignments, CancellationToken ct) =>
                (await assignments.AssignAsync(id, req?.RepresentativeIds, req?.StartedOn, ct)).ToHttp(n => TypedResults.Ok(new { added = n })))
            .RequireAuthorization(p => p.RequireRole(staff));
        api.MapDelete("/{id:long}/representatives/{representativeId:long}", async (long id, long representativeId, string? endedOn,
                StationAssignments assignments, CancellationToken ct) => (await assignments.EndAsync(id, representativeId, endedOn, ct)).ToHttp())
            .RequireAuthorization(p => p.RequireRole(staff));

        api.MapGet("/grouping", async (int? page, int? pageSize, StationAssignments assignments, CancellationToken ct) =>
                (await assignments.SuggestionsAsync(page, pageSize, ct)).ToHttp())
            .RequireAuthorization(p => p.RequireRole(staff));
        api.MapPost("/grouping", async (GroupingRequest? req, StationAssignments assignments, CancellationToken ct) =>
                (await assignments.ConfirmAsync(req?.Assignments, ct)).ToHttp(n => TypedResults.Ok(new { added = n })))
            .RequireAuthorization(p => p.RequireRole(staff));
    }

    /// <summary>Stations in the caller's jurisdiction (scoped by the global filter; a station manager sees
    /// their own); <c>q</c> matches the name or the address; <c>kind</c>, <c>grade</c>, <c>township</c> filter.</summary>
    private static async Task<IResult> List(StationDirectory dir, string? q, string? kind, string? grade, string? township, int? page,
        int? pageSize, CancellationToken ct) =>
        (await dir.ListAsync(new StationFilter(q, kind, grade, township, page, pageSize), ct)).ToHttp();

    public static IServiceCollection AddRendaStations(this IServiceCollection services) => services
        .AddScoped<StationAccess>()
        .AddScoped<StationDirectory>()
        .AddScoped<SaveStation>()
        .AddScoped<StationAssignments>()
        .AddScoped<StationSchedule>()
        .AddScoped<StationReceptions>();
}
