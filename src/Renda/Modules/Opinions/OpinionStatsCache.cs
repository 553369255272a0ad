using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Renda.Modules.Opinions;

/// <summary>The dashboard's figures for scopes wider than a county (a city's or the province's staff), kept for
/// <see cref="OpinionOptions.WideStatsCacheSeconds"/> and shown with the time they were computed (docs/adr/0040).
/// A province year sums hundreds of thousands of rollup rows (about a second on two cores); a county's figures cost
/// tens of milliseconds and are always computed on request. One wide computation runs at a time: staff who open the
/// province dashboard together wait for the first one's figures instead of computing them again side by side.</summary>
public sealed class OpinionStatsCache(IOptions<OpinionOptions> options, TimeProvider clock)
{
    /// <summary>Periods kept at most (per scope and period); beyond, the expired ones go, then all.</summary>
    public const int MaxEntries = 64;

    private readonly ConcurrentDictionary<string, OpinionStatsResult> entries = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>How long a wide scope's figures are kept; zero when they are not kept.</summary>
    public TimeSpan MaxAge => TimeSpan.FromSeconds(Math.Max(0, options.Value.WideStatsCacheSeconds));

    /// <summary>The province, a city (digit codes shorter than a county's six) or every jurisdiction (no scope).</summary>
    public static bool IsWide(string? scope) =>
        string.IsNullOrEmpty(scope) || (scope.Length < OpinionStatsMonth.CountyLength && scope.All(char.IsAsciiDigit));

    /// <summary>The figures of <paramref name="key"/> computed less than <see cref="MaxAge"/> ago, or those
    /// <paramref name="compute"/> gives now, stamped with <see cref="OpinionStatsResult.MaxAgeSeconds"/> and kept for the
    /// next callers (a failed or cancelled computation keeps nothing; with a zero <see cref="MaxAge"/>, as computed).</summary>
    public async Task<OpinionStatsResult> GetAsync(string key, Func<Task<OpinionStatsResult>> compute, CancellationToken ct)
    {
        var maxAge = MaxAge;
        if (maxAge == TimeSpan.Zero) return await compute();
        if (Fresh(key, maxAge) is { } hit) return hit;
        await gate.WaitAsync(ct);
        try
        {
            if (Fresh(key, maxAge) is { } computedMeanwhile) return computedMeanwhile;
            var result = await compute() with { MaxAgeSeconds = (int)maxAge.TotalSeconds };
            if (entries.Count >= MaxEntries)
            {
                foreach (var (k, v) in entries)
                    if (!IsFresh(v, maxAge)) entries.TryRemove(k, out _);
                if (entries.Count >= MaxEntries) entries.Clear();
            }
            entries[key] = result;
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    private OpinionStatsResult? Fresh(string key, TimeSpan maxAge) =>
        entries.TryGetValue(key, out var r) && IsFresh(r, maxAge) ? r : null;

    private bool IsFresh(OpinionStatsResult r, TimeSpan maxAge)
    {
        var age = clock.GetUtcNow().UtcDateTime - r.AsOf;
        return age >= TimeSpan.Zero && age < maxAge;
    }
}
