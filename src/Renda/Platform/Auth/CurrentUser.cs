using System.Security.Claims;

namespace Renda.Platform.Auth;

public static class RendaClaims
{
    public const string Jurisdiction = "renda:jurisdiction";
    public const string MustChangePassword = "renda:must_change_password";
    public const string UnitId = "renda:unit";
    public const string RepresentativeId = "renda:representative";
    public const string StationId = "renda:station";
}

/// <summary>Who is acting in this request (or job): identity, roles, jurisdiction scope and client IP.
/// The data layer reads the scope from here, so scoping is enforced in one place.</summary>
public interface ICurrentUser
{
    string? UserId { get; }
    string? UserName { get; }
    IReadOnlyList<string> Roles { get; }
    /// <summary>The jurisdiction prefix the caller may see; null means unscoped (anonymous public
    /// endpoints, background jobs, seeding). An authenticated user without one sees nothing.</summary>
    string? ScopeCode { get; }
    string? ClientIp { get; }
    long? UnitId { get; }
    long? RepresentativeId { get; }
    long? StationId { get; }
    bool IsInRole(string role);
}

public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    /// <summary>A scope no GB/T 2260 code starts with (codes are digits): an authenticated user without a jurisdiction
    /// sees nothing. Plain text: PostgreSQL refuses a NUL character in a parameter (the former "\0none" failed every
    /// scoped query there with 22021).</summary>
    public const string NoScope = "none";

    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;
    private bool Authenticated => Principal?.Identity?.IsAuthenticated == true;

    public string? UserId => Authenticated ? Principal!.FindFirstValue(ClaimTypes.NameIdentifier) : null;
    public string? UserName => Authenticated ? Principal!.Identity!.Name : null;

    public IReadOnlyList<string> Roles => Authenticated
        ? Principal!.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList()
        : [];

    public string? ScopeCode
    {
        get
        {
            if (!Authenticated) return null;
            var code = Principal!.FindFirstValue(RendaClaims.Jurisdiction);
            return string.IsNullOrEmpty(code) ? NoScope : code;
        }
    }

    public string? ClientIp => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
    public long? UnitId => Long(RendaClaims.UnitId);
    public long? RepresentativeId => Long(RendaClaims.RepresentativeId);
    public long? StationId => Long(RendaClaims.StationId);
    public bool IsInRole(string role) => Authenticated && Principal!.IsInRole(role);

    private long? Long(string type) =>
        Authenticated && long.TryParse(Principal!.FindFirstValue(type), out var v) ? v : null;
}

/// <summary>An explicit actor for background jobs, seeding and tests.</summary>
public sealed class SystemUser(string name = "system", string? scope = null) : ICurrentUser
{
    public string? UserId => null;
    public string? UserName => name;
    public IReadOnlyList<string> Roles => ["system"];
    public string? ScopeCode => scope;
    public string? ClientIp => null;
    public long? UnitId => null;
    public long? RepresentativeId => null;
    public long? StationId => null;
    public bool IsInRole(string role) => role == "system";
}
