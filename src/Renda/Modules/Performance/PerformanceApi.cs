using Renda.Modules.PublicCodes;
using Renda.Modules.Representatives;
using Renda.Platform.Auth;
using Renda.Platform.Http;
using Renda.Platform.Spreadsheets;
using Renda.Platform.Ui;
using Renda.Platform.Workflow;

namespace Renda.Modules.Performance;

/// <summary>履职 over HTTP: the archive, self-registered records and their review, the score with its
/// explained lines and objections, rulebooks, rankings and warnings, activities and attendance, 述职 and
/// 民主测评, and the annual report.</summary>
public static class PerformanceApi
{
    private static readonly string[] Staff = [Roles.CongressStaff];
    private static readonly string[] StaffAndLeaders = [Roles.CongressStaff, Roles.Leader];

    public static void MapPerformanceApi(this IEndpointRouteBuilder app)
    {
        var archive = app.MapGroup("/api/representatives/{id:long}").WithTags("Duty archive")
            .RequireAuthorization(p => p.RequireRole(RepresentativeArchive.Readers));
        archive.MapGet("/archive", async (long id, string? year, string? kind, int? page, int? pageSize, RepresentativeArchive a, Lang lang,
                CancellationToken ct) => (await a.ListAsync(id, year, kind, page, pageSize, lang.IsEnglish, ct)).ToHttp());
        archive.MapGet("/archive/summary", async (long id, string? year, RepresentativeArchive a, Lang lang, CancellationToken ct) =>
            (await a.SummaryAsync(id, year, lang.IsEnglish, ct)).ToHttp());
        archive.MapGet("/score", async (long id, string? year, Scoring s, CancellationToken ct) =>
            (await s.ScoreAsync(id, year, ct)).ToHttp(r => TypedResults.Ok(ScoreJson(r))));
        archive.MapPost("/score/objections", async (long id, Scoring.ObjectionInput input, Scoring s, CancellationToken ct) =>
            (await s.ObjectAsync(id, input, ct)).ToHttp(o => TypedResults.Created($"/api/score-objections/{o.Id}", o)));
        archive.MapGet("/annual-report.docx", async (long id, string? year, AnnualReport report, CancellationToken ct) =>
            (await report.BuildAsync(id, year, ct)).ToHttp(f => TypedResults.File(f.Bytes, Platform.Documents.DocxDocument.ContentType, f.FileName)));
        archive.MapGet("/term-summary.docx", async (long id, AnnualReport report, CancellationToken ct) =>
            (await report.TermSummaryAsync(id, ct)).ToHttp(f => TypedResults.File(f.Bytes, Platform.Documents.DocxDocument.ContentType, f.FileName)));

        // 自主登记 and its review: POST creates (representative), the workflow endpoints read and act (staff approve / return).
        var records = app.MapGroup("/api/duty-records").WithTags("Self-registered duty records")
            .RequireAuthorization(p => p.RequireRole(RepresentativeArchive.Readers));
        records.MapPost("", async (SelfReportInput input, SelfRegistration use, CancellationToken ct) =>
            (await use.SubmitAsync(input, null, null, ct)).ToHttp(r => TypedResults.Created($"/api/duty-records/{r.Id}",
                new { id = r.Id, state = r.State, kind = DutyKinds.SelfReported, date = r.Date, description = r.Description })));
        records.MapGet("", async (string? state, int? page, int? pageSize, SelfRegistration use, CancellationToken ct) =>
            (await use.ListAsync(state, page, pageSize, ct)).ToHttp());
        records.MapPost("/{id:long}/evidence", async (long id, HttpRequest request, SelfRegistration use, CancellationToken ct) =>
        {
            var (bytes, name, problem) = await RepresentativesApi.ReadUploadAsync(request, Evidence.MaxBytes, ct);
            if (problem is not null) return problem;
            return (await use.AttachAsync(id, bytes!, name, ct)).ToHttp(r => TypedResults.Ok(SelfReportView.From(r)));
        }).DisableAntiforgery();
        records.MapGet("/{id:long}/evidence", async (long id, Platform.Data.AppDbContext db, CancellationToken ct) =>
            await SelfRegistration.LoadAsync(db, id, ct) is { Evidence: { } bytes, EvidenceType: { } type }
                ? TypedResults.File(bytes, type)
                : Problems.NotFound());
        records.MapWorkflowEndpoints(SelfReportWorkflow.Definition, async (db, id, ct) => await SelfRegistration.LoadAsync(db, id, ct),
            r => SelfReportView.From(r), SelfReportWorkflow.Effects);

        var objections = app.MapGroup("/api/score-objections").WithTags("Score objections")
            .RequireAuthorization(p => p.RequireRole(RepresentativeArchive.Readers));
        objections.MapGet("", async (bool? open, long? representative, Scoring s, CancellationToken ct) =>
            TypedResults.Ok(await s.ObjectionsAsync(representative, open == true, ct)));
        objections.MapPost("/{id:long}/answer", async (long id, Scoring.AnswerInput input, Scoring s, CancellationToken ct) =>
            (await s.AnswerAsync(id, input, ct)).ToHttp());

        var rulebooks = app.MapGroup("/api/rulebooks").WithTags("Scoring rulebooks")
            .RequireAuthorization(p => p.RequireRole(StaffAndLeaders));
        rulebooks.MapGet("/{year:int}", async (int year, Scoring s, CancellationToken ct) => TypedResults.Ok(await s.VersionsAsync(year, ct)));
        rulebooks.MapPost("/{year:int}", async (int year, RulebookInput input, Scoring s, CancellationToken ct) =>
            (await s.SaveAsync(year, input, ct)).ToHttp(c => TypedResults.Created($"/api/rulebooks/{year}", c)));

        var perf = app.MapGroup("/api/performance").WithTags("Rankings and warnings").RequireAuthorization(p => p.RequireRole(StaffAndLeaders));
        perf.MapGet("/rankings", async (string? year, string? by, Scoring s, CancellationToken ct) => (await s.RankingsAsync(year, by, ct)).ToHttp());
        perf.MapGet("/rankings.xlsx", async (string? year, string? by, Scoring s, HttpContext ctx, CancellationToken ct) =>
        {
            var r = await s.RankingsAsync(year, by, ct);
            if (!r.Ok) return r.ToHttp();
            ctx.Response.ContentType = XlsxWriter.ContentType;
            ctx.Response.Headers.ContentDisposition = $"attachment; filename=\"rankings.xlsx\"; filename*=UTF-8''{Uri.EscapeDataString("履职积分排名.xlsx")}";
            ctx.Response.Headers.CacheControl = "no-store";
            await AnnualReport.WriteRankingsAsync(ctx.Response.Body, r.Value!, ct);
            return TypedResults.Empty;
        });
        perf.MapGet("/warnings", async (int? months, Scoring s, CancellationToken ct) => (await s.WarningsAsync(months, ct)).ToHttp());

        var activities = app.MapGroup("/api/activities").WithTags("Activities").RequireAuthorization(p => p.RequireRole(StaffAndLeaders));
        activities.MapPost("", async (ActivityInput input, Activities a, CancellationToken ct) =>
            (await a.CreateAsync(input, ct)).ToHttp(v => TypedResults.Created($"/api/activities/{v.Id}", v)));
        activities.MapGet("", async (string? year, int? page, int? pageSize, Activities a, Lang lang, CancellationToken ct) =>
            (await a.ListAsync(year, page, pageSize, lang.IsEnglish, ct)).ToHttp());
        activities.MapGet("/{id:long}", async (long id, Activities a, Lang lang, CancellationToken ct) => (await a.GetAsync(id, lang.IsEnglish, ct)).ToHttp());
        activities.MapGet("/{id:long}/candidates", async (long id, int? take, Activities a, CancellationToken ct) =>
            (await a.CandidatesAsync(id, take, ct)).ToHttp());
        activities.MapPost("/{id:long}/invitations", async (long id, InviteRequest req, Activities a, CancellationToken ct) =>
            (await a.InviteAsync(id, req.RepresentativeIds, ct)).ToHttp());
        activities.MapPut("/{id:long}/attendance", async (long id, AttendanceRequest req, Activities a, CancellationToken ct) =>
            (await a.RecordAttendanceAsync(id, req.Entries, ct)).ToHttp());

        var meetings = app.MapGroup("/api/reporting-meetings").WithTags("述职 and 民主测评")
            .RequireAuthorization(p => p.RequireRole(RepresentativeArchive.Readers));
        meetings.MapPost("", async (MeetingInput input, Reporting r, CancellationToken ct) =>
            (await r.CreateAsync(input, ct)).ToHttp(m => TypedResults.Created($"/api/reporting-meetings/{m.Id}", m)));
        meetings.MapGet("", async (Reporting r, CancellationToken ct) => TypedResults.Ok(await r.ListAsync(ct)));
        meetings.MapGet("/{id:long}", async (long id, Reporting r, CancellationToken ct) => (await r.GetAsync(id, ct)).ToHttp());
        meetings.MapPost("/{id:long}/votes", async (long id, VoteInput input, Reporting r, CancellationToken ct) =>
            (await r.EnterPaperVoteAsync(id, input, ct)).ToHttp());
        meetings.MapPost("/{id:long}/close", async (long id, Reporting r, CancellationToken ct) => (await r.CloseAsync(id, ct)).ToHttp());
        meetings.MapGet("/{id:long}/qr.svg", async (long id, Reporting r, HttpContext ctx, CancellationToken ct) =>
        {
            var m = await r.GetAsync(id, ct);
            if (!m.Ok) return m.ToHttp();
            var url = $"{ctx.Request.Scheme}://{ctx.Request.Host}/p/e/{m.Value!.PublicCode}";
            return TypedResults.Text(QrCard.Svg(QrMatrix.Encode(url), m.Value.RepresentativeName + " 述职测评", "扫码后输入测评码投票"), "image/svg+xml");
        });

        // The attendee's phone: no account, one vote per attendee code.
        app.MapPost("/api/public/evaluations/{code}", async (string code, VoteInput input, Reporting r, CancellationToken ct) =>
            (await r.VoteByPhoneAsync(code, input, ct)).ToHttp(_ => TypedResults.Ok(new { recorded = true })))
            .AllowAnonymous().WithTags("述职 and 民主测评");
    }

    public sealed record InviteRequest(IReadOnlyList<long>? RepresentativeIds);

    public sealed record AttendanceRequest(IReadOnlyList<AttendanceInput>? Entries);

    /// <summary>The contract of <c>GET /api/representatives/{id}/score</c>: total and one line per criterion.</summary>
    public static object ScoreJson(ScoreResult r) => new
    {
        representativeId = r.RepresentativeId, year = r.Year, rulebookVersion = r.RulebookVersion, rulebook = r.RulebookName,
        total = r.Total, maxPoints = r.MaxPoints,
        lines = r.Lines.Select(l => new
        {
            criterion = l.Criterion, name = l.Name, records = l.Records, points = l.Points, capped = l.Capped,
            pointsPerRecord = l.PointsPerRecord, cap = l.Cap, uncapped = l.Uncapped, explanation = ScoreCalculator.Explain(l, false),
        }),
    };

    public static IServiceCollection AddRendaPerformance(this IServiceCollection services) =>
        services.AddScoped<RepresentativeArchive>().AddScoped<SelfRegistration>().AddScoped<Scoring>().AddScoped<Activities>()
            .AddScoped<Reporting>().AddScoped<AnnualReport>();
}
