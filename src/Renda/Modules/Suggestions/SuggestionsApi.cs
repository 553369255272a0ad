using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Documents;
using Renda.Platform.Http;
using Renda.Platform.Jobs;
using Renda.Platform.Spreadsheets;
using Renda.Platform.Ui;
using Renda.Platform.Workflow;

namespace Renda.Modules.Suggestions;

/// <summary>/api/suggestions: the one workflow shape (GET /{id}, POST /{id}/actions/{action}), the list,
/// filing with co-signers, co-unit opinions, meetings, reply documents, stats and the compilation.</summary>
public static class SuggestionsApi
{
    public static IServiceCollection AddRendaSuggestions(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<SuggestionOptions>(config.GetSection("Suggestions"));
        services.Configure<SuggestionSupervisionOptions>(config.GetSection("Suggestions:Supervision"));
        services.AddScoped<IWorkflowObserver, SuggestionNoticesObserver>();
        var interval = config.GetValue("Suggestions:Supervision:IntervalMinutes", 30);
        services.AddRendaJob<SuggestionSupervisionJob>(_ => TimeSpan.FromMinutes(Math.Max(1, interval)));
        services.AddHttpContextAccessor();
        if (!Portal.Entries.Any(e => e.Href == "/p/suggestions"))
            Portal.Entries.Add(new PortalEntry("建议办理公开", "Replies to suggestions", "代表建议、议案的办理答复", "How units answered representatives' suggestions", "/p/suggestions"));
        return services.AddScoped<SuggestionActions>().AddScoped<SuggestionFiling>().AddScoped<SuggestionQueries>()
            .AddScoped<SuggestionReports>().AddScoped<ReplyDocuments>();
    }

    public static void MapSuggestionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/suggestions").WithTags("Suggestions")
            .RequireAuthorization(p => p.RequireRole(SuggestionAccess.Readers));
        var accessor = app.ServiceProvider.GetRequiredService<IHttpContextAccessor>();

        api.MapGet("", List);
        api.MapPost("", async (DraftInput? input, SuggestionFiling filing, SuggestionQueries queries, Lang lang, CancellationToken ct) =>
        {
            var result = await filing.DraftAsync(input ?? new DraftInput(null, null, null, null, null, null, null), ct);
            if (!result.Ok) return result.ToHttp();
            var s = result.Value!;
            return TypedResults.Created($"/api/suggestions/{s.Id}", new { id = s.Id, state = s.State, kind = s.Kind, coSigners = s.CoSigners.Select(c => c.RepresentativeId) });
        }).RequireAuthorization(p => p.RequireRole(Roles.Representative));

        api.MapWorkflowEndpoints(SuggestionWorkflow.Definition, LoadWithContextAsync, s => View(accessor, s), SuggestionActions.Effects(accessor));

        api.MapPost("/{id:long}/co-signers", async (long id, CoSignersInput? input, SuggestionFiling filing, CancellationToken ct) =>
                (await filing.InviteAsync(id, input ?? new CoSignersInput(null), ct)).ToHttp(n => TypedResults.Ok(new { invited = n })))
            .RequireAuthorization(p => p.RequireRole(Roles.Representative));
        api.MapPost("/{id:long}/co-sign", async (long id, SuggestionFiling filing, CancellationToken ct) =>
                (await filing.ConfirmAsync(id, ct)).ToHttp(_ => TypedResults.Ok(new { confirmed = true })))
            .RequireAuthorization(p => p.RequireRole(Roles.Representative));
        api.MapPost("/{id:long}/co-opinion", async (long id, OpinionInput? input, SuggestionFiling filing, CancellationToken ct) =>
                (await filing.CoUnitOpinionAsync(id, input ?? new OpinionInput(null), ct)).ToHttp(_ => TypedResults.Ok(new { sent = true })))
            .RequireAuthorization(p => p.RequireRole(Roles.HandlingUnit));
        api.MapPost("/{id:long}/meetings", async (long id, MeetingInput? input, SuggestionFiling filing, CancellationToken ct) =>
                (await filing.MeetingAsync(id, input ?? new MeetingInput(null, null, null, null), ct))
                    .ToHttp(m => TypedResults.Created($"/api/suggestions/{id}", new { id = m.Id })))
            .RequireAuthorization(p => p.RequireRole(Roles.HandlingUnit, Roles.CongressStaff, Roles.Leader));
        api.MapGet("/{id:long}/duplicates", async (long id, AppDbContext db, SuggestionQueries queries, CancellationToken ct) =>
                await SuggestionAccess.LoadAsync(db, id, ct) is { } s ? TypedResults.Ok(await queries.DuplicatesAsync(s, ct: ct)) : Problems.NotFound())
            .RequireAuthorization(p => p.RequireRole(SuggestionAccess.Overseers));
        api.MapPost("/{id:long}/documents", UploadAsync).RequireAuthorization(p => p.RequireRole(Roles.HandlingUnit)).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(ReplyDocuments.MaxBytes + 1024 * 1024));
        api.MapGet("/{id:long}/documents/{documentId:long}", async (long id, long documentId, ReplyDocuments docs, CancellationToken ct) =>
            await docs.FindAsync(id, documentId, ct) is { } d ? TypedResults.File(d.Content, d.ContentType, d.FileName) : Problems.NotFound());

        api.MapGet("/board", async (SuggestionQueries queries, CancellationToken ct) => TypedResults.Ok(await queries.BoardAsync(ct)))
            .RequireAuthorization(p => p.RequireRole(SuggestionAccess.Overseers));
        api.MapGet("/stats", async (string? term, string? session, SuggestionReports reports, Lang lang, CancellationToken ct) =>
                (await reports.StatsAsync(term, session, lang.IsEnglish, ct)).ToHttp())
            .RequireAuthorization(p => p.RequireRole(SuggestionAccess.Overseers));
        api.MapGet("/stats.xlsx", async (string? term, string? session, SuggestionReports reports, Lang lang, HttpContext http, CancellationToken ct) =>
            {
                var stats = await reports.StatsAsync(term, session, lang.IsEnglish, ct);
                if (!stats.Ok) return stats.ToHttp();
                http.Response.ContentType = XlsxWriter.ContentType;
                http.Response.Headers.ContentDisposition = "attachment; filename=\"suggestion-rates.xlsx\"";
                await SuggestionReports.WriteXlsxAsync(stats.Value!, http.Response.Body, lang.IsEnglish, ct);
                return Results.Empty;
            })
            .RequireAuthorization(p => p.RequireRole(SuggestionAccess.Overseers));
        api.MapGet("/compilation.docx", async (string? session, SuggestionReports reports, HttpContext http, CancellationToken ct) =>
            {
                var found = await reports.CompilationSessionAsync(session, ct);
                if (!found.Ok) return found.ToHttp();
                var doc = await reports.CompilationAsync(found.Value!, ct);
                return TypedResults.File(doc.ToBytes(), DocxDocument.ContentType, $"compilation-{found.Value!.Id}.docx");
            })
            .RequireAuthorization(p => p.RequireRole(SuggestionAccess.Overseers));

        app.MapGet("/api/public/suggestion-replies", async (string? jurisdiction, int? page, int? pageSize, AppDbContext db, Lang lang, CancellationToken ct) =>
            TypedResults.Ok(await SuggestionReports.PublicRepliesAsync(db, jurisdiction, page, pageSize, lang.IsEnglish, ct)))
            .WithTags("Suggestions").AllowAnonymous();
    }

    /// <summary>The loader of the one API shape: the suggestion the caller may see, with the lookups of its view.</summary>
    private static async Task<Suggestion?> LoadWithContextAsync(AppDbContext db, long id, CancellationToken ct)
    {
        if (await SuggestionAccess.LoadAsync(db, id, ct) is not { } s) return null;
        s.ViewContext = await SuggestionQueries.ContextAsync(db, s, ct);
        return s;
    }

    private static object View(IHttpContextAccessor accessor, Suggestion s)
    {
        var services = accessor.HttpContext!.RequestServices;
        var queries = services.GetRequiredService<SuggestionQueries>();
        return queries.View(s, s.ViewContext!, services.GetRequiredService<Lang>().IsEnglish, queries.IsOverdue(s));
    }

    private static async Task<IResult> List(SuggestionQueries queries, Lang lang, string? state, long? unit, string? kind, string? q, long? term,
        long? session, bool? overdue, bool? key, int? page, int? pageSize, CancellationToken ct) =>
        (await queries.ListAsync(new SuggestionFilter(state, unit, kind, q, term, session, overdue, key, page, pageSize), lang.IsEnglish, ct)).ToHttp();

    private static async Task<IResult> UploadAsync(long id, HttpRequest request, ReplyDocuments docs, CancellationToken ct)
    {
        if (!request.HasFormContentType) return Problems.Validation("file", "请以 multipart/form-data 上传文件");
        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0) return Problems.Validation("file", "请选择文件");
        if (file.Length > ReplyDocuments.MaxBytes) return Problems.Validation("file", "文件不能超过10MB");
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return (await docs.UploadAsync(id, file.FileName, buffer.ToArray(), ct)).ToHttp(v => TypedResults.Created($"/api/suggestions/{id}/documents/{v.Id}", v));
    }
}
