using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Renda.Platform.Audit;
using Renda.Platform.Data;
using Renda.Platform.Http;

namespace Renda.Platform.Auth;

public sealed record NewAccount(string? UserName, string? DisplayName, string? JurisdictionCode, string? Password,
    long? UnitId = null, long? RepresentativeId = null, long? StationId = null);

public sealed record CreatedAccount(string UserName, string JurisdictionCode, bool MustChangePassword, string? TemporaryPassword);

public sealed record AccountRow(string UserName, string DisplayName, string JurisdictionCode, IReadOnlyList<string> Roles,
    bool Locked, bool MustChangePassword, bool Disabled);

public sealed record PolicyValues(int MinPasswordLength, int MinCharacterClasses, int LockoutThreshold, int LockoutMinutes)
{
    public static PolicyValues Of(SecurityPolicy p) => new(p.MinPasswordLength, p.MinCharacterClasses, p.LockoutThreshold, p.LockoutMinutes);
}

/// <summary>The account-administration use cases behind both the admin pages and <c>/api/admin</c>.
/// Role checks (who may call what) are at the endpoints; the separation rules that depend on the
/// target (no self-grant, admin roles exclusive, within one's jurisdiction) are enforced here.</summary>
public sealed class AccountAdmin(UserManager<AppUser> users, RoleManager<AppRole> roles, AppDbContext db, ICurrentUser me,
    AuditTrail audit, PolicyStore policy, TimeProvider clock)
{
    public async Task<Paged<AccountRow>> ListAsync(string? q, int? page, int? pageSize, CancellationToken ct = default)
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
        var held = await (from ur in db.UserRoles
                          join r in db.Roles on ur.RoleId equals r.Id
                          where ids.Contains(ur.UserId)
                          select new { ur.UserId, r.Name }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var items = rows.Select(r => new AccountRow(r.UserName!, r.DisplayName, r.JurisdictionCode,
            held.Where(x => x.UserId == r.Id).Select(x => x.Name!).Order().ToList(),
            r.LockoutEnd > now, r.MustChangePassword, r.Disabled)).ToList();
        return new Paged<AccountRow>(items, total, p, size);
    }

    public async Task<UseCaseResult<CreatedAccount>> CreateAsync(NewAccount req, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var userName = req.UserName?.Trim() ?? "";
        if (userName.Length is 0 or > 64) errors["userName"] = ["必填，最多 64 个字符 / required, at most 64 characters"];
        var displayName = req.DisplayName?.Trim() ?? "";
        if (displayName.Length is 0 or > 100) errors["displayName"] = ["必填，最多 100 个字符 / required, at most 100 characters"];
        var code = req.JurisdictionCode?.Trim() ?? "";
        if (code.Length == 0) errors["jurisdictionCode"] = ["必填 / required"];
        else if (!InScope(code)) errors["jurisdictionCode"] = ["超出本级管辖范围 / outside your jurisdiction"];
        else if (!await db.Jurisdictions.AnyAsync(j => j.Code == code, ct)) errors["jurisdictionCode"] = ["未知的行政区划代码 / unknown jurisdiction code"];
        if (errors.Count > 0) return UseCaseResult<CreatedAccount>.Invalid(errors);

        var generated = string.IsNullOrEmpty(req.Password);
        var password = generated ? TemporaryPassword() : req.Password!;
        var user = new AppUser
        {
            UserName = userName,
            DisplayName = displayName,
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
            return UseCaseResult<CreatedAccount>.Invalid(field, string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        return UseCaseResult<CreatedAccount>.Success(new CreatedAccount(user.UserName, code, true, generated ? password : null), 201);
    }

    public async Task<UseCaseResult<bool>> UnlockAsync(string userName)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null) return UseCaseResult<bool>.NotFound();
        audit.Record(new AuditRecord(AuditActions.Unlocked, nameof(AppUser), user.Id, "{}", JurisdictionCode: user.JurisdictionCode));
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return UseCaseResult<bool>.Success(true, 204);
    }

    public async Task<UseCaseResult<bool>> SetDisabledAsync(string userName, bool disabled)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null) return UseCaseResult<bool>.NotFound();
        if (user.Id == me.UserId)
            return UseCaseResult<bool>.Refused(403, "self-disable", "不能停用自己的账号", "You cannot disable your own account");
        user.Disabled = disabled;
        await users.UpdateAsync(user);
        if (disabled) await users.UpdateSecurityStampAsync(user);
        return UseCaseResult<bool>.Success(true, 204);
    }

    public async Task<UseCaseResult<bool>> GrantRoleAsync(string userName, string? role, CancellationToken ct = default)
    {
        role = role?.Trim() ?? "";
        if (!Roles.All.Contains(role)) return UseCaseResult<bool>.Invalid("role", "未知角色 / unknown role");
        var user = await users.FindByNameAsync(userName);
        if (user is null) return UseCaseResult<bool>.NotFound();
        if (user.Id == me.UserId)
        {
            await audit.WriteAsync(new AuditRecord(AuditActions.RoleGranted, nameof(AppUser), user.Id,
                JsonSerializer.Serialize(new { role, reason = "self_grant" }), AuditOutcomes.Denied, JurisdictionCode: user.JurisdictionCode), ct);
            return UseCaseResult<bool>.Refused(403, "self-grant", "不能给自己授予角色", "You cannot grant roles to yourself");
        }
        var held = await users.GetRolesAsync(user);
        if (held.Contains(role)) return UseCaseResult<bool>.Success(true, 204);
        var otherAdmin = held.Where(Roles.Admin.Contains).ToList();
        if (Roles.Admin.Contains(role) && otherAdmin.Count > 0)
            return UseCaseResult<bool>.Refused(409, "admin-roles-exclusive", "三员角色不能由同一账号兼任",
                "The three admin roles cannot be held by one account", $"{userName} already holds {string.Join(",", otherAdmin)}.");
        if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new AppRole(role));
        audit.Record(new AuditRecord(AuditActions.RoleGranted, nameof(AppUser), user.Id,
            JsonSerializer.Serialize(new { role }), JurisdictionCode: user.JurisdictionCode));
        await users.AddToRoleAsync(user, role);
        await users.UpdateSecurityStampAsync(user);
        return UseCaseResult<bool>.Success(true, 204);
    }

    public async Task<UseCaseResult<bool>> RevokeRoleAsync(string userName, string role)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null) return UseCaseResult<bool>.NotFound();
        if (user.Id == me.UserId)
            return UseCaseResult<bool>.Refused(403, "self-grant", "不能更改自己的角色", "You cannot change your own roles");
        if (!await users.IsInRoleAsync(user, role)) return UseCaseResult<bool>.Success(true, 204);
        audit.Record(new AuditRecord(AuditActions.RoleRevoked, nameof(AppUser), user.Id,
            JsonSerializer.Serialize(new { role }), JurisdictionCode: user.JurisdictionCode));
        await users.RemoveFromRoleAsync(user, role);
        await users.UpdateSecurityStampAsync(user);
        return UseCaseResult<bool>.Success(true, 204);
    }

    public PolicyValues CurrentPolicy => PolicyValues.Of(policy.Current);

    public async Task<UseCaseResult<PolicyValues>> UpdatePolicyAsync(PolicyValues values, CancellationToken ct = default)
    {
        var proposed = new SecurityPolicy
        {
            MinPasswordLength = values.MinPasswordLength,
            MinCharacterClasses = values.MinCharacterClasses,
            LockoutThreshold = values.LockoutThreshold,
            LockoutMinutes = values.LockoutMinutes,
        };
        var errors = PolicyStore.Validate(proposed);
        if (errors.Count > 0) return UseCaseResult<PolicyValues>.Invalid(errors);

        var row = await db.SecurityPolicies.SingleOrDefaultAsync(p => p.Id == 1, ct);
        var before = PolicyValues.Of(row ?? new SecurityPolicy());
        if (row is null)
        {
            row = new SecurityPolicy();
            db.SecurityPolicies.Add(row);
        }
        row.MinPasswordLength = values.MinPasswordLength;
        row.MinCharacterClasses = values.MinCharacterClasses;
        row.LockoutThreshold = values.LockoutThreshold;
        row.LockoutMinutes = values.LockoutMinutes;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        row.UpdatedBy = me.UserName ?? "";
        audit.Record(new AuditRecord(AuditActions.PolicyChanged, nameof(SecurityPolicy), "1",
            JsonSerializer.Serialize(new { before, after = values })));
        await db.SaveChangesAsync(ct);
        policy.Set(row);
        return UseCaseResult<PolicyValues>.Success(values);
    }

    private bool InScope(string code) =>
        me.ScopeCode is not { } scope || code.StartsWith(scope, StringComparison.Ordinal);

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
