namespace Renda.Modules.Performance;

/// <summary>One criterion of a yearly rulebook as the calculator sees it: what it counts (duty-record
/// kinds, or <see cref="ScoreCalculator.UnexcusedAbsence"/>), the points per counted record (negative
/// for a deduction) and the yearly cap on the criterion's points in absolute value (null: no cap).</summary>
public sealed record CriterionRule(string Code, string Name, IReadOnlyList<string> Counts, decimal PointsPerRecord, decimal? Cap);

/// <summary>One explained line of a score: how many records the criterion counted, the points before the
/// cap, the points after it and whether the cap was applied.</summary>
public sealed record ScoreLine(string Criterion, string Name, int Records, decimal PointsPerRecord, decimal? Cap,
    decimal Uncapped, decimal Points, bool Capped);

/// <summary>A representative's score in one year: one line per criterion of the book, zeros included;
/// <see cref="Total"/> is the sum of the lines' points.</summary>
public sealed record Score(decimal Total, IReadOnlyList<ScoreLine> Lines);

/// <summary>The pure scoring rule (no database, no clock): a rulebook and the counts of one
/// representative's approved records by kind in a year give explained lines and their total.</summary>
public static class ScoreCalculator
{
    /// <summary>What a deduction counts besides duty-record kinds: invitations to an activity the
    /// representative neither attended nor excused themselves from.</summary>
    public const string UnexcusedAbsence = "absence_unexcused";

    public static Score Compute(IReadOnlyList<CriterionRule> book, IReadOnlyDictionary<string, int> counts)
    {
        var lines = new ScoreLine[book.Count];
        var total = 0m;
        for (var i = 0; i < book.Count; i++)
        {
            var c = book[i];
            var records = 0;
            foreach (var kind in c.Counts)
                if (counts.TryGetValue(kind, out var n)) records += n;
            var uncapped = records * c.PointsPerRecord;
            var points = uncapped;
            var capped = false;
            if (c.Cap is { } cap && Math.Abs(uncapped) > cap)
            {
                points = uncapped < 0 ? -cap : cap;
                capped = true;
            }
            lines[i] = new ScoreLine(c.Code, c.Name, records, c.PointsPerRecord, c.Cap, uncapped, points, capped);
            total += points;
        }
        return new Score(total, lines);
    }

    /// <summary>The most a representative can earn under the book: the sum of the caps of the
    /// criteria that add points (null when one of them has no cap).</summary>
    public static decimal? MaxPoints(IReadOnlyList<CriterionRule> book)
    {
        var max = 0m;
        foreach (var c in book.Where(c => c.PointsPerRecord > 0))
        {
            if (c.Cap is not { } cap) return null;
            max += cap;
        }
        return max;
    }

    /// <summary>Stars by rule: the share of <see cref="MaxPoints"/> earned, one star per started fifth
    /// (≥ 80 % is 五星); nothing earned is no star. A book without a maximum gives stars by the share of
    /// the best score among those compared (<paramref name="best"/>).</summary>
    public static int Stars(decimal total, decimal? max, decimal best)
    {
        var top = max ?? best;
        if (total <= 0 || top <= 0) return 0;
        var share = total / top;
        return share >= 0.8m ? 5 : share >= 0.6m ? 4 : share >= 0.4m ? 3 : share >= 0.2m ? 2 : 1;
    }

    /// <summary>A line in words, e.g. "接待选民 7 条 × 2 分 = 14 分，封顶 10 分 → 10 分".</summary>
    public static string Explain(ScoreLine line, bool english)
    {
        static string N(decimal d) => d.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        if (english)
            return $"{line.Records} record(s) × {N(line.PointsPerRecord)} = {N(line.Uncapped)}"
                + (line.Capped ? $", capped at {N(line.Cap!.Value)} → {N(line.Points)}" : "")
                + (line.Cap is { } c && !line.Capped ? $" (cap {N(c)})" : "");
        return $"{line.Records} 条 × {N(line.PointsPerRecord)} 分 = {N(line.Uncapped)} 分"
            + (line.Capped ? $"，达到上限 {N(line.Cap!.Value)} 分 → {N(line.Points)} 分" : "")
            + (line.Cap is { } cc && !line.Capped ? $"（上限 {N(cc)} 分）" : "");
    }
}
