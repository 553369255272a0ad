using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Renda.Platform.Data;

namespace Renda.Platform.Auth;

/// <summary>Holds the current <see cref="SecurityPolicy"/> in memory; the security admin's change
/// replaces it at once, and Identity reads it per request through <see cref="PolicyIdentityOptions"/>.</summary>
public sealed class PolicyStore
{
    private volatile SecurityPolicy _current = new();
    public SecurityPolicy Current => _current;
    public void Set(SecurityPolicy policy) => _current = policy;

    public async Task LoadAsync(AppDbContext db, CancellationToken ct = default)
    {
        var p = await db.SecurityPolicies.AsNoTracking().SingleOrDefaultAsync(x => x.Id == 1, ct);
        if (p is not null) Set(p);
    }

    /// <summary>Why a proposed policy is below the floor, or null when it may be saved.</summary>
    public static Dictionary<string, string[]> Validate(SecurityPolicy p)
    {
        var errors = new Dictionary<string, string[]>();
        if (p.MinPasswordLength is < 8 or > 64) errors["minPasswordLength"] = ["8–64 / 须在 8 至 64 之间"];
        if (p.MinCharacterClasses is < 3 or > 4) errors["minCharacterClasses"] = ["3–4 / 须为 3 或 4"];
        if (p.LockoutThreshold is < 3 or > 5) errors["lockoutThreshold"] = ["3–5 / 须在 3 至 5 之间"];
        if (p.LockoutMinutes is < 15 or > 1440) errors["lockoutMinutes"] = ["15–1440 / 须在 15 至 1440 之间"];
        return errors;
    }
}

/// <summary>Identity options built per request from the live policy.</summary>
public sealed class PolicyIdentityOptions(PolicyStore store) : IOptions<IdentityOptions>
{
    public IdentityOptions Value
    {
        get
        {
            var p = store.Current;
            var o = new IdentityOptions();
            AuthSetup.ConfigureIdentity(o);
            o.Password.RequiredLength = p.MinPasswordLength;
            o.Lockout.MaxFailedAccessAttempts = p.LockoutThreshold;
            o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(p.LockoutMinutes);
            return o;
        }
    }
}

/// <summary>At least N of the four classes: lower case, upper case, digit, other.</summary>
public sealed class CharacterClassPasswordValidator(PolicyStore store) : IPasswordValidator<AppUser>
{
    public static int Classes(string password) =>
        (password.Any(char.IsLower) ? 1 : 0) + (password.Any(char.IsUpper) ? 1 : 0)
        + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var need = store.Current.MinCharacterClasses;
        if (password is null || Classes(password) < need)
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordCharacterClasses",
                Description = $"密码须包含大写字母、小写字母、数字、符号中的至少 {need} 类 / The password must use at least {need} of: upper case, lower case, digits, symbols.",
            }));
        if (user.UserName is { Length: > 0 } name && password.Contains(name, StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordContainsUserName",
                Description = "密码不得包含用户名 / The password must not contain the user name.",
            }));
        return Task.FromResult(IdentityResult.Success);
    }
}
