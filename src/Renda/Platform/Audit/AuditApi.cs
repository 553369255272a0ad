using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;

namespace Renda.Platform.Audit;

/// <summary>The auditor's endpoints (三员分立: only the auditor reads the trail, and the auditor has
/// no other admin endpoint).
/// <code>
/// GET /api/audit?from=&amp;to=&amp;actor=&amp;action=&amp;entityType=&amp;outcome=&amp;q=&amp;page=&amp;pageSize=   the list, newest first
/// GET /api/audit/verify                                      walk the hash chain
/// GET /api/audit/export.xlsx?…same filters…                  the list as an .xlsx file
/// </code></summary>
public static class AuditSetup
{
    public const string AuditorPolicy = "auditor";

    public static IServiceCollection AddRendaAudit(this IServiceCollection services)
    {
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<AuditExport>();
        services.AddAuthorizationBuilder().AddPolicy(AuditorPolicy, p => p.RequireRole(Roles.Auditor));
        return services;
    }

    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(AuditorPolicy);
        audit.MapGet("", List);
        audit.MapGet("/verify", Verify);
        audit.MapGet("/export.xlsx", Export);
    }

    private static async Task<IResult> List([AsParameters] AuditQuery query, AppDbContext db, CancellationToken ct)
    {
        var (request, errors) = AuditSearch.Parse(query);
        if (request is null) return Problems.Validation(errors);
        return TypedResults.Ok(await AuditSearch.PageAsync(db, request, ct));
    }

    private static async Task<IResult> Verify(AuditVerifier verifier, CancellationToken ct) =>
        TypedResults.Ok(await verifier.VerifyAsync(ct));

    private static async Task<IResult> Export([AsParameters] AuditQuery query, AuditExport export, CancellationToken ct)
    {
        var (request, errors) = AuditSearch.Parse(query);
        if (request is null) return Problems.Validation(errors);
        var file = await export.WriteAsync(request.Filter, ct);
        return TypedResults.File(file.Content, AuditWorkbook.ContentType, file.FileName);
    }
}
