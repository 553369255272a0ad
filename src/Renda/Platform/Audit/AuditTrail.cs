using Microsoft.EntityFrameworkCore;
using Renda.Platform.Auth;
using Renda.Platform.Data;

namespace Renda.Platform.Audit;

/// <summary>An audit event waiting to be chained; written by <see cref="AppDbContext.SaveChangesAsync(CancellationToken)"/>
/// in the same transaction as the change it describes.</summary>
public sealed record AuditRecord(
    string Action,
    string EntityType,
    string EntityId,
    string Summary,
    string Outcome = AuditOutcomes.Success,
    string? Actor = null,
    string? JurisdictionCode = null,
    string? ActorRole = null);

/// <summary>Appends explicit events (sign-in, role change, workflow action…). Entity
/// creates/updates/deletes are recorded automatically by the DbContext.</summary>
public sealed class AuditTrail(AppDbContext db, ILogger<AuditTrail>? log = null)
{
    /// <summary>Queue an entry; it is written with the next SaveChanges, in its transaction.</summary>
    public void Record(AuditRecord record) => db.PendingAudit.Add(record);

    /// <summary>Write an entry now, on its own.</summary>
    /// <remarks>An event must not go unrecorded because an earlier change in this context lost an
    /// optimistic-concurrency race and is still tracked: Identity's lockout counter does exactly that
    /// when the same account fails to sign in on two requests at once (it reports the failure and
    /// leaves the stale user row tracked). Such a change can never be saved, so it is let go and the
    /// entry is written.</remarks>
    public async Task WriteAsync(AuditRecord record, CancellationToken ct = default)
    {
        Record(record);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException stale)
        {
            foreach (var entry in stale.Entries)
            {
                log?.LogWarning("Audit entry {Action} written after discarding a stale change to {EntityType}",
                    record.Action, entry.Metadata.ClrType.Name);
                entry.State = EntityState.Detached;
            }
            Record(record);
            await db.SaveChangesAsync(ct);
        }
    }
}

public static class AuditActions
{
    public const string SignIn = "auth.sign_in";
    public const string SignInFailed = "auth.sign_in_failed";
    public const string LockedOut = "auth.locked_out";
    public const string SignOut = "auth.sign_out";
    public const string PasswordChanged = "auth.password_changed";
    public const string Unlocked = "admin.account_unlocked";
    public const string RoleGranted = "admin.role_granted";
    public const string RoleRevoked = "admin.role_revoked";
    public const string PolicyChanged = "admin.policy_changed";
    public const string Create = "entity.create";
    public const string Update = "entity.update";
    public const string Delete = "entity.delete";
    public const string Reveal = "pii.reveal";
    public const string AccessDenied = "access.denied";
    /// <summary>The auditor exported the trail (the rows left the system).</summary>
    public const string AuditExport = "audit.export";

    /// <summary>Workflow actions are audited as <c>workflow.{workflow}.{action}</c>.</summary>
    public static string Workflow(string workflow, string action) => $"workflow.{workflow}.{action}";
}

internal static class CurrentUserAuditExtensions
{
    public static string ActorName(this ICurrentUser user) => user.UserName ?? "anonymous";
    public static string ActorRoles(this ICurrentUser user) => string.Join(",", user.Roles);
}
