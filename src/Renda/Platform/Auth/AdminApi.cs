using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Renda.Platform.Audit;
using Renda.Platform.Data;
using Renda.Platform.Http;

namespace Renda.Platform.Auth;

/// <summary>Accounts (system_admin), roles and policy (security_admin): the separated admin duties
/// (三员分立). The auditor's endpoints live with the audit trail.</summary>
public static class AdminApi
{
    public sealed record CreateUserRequest(string? UserName, string? DisplayName, string? JurisdictionCode,
        string? Password, long? UnitId, long? RepresentativeId, long? StationId);
    public sealed record RoleRequest(string? Role);
    public sealed record PolicyRequest(int MinPasswordLength, int MinCharacterClasses, int LockoutThreshold, int LockoutMinutes);

    public static void MapAdminApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/admin/users").WithTags("Admin");
        users.MapGet("", ListUsers).RequireAuthorization(p => p.RequireRole(Roles.SystemAdmin, Roles.SecurityAdmin));
        users.MapPost("", CreateUser).RequireAuthorization(p => p.RequireRole(Roles.SystemAdmin));
        users.MapPost("/{userName}/unlock", Unlock).RequireAuthorization(p => p.RequireRole(Roles.SystemAdmin));
        users.MapPost("/{userName}/disable", (string userName, UserManager<AppUser> um, ICurrentUser me) => SetDisabled(userName, true, um, me))
            .RequireAuthorization(p => p.RequireRole(Roles.SystemAdmin));
        users.MapPost("/{userName}/enable", (string userName, UserManager<AppUser> um, ICurrentUser me) => SetDisabled(userName, false, um, me))
            .RequireAuthorization(p => p.RequireRole(Roles.SystemAdmin));
        users.MapPost("/{userName}/roles", GrantRole).RequireAuthorization(p => p.RequireRole(Roles.SecurityAdmin));
        users.MapDelete("/{userName}/roles/{role}", RevokeRole).RequireAuthorization(p => p.RequireRole(Roles.SecurityAdmin));

        var policy = app.MapGroup("/api/admin/policy").WithTags("Admin").RequireAuthorization(p => p.RequireRole(Roles.SecurityAdmin));
        policy.MapGet("", (PolicyStore store) => TypedResults.Ok(PolicyView(store.Current)));
        policy.MapPut("", UpdatePolicy);
    }

    private static async Task<IResult> ListUsers(AppDbContext db, string? q, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
            query = query.Where(u => u.UserName!.Contains(q) || u.DisplayName.Contains(q));
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(u => u.UserName).Skip((p - 1) * size).Take(size)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.JurisdictionCode, u.LockoutEnd, u.MustChangePassword, u.Disabled })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId) select new { ur.UserId, r.Name }).ToListAsync(ct);
        var now = DateTimeOffset.UtcNow;
        var items = rows.Select(r => new
        {
            r.UserName,
            displayName = Masking.Name(r.DisplayName),
            r.JurisdictionCode,
            roles = roles.Where(x => x.UserId == r.Id).Select(x => x.Name).Order().ToList(),
            locked = r.LockoutEnd > now,
            r.MustChangePassword,
            r.Disabled,
        });
        return TypedResults.Ok(new Paged<object>(items.Cast<object>().ToList(), total, p, size));
    }

    private static async Task<IResult> CreateUser(CreateUserRequest? req, UserManager<AppUser> users, AppDbContext db,
        ICurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(req?.UserName) || req.UserName.Length > 64) errors["userName"] = ["必填，最多 64 字符 / required, at most 64 characters"];
        if (string.IsNullOrWhiteSpace(req?.DisplayName) || req.DisplayName.Length > 100) errors["displayName"] = ["必填，最多 100 字符 / required, at most 100 characters"];
        var code = req?.JurisdictionCode?.Trim() ?? "";
        if (code.Length == 0) errors["jurisdictionCode"] = ["必填 / required"];
        else if (me.ScopeCode is { } scope && !code.StartsWith(scope, StringComparison.Ordinal))
            errors["jurisdictionCode"] = ["超出本级管辖范围 / outside your jurisdiction"];
        else if (!await db.Jurisdictions.AnyAsync(j => j.Code == code, ct))
            errors["jurisdictionCode"] = ["未知的行政区划代码 / unknown jurisdiction code"];
        if (errors.Count > 0) return Problems.Validation(errors);

        var generated = string.IsNullOrEmpty(req!.Password);
        var password = generated ? TemporaryPassword() : req.Password!;
        var user = new AppUser
        {
            UserName = req.UserName!.Trim(),
            DisplayName = req.DisplayName!.Trim(),
            JurisdictionCode = code,
            MustChangePassword = true,
            UnitId = req.UnitId,
            RepresentativeId = req.RepresentativeId,
            StationId = req.StationId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            var field = result.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? "password" : "userName";
            return Problems.Validation(new Dictionary<string, string[]> { [field] = result.Errors.Select(e => e.Description).ToArray() });
        }
        return TypedResults.Created($"/api/admin/users/{user.UserName}", new
        {
            user.UserName,
            user.JurisdictionCode,
            mustChangePassword = true,
            temporaryPassword = generated ? password : null,
        });
    }

    private static async Task<IResult> Unlock(string userName, UserManager<AppUser> users)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null) return Problems.NotFound();
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> SetDisabled(string userName, bool disabled, UserManager<AppUser> users, ICurrentUser me)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null) return Problems.NotFound();
        if (user.Id == me.UserId) return Problems.Forbidden("不能停用自己的账号 / You cannot disable your own account.");
        user.Disabled = disabled;
        await users.UpdateAsync(user);
        if (disabled) await users.UpdateSecurityStampAsync(user);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> GrantRole(string userName, RoleRequest? req, UserManager<AppUser> users,
        RoleManager<AppRole> roles, ICurrentUser me, AuditTrail audit, CancellationToken ct)
    {
        var role = req?.Role?.Trim() ?? "";
        if (!Roles.All.Contains(role)) return Problems.Validation("role", "未知角色 / unknown role");
        var user = await users.FindByNameAsync(userName);
        if (user is null) return Problems.NotFound();
        if (user.Id == me.UserId)
        {
            await audit.WriteAsync(new AuditRecord(AuditActions.RoleGranted, nameof(AppUser), user.Id,
                JsonSerializer.Serialize(new { role, reason = "self_grant" }), AuditOutcomes.Denied), ct);
            return Problems.Make(403, "self-grant", "不能给自己授予角色", "You cannot grant roles to yourself");
        }
        var held = await users.GetRolesAsync(user);
        if (held.Contains(role)) return TypedResults.NoContent();
        if (Roles.Admin.Contains(role) && held.Any(Roles.Admin.Contains))
            return Problems.Conflict("admin-roles-exclusive", "三员角色不能由同一账号兼任",
                "The three admin roles cannot be held by one account", $"{userName} already holds {string.Join(",", held.Where(Roles.Admin.Contains))}.");
        if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new AppRole(role));
        audit.Record(new AuditRecord(AuditActions.RoleGranted, nameof(AppUser), user.Id,
            JsonSerializer.Serialize(new { role }), JurisdictionCode: user.JurisdictionCode));
        await users.AddToRoleAsync(user, role);
        await users.UpdateSecurityStampAsync(user);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RevokeRole(string userName, string role, UserManager<AppUser> users, ICurrentUser me,
        AuditTrail audit, CancellationToken ct)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null) return Problems.NotFound();
        if (user.Id == me.UserId)
            return Problems.Make(403, "self-grant", "不能更改自己的角色", "You cannot change your own roles");
        if (!await users.IsInRoleAsync(user, role)) return TypedResults.NoContent();
        audit.Record(new AuditRecord(AuditActions.RoleRevoked, nameof(AppUser), user.Id,
            JsonSerializer.Serialize(new { role }), JurisdictionCode: user.JurisdictionCode));
        await users.RemoveFromRoleAsync(user, role);
        await users.UpdateSecurityStampAsync(user);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> UpdatePolicy(PolicyRequest? req, AppDbContext db, PolicyStore store, ICurrentUser me,
        AuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        if (req is null) return Problems.Validation("body", "必填 / required");
        var proposed = new SecurityPolicy
        {
            MinPasswordLength = req.MinPasswordLength,
            MinCharacterClasses = req.MinCharacterClasses,
            LockoutThreshold = req.LockoutThreshold,
            LockoutMinutes = req.LockoutMinutes,
        };
        var errors = PolicyStore.Validate(proposed);
        if (errors.Count > 0) return Problems.Validation(errors);

        var row = await db.SecurityPolicies.SingleOrDefaultAsync(p => p.Id == 1, ct);
        var before = row is null ? PolicyView(new SecurityPolicy()) : PolicyView(row);
        if (row is null) { row = new SecurityPolicy(); db.SecurityPolicies.Add(row); }
        row.MinPasswordLength = proposed.MinPasswordLength;
        row.MinCharacterClasses = proposed.MinCharacterClasses;
        row.LockoutThreshold = proposed.LockoutThreshold;
        row.LockoutMinutes = proposed.LockoutMinutes;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        row.UpdatedBy = me.UserName ?? "";
        audit.Record(new AuditRecord(AuditActions.PolicyChanged, nameof(SecurityPolicy), "1",
            JsonSerializer.Serialize(new { before, after = PolicyView(row) })));
        await db.SaveChangesAsync(ct);
        store.Set(row);
        return TypedResults.Ok(PolicyView(row));
    }

    private static object PolicyView(SecurityPolicy p) =>
        new { p.MinPasswordLength, p.MinCharacterClasses, p.LockoutThreshold, p.LockoutMinutes };

    /// <summary>16 characters from all four classes, from a CSPRNG.</summary>
    public static string TemporaryPassword()
    {
        const string lower = "abcdefghjkmnpqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789", other = "!@#$%*-_=+";
        const string all = lower + upper + digits + other;
        var chars = new char[16];
        chars[0] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[1] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        chars[3] = other[RandomNumberGenerator.GetInt32(other.Length)];
        for (var i = 4; i < chars.Length; i++) chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
