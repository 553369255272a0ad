using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Renda.Modules.Representatives;
using Renda.Modules.Stations;
using Renda.Platform.Audit;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;
using CodeGenerator = Renda.Modules.Representatives.PublicCodes;

namespace Renda.Modules.PublicCodes;

public sealed record CodeHistoryItem(string Code, DateTime? IssuedAt, string? IssuedBy, DateTime? RevokedAt, string? RevokedBy,
    RevokeReason? Reason);

/// <summary>A representative's or station's code as staff see it: the latest code, whether it works,
/// its public URL (set by the caller, who knows the public address) and the codes before it.</summary>
public sealed record CodeCard(PublicCodeKind Kind, long TargetId, string Name, string JurisdictionCode, string Code, bool Active,
    IReadOnlyList<CodeHistoryItem> History)
{
    public string Path => PublicCode.PathOf(Kind, Code);
    public string? Url { get; init; }
}

public enum CodeState { Active, Revoked, Unknown }

/// <summary>What a public URL's code leads to: nothing is said about a code's owner unless it is active (then its
/// id and jurisdiction).</summary>
public sealed record ResolvedCode(CodeState State, long TargetId = 0, string? JurisdictionCode = null)
{
    public static readonly ResolvedCode Unknown = new(CodeState.Unknown);
    public static readonly ResolvedCode Revoked = new(CodeState.Revoked);
}

/// <summary>The 代表码/家站码 use cases behind the staff QR page and its API: show, revoke, regenerate;
/// and, for the public pages, what a code leads to. Staff reach only targets in their jurisdiction (the
/// global filter); one revoke or regenerate is one explicit audit entry and one transaction.</summary>
public sealed partial class PublicCodeRegistry(AppDbContext db, AuditTrail audit, ICurrentUser me, TimeProvider clock)
{
    public const string RevokedAction = "public_code.revoked";
    public const string RegeneratedAction = "public_code.regenerated";

    public async Task<UseCaseResult<CodeCard>> CardAsync(PublicCodeKind kind, long id, CancellationToken ct = default)
    {
        var target = await FindAsync(kind, id, ct);
        return target is null ? UseCaseResult<CodeCard>.NotFound() : UseCaseResult<CodeCard>.Success(await CardOfAsync(target, ct));
    }

    /// <summary>Revokes the target's code without a new one: its URL answers that the code is no longer valid.</summary>
    public async Task<UseCaseResult<CodeCard>> RevokeAsync(PublicCodeKind kind, long id, string? reason, CancellationToken ct = default)
    {
        var target = await FindAsync(kind, id, ct);
        if (target is null) return UseCaseResult<CodeCard>.NotFound();
        var row = await RowAsync(target.Code, ct);
        if (row is { Revoked: true })
            return UseCaseResult<CodeCard>.Refused(409, "code-already-revoked", "该二维码已作废", "This code is already revoked",
                "Regenerate to issue a new code.");
        if (!TryReason(reason, out var why)) return InvalidReason();

        Revoke(target, row, why);
        audit.Record(new AuditRecord(RevokedAction, target.EntityType, Id(target), Summary(kind, target.Code, why, null),
            JurisdictionCode: target.JurisdictionCode));
        return await SaveAsync(target, ct);
    }

    /// <summary>Issues a new code; the current one, if it still works, is revoked with the reason given
    /// (a reason is required then, and only then).</summary>
    public async Task<UseCaseResult<CodeCard>> RegenerateAsync(PublicCodeKind kind, long id, string? reason, CancellationToken ct = default)
    {
        var target = await FindAsync(kind, id, ct);
        if (target is null) return UseCaseResult<CodeCard>.NotFound();
        var row = await RowAsync(target.Code, ct);
        RevokeReason? why = null;
        string? revoked = null;
        if (row is not { Revoked: true })
        {
            if (!TryReason(reason, out var given)) return InvalidReason();
            Revoke(target, row, given);
            (why, revoked) = (given, target.Code);
        }

        var code = await NewCodeAsync(ct);
        var issued = new PublicCode
        {
            Code = code, Kind = kind, TargetId = target.Id, JurisdictionCode = target.JurisdictionCode,
            IssuedAt = clock.GetUtcNow().UtcDateTime, IssuedBy = me.UserName,
        };
        db.Add(issued);
        db.AuditedExplicitly.Add(issued);
        target.SetCode(code);
        audit.Record(new AuditRecord(RegeneratedAction, target.EntityType, Id(target), Summary(kind, revoked, why, code),
            JurisdictionCode: target.JurisdictionCode));
        return await SaveAsync(target with { Code = code }, ct);
    }

    /// <summary>For the public pages (no sign-in, and the same answer for a signed-in user of any
    /// jurisdiction): whether <paramref name="code"/> is the working code of a target of this kind.</summary>
    public async Task<ResolvedCode> ResolveAsync(PublicCodeKind kind, string? code, CancellationToken ct = default)
    {
        code = code?.Trim().ToLowerInvariant();
        if (code is null || !WellFormed().IsMatch(code)) return ResolvedCode.Unknown;
        // One round trip (a public submission's first statement): the code's registry row, if any (only a regenerated
        // or revoked code has one; a first code lives on its target alone), and the target that now carries the code.
        var registered = db.Set<PublicCode>().IgnoreQueryFilters().Where(c => c.Code == code)
            .Select(c => new CodeRow { Registered = true, Kind = c.Kind, Revoked = c.RevokedAt != null, TargetId = null, JurisdictionCode = null });
        var carriers = kind == PublicCodeKind.Station
            ? db.Set<Station>().IgnoreQueryFilters().Where(s => s.PublicCode == code)
                .Select(s => new CodeRow { Registered = false, Kind = PublicCodeKind.Station, Revoked = false, TargetId = s.Id, JurisdictionCode = s.JurisdictionCode })
            : db.Set<Representative>().IgnoreQueryFilters().Where(r => r.PublicCode == code)
                // a representative no longer in office has no public page
                .Select(r => new CodeRow { Registered = false, Kind = PublicCodeKind.Representative, Revoked = r.Status != RepresentativeStatus.InOffice,
                    TargetId = r.Id, JurisdictionCode = r.JurisdictionCode });
        var rows = await registered.Concat(carriers).AsNoTracking().ToListAsync(ct);
        if (rows.FirstOrDefault(r => r.Registered) is { } row)
        {
            if (row.Kind != kind) return ResolvedCode.Unknown;
            if (row.Revoked) return ResolvedCode.Revoked;
        }
        return rows.FirstOrDefault(r => !r.Registered) switch
        {
            null => ResolvedCode.Unknown,
            { Revoked: true } => ResolvedCode.Revoked,
            { } t => new ResolvedCode(CodeState.Active, t.TargetId!.Value, t.JurisdictionCode),
        };
    }

    /// <summary>One row of <see cref="ResolveAsync"/>'s union: the registry's row of a code, or the target carrying it.</summary>
    private sealed class CodeRow
    {
        public bool Registered { get; init; }
        public PublicCodeKind Kind { get; init; }
        public bool Revoked { get; init; }
        public long? TargetId { get; init; }
        public string? JurisdictionCode { get; init; }
    }

    /// <summary>Which of <paramref name="codes"/> are revoked: the public pages link only to working codes.</summary>
    public async Task<HashSet<string>> RevokedAmongAsync(IReadOnlyCollection<string> codes, CancellationToken ct = default) =>
        (await db.Set<PublicCode>().IgnoreQueryFilters()
            .Where(c => codes.Contains(c.Code) && c.RevokedAt != null).Select(c => c.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex("^[0-9a-hjkmnp-tv-z]{12}$")]
    private static partial Regex WellFormed();

    private void Revoke(Target target, PublicCode? row, RevokeReason why)
    {
        if (row is null)
        {
            row = new PublicCode { Code = target.Code, Kind = target.Kind, TargetId = target.Id, JurisdictionCode = target.JurisdictionCode };
            db.Add(row);
        }
        row.RevokedAt = clock.GetUtcNow().UtcDateTime;
        row.RevokedBy = me.UserName;
        row.RevokeReason = why;
        db.AuditedExplicitly.Add(row);
    }

    private async Task<UseCaseResult<CodeCard>> SaveAsync(Target target, CancellationToken ct)
    {
        db.AuditedExplicitly.Add(target.Entity);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two people changed this code at once (the row version, or the unique code, caught it).
            return UseCaseResult<CodeCard>.Refused(409, "code-changed", "二维码刚被他人更改，请刷新后重试",
                "The code was just changed by someone else; reload and try again");
        }
        return UseCaseResult<CodeCard>.Success(await CardOfAsync(target, ct));
    }

    private async Task<CodeCard> CardOfAsync(Target target, CancellationToken ct)
    {
        var rows = await db.Set<PublicCode>().IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.Kind == target.Kind && c.TargetId == target.Id).ToListAsync(ct);
        var current = rows.FirstOrDefault(r => r.Code == target.Code);
        var history = rows.Where(r => r.Code != target.Code)
            .OrderByDescending(r => r.RevokedAt ?? DateTime.MaxValue).ThenByDescending(r => r.Id)
            .Select(r => new CodeHistoryItem(r.Code, r.IssuedAt, r.IssuedBy, r.RevokedAt, r.RevokedBy, r.RevokeReason)).ToList();
        if (current is not null)
            history.Insert(0, new CodeHistoryItem(current.Code, current.IssuedAt, current.IssuedBy, current.RevokedAt, current.RevokedBy, current.RevokeReason));
        return new CodeCard(target.Kind, target.Id, target.Name, target.JurisdictionCode, target.Code, current is not { Revoked: true }, history);
    }

    /// <summary>The registry row of a code, whichever jurisdiction wrote it: the caller has already found its target in scope.</summary>
    private Task<PublicCode?> RowAsync(string code, CancellationToken ct) =>
        db.Set<PublicCode>().IgnoreQueryFilters().SingleOrDefaultAsync(c => c.Code == code, ct);

    /// <summary>A fresh code that no representative, station or registry row has ever had.</summary>
    private async Task<string> NewCodeAsync(CancellationToken ct)
    {
        while (true)
        {
            var code = CodeGenerator.New();
            var taken = await db.Set<PublicCode>().IgnoreQueryFilters().AnyAsync(c => c.Code == code, ct)
                || await db.Set<Representative>().IgnoreQueryFilters().AnyAsync(r => r.PublicCode == code, ct)
                || await db.Set<Station>().IgnoreQueryFilters().AnyAsync(s => s.PublicCode == code, ct);
            if (!taken) return code;
        }
    }

    private async Task<Target?> FindAsync(PublicCodeKind kind, long id, CancellationToken ct)
    {
        if (kind == PublicCodeKind.Station)
        {
            var s = await db.Set<Station>().SingleOrDefaultAsync(x => x.Id == id, ct);
            return s is null ? null : new Target(kind, s, s.Id, s.Name, s.JurisdictionCode, s.PublicCode, c => s.PublicCode = c);
        }
        var r = await db.Set<Representative>().SingleOrDefaultAsync(x => x.Id == id, ct);
        return r is null ? null : new Target(kind, r, r.Id, r.Name, r.JurisdictionCode, r.PublicCode, c => r.PublicCode = c);
    }

    private static bool TryReason(string? value, out RevokeReason reason)
    {
        reason = default;
        var v = value?.Trim().ToLowerInvariant();
        var parsed = v switch
        {
            "damaged" => PublicCodes.RevokeReason.Damaged,
            "misused" => PublicCodes.RevokeReason.Misused,
            "ended" => PublicCodes.RevokeReason.Ended,
            "other" => PublicCodes.RevokeReason.Other,
            _ => (RevokeReason?)null,
        };
        if (parsed is null) return false;
        reason = parsed.Value;
        return true;
    }

    private static UseCaseResult<CodeCard> InvalidReason() =>
        UseCaseResult<CodeCard>.Invalid("reason", "必填，取值 damaged、misused、ended、other 之一 / required: one of damaged, misused, ended, other");

    private static string Id(Target t) => t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Summary(PublicCodeKind kind, string? revoked, RevokeReason? reason, string? issued) =>
        JsonSerializer.Serialize(new
        {
            kind = kind.ToString().ToLowerInvariant(),
            revoked,
            reason = reason?.ToString().ToLowerInvariant(),
            issued,
        });

    private sealed record Target(PublicCodeKind Kind, object Entity, long Id, string Name, string JurisdictionCode, string Code,
        Action<string> SetCode)
    {
        public string EntityType => Entity.GetType().Name;
    }
}
