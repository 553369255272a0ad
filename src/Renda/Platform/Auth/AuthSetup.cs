using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Renda.Platform.Data;
using Renda.Platform.Http;

namespace Renda.Platform.Auth;

public static class AuthSetup
{
    public const string Scheme = "Renda";
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    public static void ConfigureIdentity(IdentityOptions o)
    {
        o.Password.RequiredLength = 8;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequiredUniqueChars = 4;
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.User.RequireUniqueEmail = false;
        o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
        o.SignIn.RequireConfirmedAccount = false;
    }

    public static IServiceCollection AddRendaAuth(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddSingleton<PolicyStore>();
        services.AddScoped<AccountSignIn>();
        services.AddScoped<AccountAdmin>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Cookie or bearer", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = IdleTimeout;
                o.RefreshTokenExpiration = TimeSpan.FromHours(8);
            })
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = "renda.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = IdleTimeout;
                o.SlidingExpiration = true;
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/denied";
                o.Events.OnRedirectToLogin = ctx => ApiOr(ctx, 401);
                o.Events.OnRedirectToAccessDenied = ctx => ApiOr(ctx, 403);
                o.Events.OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync;
            })
            .AddCookie(IdentityConstants.ExternalScheme)
            .AddCookie(IdentityConstants.TwoFactorUserIdScheme);

        services.AddIdentityCore<AppUser>(ConfigureIdentity)
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CharacterClassPasswordValidator>()
            .AddClaimsPrincipalFactory<RendaClaimsFactory>();
        services.AddScoped<IOptions<IdentityOptions>, PolicyIdentityOptions>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthorization();
        return services;
    }

    private static Task ApiOr(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Until an admin-created account changes its password, pages send it to the change
    /// page and the API answers 403 <c>password-change-required</c>.</summary>
    public static IApplicationBuilder UseMustChangePassword(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        if (ctx.User.Identity?.IsAuthenticated == true && ctx.User.HasClaim(RendaClaims.MustChangePassword, "true"))
        {
            var path = ctx.Request.Path;
            var allowed = path.StartsWithSegments("/api/auth") || path.StartsWithSegments("/api/me")
                || path.StartsWithSegments("/account") || path.StartsWithSegments("/css")
                || path.StartsWithSegments("/js") || path.StartsWithSegments("/lib") || path.StartsWithSegments("/health")
                || path.StartsWithSegments("/lang");
            if (!allowed)
            {
                if (path.StartsWithSegments("/api"))
                {
                    await Problems.PasswordChangeRequired().ExecuteAsync(ctx);
                    return;
                }
                ctx.Response.Redirect("/account/change-password");
                return;
            }
        }
        await next();
    });
}

/// <summary>Puts the jurisdiction, links and the must-change flag into the principal.</summary>
public sealed class RendaClaimsFactory(UserManager<AppUser> users, RoleManager<AppRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var id = await base.GenerateClaimsAsync(user);
        id.AddClaim(new Claim(RendaClaims.Jurisdiction, user.JurisdictionCode));
        if (user.MustChangePassword) id.AddClaim(new Claim(RendaClaims.MustChangePassword, "true"));
        if (user.UnitId is { } u) id.AddClaim(new Claim(RendaClaims.UnitId, u.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (user.RepresentativeId is { } r) id.AddClaim(new Claim(RendaClaims.RepresentativeId, r.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (user.StationId is { } s) id.AddClaim(new Claim(RendaClaims.StationId, s.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return id;
    }
}
