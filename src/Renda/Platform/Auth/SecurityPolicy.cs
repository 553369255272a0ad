namespace Renda.Platform.Auth;

/// <summary>The account-security policy set by the security admin (a single row). Defaults are the
/// floor required for a government system: 8 characters from 3 classes, 5 failures lock for
/// 15 minutes. (Idle session timeout is fixed at 30 minutes by configuration.)</summary>
public sealed class SecurityPolicy
{
    public int Id { get; set; } = 1;
    public int MinPasswordLength { get; set; } = 8;
    public int MinCharacterClasses { get; set; } = 3;
    public int LockoutThreshold { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
    public long Version { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    /// <summary>The floor that no policy change may go below.</summary>
    public static readonly SecurityPolicy Floor = new();
}
