using Renda.Platform.Data;

namespace Renda.Platform.Audit;

/// <summary>One entry of the tamper-evident audit trail (table <c>audit_entries</c>). Append-only:
/// the app never updates or deletes one, and each carries the hash of the one before it.</summary>
public sealed class AuditEntry : IJurisdictionScoped
{
    /// <summary>The position in the chain: 1, 2, 3… with no gaps.</summary>
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string Actor { get; set; } = "";
    public string ActorRole { get; set; } = "";
    public string ClientIp { get; set; } = "";
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    /// <summary>Before/after summary as JSON, never with personal information.</summary>
    public string Summary { get; set; } = "";
    public string Outcome { get; set; } = AuditOutcomes.Success;
    /// <summary>The jurisdiction the entry concerns (the actor's or the entity's); the auditor sees their own and below.</summary>
    public string JurisdictionCode { get; set; } = "";
    public string PrevHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

/// <summary>The chain's head (a single row): detects deletion of the newest entries.</summary>
public sealed class AuditHead
{
    public int Id { get; set; } = 1;
    public long LastId { get; set; }
    public string LastHash { get; set; } = AuditHasher.Genesis;
}

public static class AuditOutcomes
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Denied = "denied";
}
