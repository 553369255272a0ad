using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Renda.Platform.Audit;
using Renda.Platform.Http;

namespace Renda.Platform.Auth;

public static class AuthApi
{
    public sealed record LoginRequest(string? UserName, string? Password);
    public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");
        auth.MapPost("/login", Login).AllowAnonymous();
        auth.MapPost("/logout", Logout).RequireAuthorization();
        auth.MapPost("/change-password", ChangePassword).RequireAuthorization();
        app.MapGet("/api/me", Me).RequireAuthorization().WithTags("Auth");
    }

    /// <summary>Returns Identity's bearer token JSON (<c>accessToken</c>, <c>expiresIn</c>, <c>refreshToken</c>);
    /// 401 for bad credentials, 423 for a locked account (never a token).</summary>
    private static async Task<IResult> Login(LoginRequest? req, AccountSignIn check, SignInManager<AppUser> signIn, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(req?.UserName)) errors["userName"] = ["必填 / required"];
        if (string.IsNullOrEmpty(req?.Password)) errors["password"] = ["必填 / required"];
        if (errors.Count > 0) return Problems.Validation(errors);

        var result = await check.CheckAsync(req!.UserName!.Trim(), req.Password!, "api", ct);
        switch (result.Outcome)
        {
            case SignInOutcome.LockedOut:
                return Problems.Locked(result.LockedUntil);
            case SignInOutcome.Failed:
                return Problems.Make(401, "invalid-credentials", "用户名或密码错误", "Wrong user name or password");
        }
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        await signIn.SignInAsync(result.User!, isPersistent: false);
        return TypedResults.Empty;
    }

    private static async Task<IResult> Logout(AuditTrail audit, ICurrentUser me, CancellationToken ct)
    {
        await audit.WriteAsync(new AuditRecord(AuditActions.SignOut, nameof(AppUser), me.UserId ?? "",
            JsonSerializer.Serialize(new { channel = "api" })), ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ChangePassword(ChangePasswordRequest? req, UserManager<AppUser> users, ICurrentUser me,
        AuditTrail audit, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(req?.CurrentPassword) || string.IsNullOrEmpty(req.NewPassword))
            return Problems.Validation("newPassword", "必填 / required");
        var user = await users.FindByIdAsync(me.UserId!);
        if (user is null) return Problems.Unauthorized();
        var result = await PasswordChange.ChangeAsync(users, audit, user, req.CurrentPassword, req.NewPassword, ct);
        return result.Succeeded
            ? TypedResults.NoContent()
            : Problems.Validation(new Dictionary<string, string[]> { ["newPassword"] = result.Errors.Select(e => e.Description).ToArray() });
    }

    private static async Task<IResult> Me(ICurrentUser me, UserManager<AppUser> users)
    {
        var user = await users.FindByIdAsync(me.UserId!);
        if (user is null) return Problems.Unauthorized();
        var body = new Dictionary<string, object?>
        {
            ["userName"] = user.UserName,
            ["displayName"] = user.DisplayName,
            ["roles"] = await users.GetRolesAsync(user),
            ["jurisdictionCode"] = user.JurisdictionCode,
            ["mustChangePassword"] = user.MustChangePassword,
        };
        if (user.UnitId is { } u) body["unitId"] = u;
        if (user.RepresentativeId is { } r) body["representativeId"] = r;
        if (user.StationId is { } s) body["stationId"] = s;
        return TypedResults.Ok(body);
    }
}

/// <summary>The one password-change path (page and API): policy-checked, clears the first-sign-in flag, audited.</summary>
public static class PasswordChange
{
    public static async Task<IdentityResult> ChangeAsync(UserManager<AppUser> users, AuditTrail audit, AppUser user,
        string current, string next, CancellationToken ct)
    {
        if (current == next)
            return IdentityResult.Failed(new IdentityError { Code = "PasswordUnchanged", Description = "新密码不能与原密码相同 / The new password must differ from the old one." });
        var result = await users.ChangePasswordAsync(user, current, next);
        if (!result.Succeeded) return result;
        user.MustChangePassword = false;
        audit.Record(new AuditRecord(AuditActions.PasswordChanged, nameof(AppUser), user.Id, "{}", JurisdictionCode: user.JurisdictionCode));
        return await users.UpdateAsync(user);
    }
}
