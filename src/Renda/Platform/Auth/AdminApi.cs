using Renda.Platform.Http;

namespace Renda.Platform.Auth;

/// <summary>Accounts (system_admin), roles and policy (security_admin): the separated admin duties
/// (三员分立). The auditor's endpoints live with the audit trail; the auditor has none of these.</summary>
public static class AdminApi
{
    public sealed record RoleRequest(string? Role);

    public static void MapAdminApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/admin/users").WithTags("Admin");
        users.MapGet("", (AccountAdmin admin, string? q, int? page, int? pageSize, CancellationToken ct) => admin.ListAsync(q, page, pageSize, ct))
            .RequireAuthorization(p => p.RequireRole(Roles.SystemAdmin, Roles.SecurityAdmin));
        users.MapPost("", async (NewAccount? req, AccountAdmin admin, CancellationToken ct) =>
                (await admin.CreateAsync(req ?? new NewAccount(null, null, null, null), ct))
                    .ToHttp(v => TypedResults.Created($"/api/admin/users/{v.UserName}", v)))
            .RequireAuthorization(p => p.RequireRole(Roles.SystemAdmin));
        users.MapPost("/{userName}/unlock", async (string userName, AccountAdmin admin) => (await admin.UnlockAsync(userName)).ToHttp())
            .RequireAuthorization(p => p.RequireRole(Roles.SystemAdmin));
        users.MapPost("/{userName}/disable", async (string userName, AccountAdmin admin) => (await admin.SetDisabledAsync(userName, true)).ToHttp())
            .RequireAuthorization(p => p.RequireRole(Roles.SystemAdmin));
        users.MapPost("/{userName}/enable", async (string userName, AccountAdmin admin) => (await admin.SetDisabledAsync(userName, false)).ToHttp())
            .RequireAuthorization(p => p.RequireRole(Roles.SystemAdmin));
        users.MapPost("/{userName}/roles", async (string userName, RoleRequest? req, AccountAdmin admin, CancellationToken ct) =>
                (await admin.GrantRoleAsync(userName, req?.Role, ct)).ToHttp())
            .RequireAuthorization(p => p.RequireRole(Roles.SecurityAdmin));
        users.MapDelete("/{userName}/roles/{role}", async (string userName, string role, AccountAdmin admin) =>
                (await admin.RevokeRoleAsync(userName, role)).ToHttp())
            .RequireAuthorization(p => p.RequireRole(Roles.SecurityAdmin));

        var policy = app.MapGroup("/api/admin/policy").WithTags("Admin").RequireAuthorization(p => p.RequireRole(Roles.SecurityAdmin));
        policy.MapGet("", (AccountAdmin admin) => TypedResults.Ok(admin.CurrentPolicy));
        policy.MapPut("", async (PolicyValues? req, AccountAdmin admin, CancellationToken ct) =>
            req is null ? Problems.Validation("body", "必填 / required") : (await admin.UpdatePolicyAsync(req, ct)).ToHttp());
    }
}
