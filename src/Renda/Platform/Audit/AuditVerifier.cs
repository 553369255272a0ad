using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Renda.Platform.Data;

namespace Renda.Platform.Audit;

/// <summary>Why the chain is broken; the page shows it in Chinese or English, the API as English text.</summary>
public enum ChainBreak
{
    /// <summary>An entry's content no longer matches its own hash (a field was changed).</summary>
    ContentChanged,
    /// <summary>An entry's prev_hash is not the hash of the entry before it (an entry was replaced or re-chained).</summary>
    LinkBroken,
    /// <summary>Chain positions are missing before this entry (entries were deleted from the middle).</summary>
    Gap,
    /// <summary>The head records more entries than exist (the newest entries were deleted).</summary>
    TailMissing,
    /// <summary>The head's hash is not the hash of the entry it points to.</summary>
    HeadMismatch,
}

/// <summary>The answer of <c>GET /api/audit/verify</c>:
/// <c>{"intact": true, "entries": N}</c> or <c>{"intact": false, "firstBrokenId": id, "reason": "…"}</c>.</summary>
public sealed record ChainVerdict(
    bool Intact,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Entries,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? FirstBrokenId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason)
{
    [JsonIgnore] public ChainBreak? Break { get; init; }

    public static ChainVerdict Whole(long entries) => new(true, entries, null, null);

    public static ChainVerdict Broken(long id, ChainBreak why, string reason) => new(false, null, id, reason) { Break = why };
}

/// <summary>Walks the whole chain (all jurisdictions: the chain is global even though the list is
/// scoped) in id order, streaming, so millions of entries never sit in memory at once.</summary>
public sealed class AuditVerifier(AppDbContext db)
{
    public async Task<ChainVerdict> VerifyAsync(CancellationToken ct = default)
    {
        // The head is read first. Entries up to head.LastId were committed with it and are visible to
        // the scan that follows; entries appended meanwhile come after it and are checked as well.
        var head = await db.Set<AuditHead>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, ct);
        var headId = head?.LastId ?? 0;
        var headHash = head?.LastHash ?? AuditHasher.Genesis;

        long expected = 1;
        var prev = AuditHasher.Genesis;
        string? hashAtHead = headId == 0 ? AuditHasher.Genesis : null;
        var entries = db.AuditEntries.AsNoTracking().IgnoreQueryFilters().OrderBy(a => a.Id).AsAsyncEnumerable();
        await foreach (var e in entries.WithCancellation(ct))
        {
            if (e.Id != expected)
                return ChainVerdict.Broken(e.Id, ChainBreak.Gap,
                    expected == e.Id - 1 ? $"Entry {expected} is missing." : $"Entries {expected} to {e.Id - 1} are missing.");
            if (AuditHasher.Compute(e) != e.Hash)
                return ChainVerdict.Broken(e.Id, ChainBreak.ContentChanged, $"Entry {e.Id} does not match its hash: its content was changed.");
            if (e.PrevHash != prev)
                return ChainVerdict.Broken(e.Id, ChainBreak.LinkBroken, $"Entry {e.Id} does not link to the hash of entry {e.Id - 1}.");
            if (e.Id == headId) hashAtHead = e.Hash;
            prev = e.Hash;
            expected++;
        }

        var last = expected - 1;
        if (head is null && last > 0)
            return ChainVerdict.Broken(last, ChainBreak.HeadMismatch, "The chain's head row is missing.");
        if (headId > last)
            return ChainVerdict.Broken(last + 1, ChainBreak.TailMissing,
                $"The head records {headId} entries but the chain ends at {last}: the newest entries were deleted.");
        if (hashAtHead != headHash)
            return ChainVerdict.Broken(headId, ChainBreak.HeadMismatch, $"The head's hash is not the hash of entry {headId}.");
        return ChainVerdict.Whole(last);
    }
}
