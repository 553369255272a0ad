using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Renda.Modules.Stations;
using Renda.Platform.Data;
using Renda.Platform.Http;

namespace Renda.Modules.Opinions;

public sealed record HotTopicPlace(string Key, string Name, int Count);

public sealed record HotTopicOpinion(long Id, DateTime CreatedAt, string State, string Content, long? StationId, string? StationName);

/// <summary>One concentrated problem (反映比较集中): similar opinions of the window, where they came from, and
/// the text that stands for them.</summary>
public sealed record HotTopic(
    string Title, IReadOnlyList<string> KeyPhrases, int Count, long RepresentativeId, string RepresentativeText,
    IReadOnlyList<HotTopicPlace> Stations, IReadOnlyList<HotTopicPlace> Townships, DateTime FirstAt, DateTime LastAt,
    IReadOnlyList<long> OpinionIds, IReadOnlyList<HotTopicOpinion> Opinions);

public sealed record HotTopicsResult(int Days, int MinCount, DateTime Since, int Considered, bool Truncated, IReadOnlyList<HotTopic> Topics);

/// <summary>Clusters of similar opinions received in the last N days across the caller's stations and
/// townships (<see cref="HotTopicsClustering"/>); only the texts of the window are read, newest first up to
/// <see cref="MaxOpinions"/>. Declined opinions are left out (not a matter to take up); merged ones count,
/// since each is another citizen raising the same thing.</summary>
public sealed class HotTopics(AppDbContext db, TimeProvider clock)
{
    public const int DefaultDays = 30, MaxDays = 366, DefaultMinCount = 3, MaxMinCount = 1000;
    public const int MaxOpinions = 20_000;
    /// <summary>Opinions listed under a topic (the ids are all there).</summary>
    public const int ListedOpinions = 50;

    public async Task<UseCaseResult<HotTopicsResult>> FindAsync(string? days, string? minCount, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var d = Number(days, DefaultDays, 1, MaxDays, "days", "天数", errors);
        var m = Number(minCount, DefaultMinCount, 2, MaxMinCount, "minCount", "最少件数", errors);
        if (errors.Count > 0) return UseCaseResult<HotTopicsResult>.Invalid(errors);
        return UseCaseResult<HotTopicsResult>.Success(await FindAsync(d, m, ct));
    }

    public async Task<HotTopicsResult> FindAsync(int days, int minCount, CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-days);
        var rows = await db.Set<Opinion>().AsNoTracking()
            .Where(o => o.CreatedAt >= since && o.State != "declined")
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
            .Take(MaxOpinions + 1)
            .Select(o => new { o.Id, o.CreatedAt, o.State, o.Content, o.StationId, o.JurisdictionCode })
            .ToListAsync(ct);
        var truncated = rows.Count > MaxOpinions;
        if (truncated) rows.RemoveAt(rows.Count - 1);
        rows.Reverse(); // oldest first: a topic grows from its first report

        var clusters = HotTopicsClustering.Cluster(rows.Select(r => r.Content).ToList())
            .Where(c => c.Members.Count >= minCount).ToList();

        var stationIds = clusters.SelectMany(c => c.Members).Select(i => rows[i].StationId).OfType<long>().Distinct().ToList();
        var stations = await db.Set<Station>().AsNoTracking().Where(s => stationIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var codes = clusters.SelectMany(c => c.Members).Select(i => Township(rows[i].JurisdictionCode)).Distinct().ToList();
        var places = await db.Jurisdictions.AsNoTracking().Where(j => codes.Contains(j.Code)).ToDictionaryAsync(j => j.Code, j => j.Name, ct);

        var topics = clusters.Select(c =>
        {
            var members = c.Members.Select(i => rows[i]).OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).ToList();
            var rep = rows[c.Representative];
            var byStation = members.GroupBy(r => r.StationId)
                .Select(g => g.Key is { } id
                    ? new HotTopicPlace(id.ToString(CultureInfo.InvariantCulture), stations.GetValueOrDefault(id, $"#{id}"), g.Count())
                    : new HotTopicPlace("none", "未经家站点", g.Count()))
                .OrderByDescending(p => p.Count).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
            var byTownship = members.GroupBy(r => Township(r.JurisdictionCode))
                .Select(g => new HotTopicPlace(g.Key, places.GetValueOrDefault(g.Key, g.Key), g.Count()))
                .OrderByDescending(p => p.Count).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
            return new HotTopic(
                Title(c.KeyPhrases, rep.Content), c.KeyPhrases, members.Count, rep.Id, rep.Content, byStation, byTownship,
                members.Min(r => r.CreatedAt), members.Max(r => r.CreatedAt), members.Select(r => r.Id).ToList(),
                members.Take(ListedOpinions).Select(r => new HotTopicOpinion(r.Id, r.CreatedAt, r.State, r.Content, r.StationId,
                    r.StationId is { } s ? stations.GetValueOrDefault(s) : null)).ToList());
        })
        .OrderByDescending(t => t.Count).ThenByDescending(t => t.Stations.Count(s => s.Key != "none")).ThenByDescending(t => t.LastAt)
        .ToList();

        return new HotTopicsResult(days, minCount, since, rows.Count, truncated, topics);
    }

    /// <summary>The township (9 digits) of a jurisdiction code, or the code itself above that level.</summary>
    public static string Township(string code) => code.Length > 9 ? code[..9] : code;

    /// <summary>The key phrases (停车难、停车位), or the start of the representative text when there are none.</summary>
    public static string Title(IReadOnlyList<string> phrases, string text)
    {
        if (phrases.Count > 0) return string.Join("、", phrases);
        var t = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var cut = new System.Globalization.StringInfo(t);
        return cut.LengthInTextElements <= 20 ? t : cut.SubstringByTextElements(0, 20) + "…";
    }

    private static int Number(string? text, int fallback, int min, int max, string field, string zh, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        errors[field] = [$"{zh}须为 {min} 到 {max} 的整数 / {field} must be a whole number from {min} to {max}"];
        return fallback;
    }
}
