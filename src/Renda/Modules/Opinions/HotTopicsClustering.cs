using System.Text;
using Renda.Platform.Text;

namespace Renda.Modules.Opinions;

/// <summary>A group of similar texts: the indexes of its members (in input order), the member closest to
/// the group's centre, and the phrases the members share most.</summary>
public sealed record TextCluster(IReadOnlyList<int> Members, int Representative, IReadOnlyList<string> KeyPhrases);

/// <summary>Groups similar texts in one pass (docs/adr/0027): each text, in the order given, joins the group
/// whose centroid (the sum of its members' IDF-weighted shingle vectors, <see cref="ShingleCorpus"/>) is most
/// similar to it by cosine, if that reaches <see cref="DefaultThreshold"/>; otherwise it starts a group. A
/// second pass moves each text to the centroid it is now closest to (the first texts met only small groups).
/// Candidates come from an inverted index from shingle to the groups holding it, so a text is compared only
/// with groups it shares a weighted shingle with; shingles common to the whole corpus carry no weight and
/// are not indexed, which keeps the postings short.</summary>
public static class HotTopicsClustering
{
    public const double DefaultThreshold = 0.18;
    /// <summary>A shingle is part of a key phrase when at least this share of the group's members hold it.</summary>
    public const double PhraseShare = 0.4;

    public static IReadOnlyList<TextCluster> Cluster(IReadOnlyList<string> texts, double threshold = DefaultThreshold)
    {
        var corpus = new ShingleCorpus(texts);
        var groups = new List<Group>();
        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var assignment = new int[texts.Count];

        for (var i = 0; i < texts.Count; i++)
        {
            var v = corpus.Vectors[i];
            var best = v.Count == 0 ? -1 : Best(v, groups, index, threshold, exclude: -1);
            if (best < 0)
            {
                best = groups.Count;
                groups.Add(new Group());
            }
            groups[best].Add(i, v, best, index);
            assignment[i] = best;
        }

        // Second pass: with every centroid known, move each text to the one it is closest to.
        for (var i = 0; i < texts.Count; i++)
        {
            var v = corpus.Vectors[i];
            if (v.Count == 0 || groups[assignment[i]].Members.Count == 1) continue;
            var own = groups[assignment[i]];
            var ownScore = own.CosineWithout(v);
            var best = Best(v, groups, index, Math.Max(threshold, ownScore + 1e-9), exclude: assignment[i]);
            if (best < 0) continue;
            own.Remove(i, v);
            groups[best].Add(i, v, best, index);
            assignment[i] = best;
        }

        // Last, groups that met late (two halves of one topic, each begun before the other was seen) merge when
        // their centroids are as similar as a text must be to join; every single text already had its chance.
        for (var merged = true; merged;)
        {
            merged = false;
            var multi = groups.Where(g => g.Members.Count > 1).OrderByDescending(g => g.Members.Count).ToList();
            for (var a = 0; a < multi.Count && !merged; a++)
                for (var b = a + 1; b < multi.Count && !merged; b++)
                {
                    if (Group.Cosine(multi[a], multi[b]) < threshold) continue;
                    foreach (var doc in multi[b].Members.ToList())
                    {
                        multi[b].Remove(doc, corpus.Vectors[doc]);
                        multi[a].Add(doc, corpus.Vectors[doc], groups.IndexOf(multi[a]), index);
                    }
                    merged = true;
                }
        }

        return groups.Where(g => g.Members.Count > 0).Select(g => Describe(g, texts, corpus)).ToList();
    }

    private static int Best(IReadOnlyDictionary<string, double> v, List<Group> groups, Dictionary<string, List<int>> index,
        double threshold, int exclude)
    {
        var dots = new Dictionary<int, double>();
        foreach (var (term, w) in v)
        {
            if (!index.TryGetValue(term, out var holders)) continue;
            foreach (var g in holders)
                if (groups[g].Sum.TryGetValue(term, out var s)) dots[g] = dots.GetValueOrDefault(g) + w * s;
        }
        var best = -1;
        var bestScore = threshold;
        foreach (var (g, dot) in dots)
        {
            if (g == exclude || groups[g].Members.Count == 0) continue;
            var score = dot / Math.Sqrt(groups[g].NormSquared);
            if (score >= bestScore && (best < 0 || score > bestScore || g < best))
            {
                (best, bestScore) = (g, score);
            }
        }
        return best;
    }

    private static TextCluster Describe(Group g, IReadOnlyList<string> texts, ShingleCorpus corpus)
    {
        var members = g.Members.OrderBy(m => m).ToList();
        var representative = members.MaxBy(m => ShingleCorpus.Dot(corpus.Vectors[m], g.Sum))!;
        return new TextCluster(members, representative, KeyPhrases(texts[representative], g));
    }

    /// <summary>Runs of consecutive bigrams of the representative text that most members share, joined into
    /// phrases (停车 + 车难 → 停车难), the most shared first; at most three.</summary>
    private static IReadOnlyList<string> KeyPhrases(string text, Group g)
    {
        var n = g.Members.Count;
        bool Shared(string b) => g.Holders.GetValueOrDefault(b) >= Math.Max(2, PhraseShare * n);
        var phrases = new List<(string Phrase, int Holders)>();
        foreach (var run in TextShingles.Runs(TextShingles.CutStopPhrases(TextShingles.Fold(text))))
        {
            if (!TextShingles.IsCjk(run[0]))
            {
                if (Shared(run)) phrases.Add((run, g.Holders[run]));
                continue;
            }
            var sb = new StringBuilder();
            var top = 0;
            for (var i = 0; i + 1 <= run.Length; i++)
            {
                var ok = i + 1 < run.Length && Shared(run.Substring(i, 2));
                if (ok)
                {
                    if (sb.Length == 0) sb.Append(run[i]);
                    sb.Append(run[i + 1]);
                    top = Math.Max(top, g.Holders[run.Substring(i, 2)]);
                }
                else if (sb.Length > 0)
                {
                    phrases.Add((sb.ToString(), top));
                    sb.Clear();
                    top = 0;
                }
            }
        }
        return phrases.GroupBy(p => p.Phrase).Select(p => (p.Key, Holders: p.Max(x => x.Holders)))
            .OrderByDescending(p => p.Holders).ThenByDescending(p => p.Key.Length).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key).Take(3).ToList();
    }

    private sealed class Group
    {
        public List<int> Members { get; } = [];
        public Dictionary<string, double> Sum { get; } = new(StringComparer.Ordinal);
        /// <summary>How many members hold each shingle.</summary>
        public Dictionary<string, int> Holders { get; } = new(StringComparer.Ordinal);
        public double NormSquared { get; private set; }

        public void Add(int doc, IReadOnlyDictionary<string, double> v, int id, Dictionary<string, List<int>> index)
        {
            Members.Add(doc);
            foreach (var (t, w) in v)
            {
                var old = Sum.GetValueOrDefault(t);
                if (!Sum.ContainsKey(t))
                {
                    if (!index.TryGetValue(t, out var list)) index[t] = list = [];
                    if (!list.Contains(id)) list.Add(id);
                }
                Sum[t] = old + w;
                NormSquared += (old + w) * (old + w) - old * old;
                Holders[t] = Holders.GetValueOrDefault(t) + 1;
            }
        }

        public void Remove(int doc, IReadOnlyDictionary<string, double> v)
        {
            Members.Remove(doc);
            foreach (var (t, w) in v)
            {
                var old = Sum[t];
                Sum[t] = old - w;
                NormSquared += (old - w) * (old - w) - old * old;
                Holders[t]--;
            }
            if (Members.Count == 0) NormSquared = 0;
        }

        public static double Cosine(Group a, Group b)
        {
            if (a.NormSquared <= 1e-12 || b.NormSquared <= 1e-12) return 0;
            var (small, large) = a.Sum.Count <= b.Sum.Count ? (a, b) : (b, a);
            var dot = 0.0;
            foreach (var (t, w) in small.Sum)
                if (large.Sum.TryGetValue(t, out var x)) dot += w * x;
            return dot / Math.Sqrt(a.NormSquared * b.NormSquared);
        }

        /// <summary>Cosine of <paramref name="v"/> (a member) with the centroid of the other members.</summary>
        public double CosineWithout(IReadOnlyDictionary<string, double> v)
        {
            var dot = 0.0;
            var norm = NormSquared;
            foreach (var (t, w) in v)
            {
                var rest = Sum[t] - w;
                dot += w * rest;
                norm += rest * rest - Sum[t] * Sum[t];
            }
            return norm <= 1e-12 ? 0 : dot / Math.Sqrt(norm);
        }
    }
}
