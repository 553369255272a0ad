using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Renda.Platform.Audit;

namespace Renda.Platform.Auth;

public enum SignInOutcome { Success, Failed, LockedOut }

public sealed record SignInCheck(SignInOutcome Outcome, AppUser? User, DateTimeOffset? LockedUntil);

/// <summary>The one password check behind the sign-in page and <c>POST /api/auth/login</c>: applies
/// lockout and audits every attempt, successful or not.</summary>
public sealed class AccountSignIn(UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditTrail audit)
{
    public async Task<SignInCheck> CheckAsync(string userName, string password, string channel, CancellationToken ct = default)
    {
        // An unknown name may be a password or phone typed into the wrong field: keep only its start.
        var attempted = userName.Length <= 2 ? "***" : userName[..2] + "***";
        var user = await users.FindByNameAsync(userName);
        if (user is null || user.Disabled)
        {
            await audit.WriteAsync(new AuditRecord(AuditActions.SignInFailed, nameof(AppUser), "",
                Summary(channel, user is null ? "unknown_user" : "disabled"), AuditOutcomes.Failure, attempted), ct);
            return new SignInCheck(SignInOutcome.Failed, null, null);
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            await audit.WriteAsync(new AuditRecord(AuditActions.LockedOut, nameof(AppUser), user.Id,
                Summary(channel, "locked_out"), AuditOutcomes.Denied, user.UserName, user.JurisdictionCode), ct);
            return new SignInCheck(SignInOutcome.LockedOut, user, await users.GetLockoutEndDateAsync(user));
        }
        if (!result.Succeeded)
        {
            await audit.WriteAsync(new AuditRecord(AuditActions.SignInFailed, nameof(AppUser), user.Id,
                Summary(channel, "bad_password"), AuditOutcomes.Failure, user.UserName, user.JurisdictionCode), ct);
            return new SignInCheck(SignInOutcome.Failed, user, null);
        }
        await audit.WriteAsync(new AuditRecord(AuditActions.SignIn, nameof(AppUser), user.Id,
            Summary(channel, "ok"), AuditOutcomes.Success, user.UserName, user.JurisdictionCode,
            string.Join(",", await users.GetRolesAsync(user))), ct);
        return new SignInCheck(SignInOutcome.Success, user, null);
    }

    private static string Summary(string channel, string reason) =>
        JsonSerializer.Serialize(new { channel, reason });
}
