using Microsoft.AspNetCore.Identity;
using Renda.Platform.Data;

namespace Renda.Platform.Auth;

/// <summary>A person with an account: staff, representative, unit, admin. Citizens have none.</summary>
public sealed class AppUser : IdentityUser, IJurisdictionScoped
{
    /// <summary>GB/T 2260 code of the jurisdiction the account belongs to; it sees that and below.</summary>
    public string JurisdictionCode { get; set; } = "";

    [PersonalInfo]
    public string DisplayName { get; set; } = "";

    /// <summary>Set for accounts an admin created: the first sign-in must change the password.</summary>
    public bool MustChangePassword { get; set; }

    public long? UnitId { get; set; }
    public long? RepresentativeId { get; set; }
    public long? StationId { get; set; }

    public bool Disabled { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class AppRole : IdentityRole
{
    public AppRole() { }
    public AppRole(string name) : base(name) { }
}
