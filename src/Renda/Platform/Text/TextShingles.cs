using System.Globalization;
using System.Text;

namespace Renda.Platform.Text;

/// <summary>Chinese text as a set of shingles for similarity: CJK character bigrams (most Chinese words are two
/// characters, and a bigram needs no dictionary) plus Latin words, after NFKC folding (full-width letters and
/// digits become ASCII) and lower-casing. Digits are dropped (house numbers, phone numbers and dates say nothing
/// about the topic), and so are the stop phrases of petition-speak (希望, 建议, 相关部门, 尽快解决 …), cut out of the
/// text before the bigrams are taken so that no bigram straddles one.</summary>
public static class TextShingles
{
    /// <summary>Phrases nearly every opinion uses whatever it is about. Longer ones first, so that 相关部门 is cut
    /// whole before 部门 is looked at.</summary>
    public static readonly IReadOnlyList<string> StopPhrases = new[]
    {
        "人大代表", "相关部门", "有关部门", "尽快解决", "联系电话", "为什么", "老百姓", "希望", "建议", "反映", "问题", "解决",
        "尽快", "部门", "政府", "相关", "有关", "能否", "能够", "可以", "请求", "要求", "我们", "他们", "大家", "群众",
        "居民", "村民", "现在", "目前", "一直", "已经", "经常", "非常", "比较", "特别", "存在", "情况", "没有", "不能",
        "不是", "一些", "这个", "那个", "这里", "那里", "这些", "进行", "加强", "关注", "重视", "给予", "及时", "影响",
        "严重", "造成", "导致", "由于", "因为", "所以", "但是", "而且", "并且", "以及", "或者", "如果", "是否", "什么",
        "怎么", "多次", "很多", "许多", "谢谢", "感谢", "麻烦", "领导", "代表", "电话", "附近", "周边", "一下", "越来越",
    }.Distinct().OrderByDescending(p => p.Length).ThenBy(p => p, StringComparer.Ordinal).ToArray();

    /// <summary>The distinct shingles of <paramref name="text"/>, in order of first appearance.</summary>
    public static IReadOnlyList<string> Of(string? text)
    {
        var result = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return result;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in Runs(CutStopPhrases(Fold(text))))
        {
            if (IsCjk(run[0]))
            {
                for (var i = 0; i + 1 < run.Length; i++)
                {
                    var bigram = run.Substring(i, 2);
                    if (seen.Add(bigram)) result.Add(bigram);
                }
            }
            else if (run.Length >= 2 && seen.Add(run)) result.Add(run);
        }
        return result;
    }

    /// <summary>|A ∩ B| / |A ∪ B|; 0 when both are empty.</summary>
    public static double Jaccard(IReadOnlyCollection<string> a, IReadOnlyCollection<string> b)
    {
        if (a.Count == 0 && b.Count == 0) return 0;
        var small = a.Count <= b.Count ? a : b;
        var large = ReferenceEquals(small, a) ? b : a;
        var set = large as IReadOnlySet<string> ?? large.ToHashSet(StringComparer.Ordinal);
        var shared = small.Distinct(StringComparer.Ordinal).Count(set.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    /// <summary>NFKC (full-width to half-width), lower case.</summary>
    public static string Fold(string text) => text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    /// <summary>Stop phrases replaced by a break, so the characters on each side never pair up.</summary>
    public static string CutStopPhrases(string folded)
    {
        var sb = new StringBuilder(folded);
        foreach (var phrase in StopPhrases) sb.Replace(phrase, " ");
        return sb.ToString();
    }

    /// <summary>Maximal runs of CJK ideographs, and of Latin letters; everything else (digits, punctuation,
    /// spaces, emoji) breaks a run.</summary>
    public static IEnumerable<string> Runs(string folded)
    {
        var start = -1;
        var cjk = false;
        for (var i = 0; i <= folded.Length; i++)
        {
            var c = i < folded.Length ? folded[i] : ' ';
            var kind = IsCjk(c) ? 1 : IsLatin(c) ? 2 : 0;
            if (start >= 0 && (kind == 0 || (kind == 1) != cjk))
            {
                yield return folded[start..i];
                start = -1;
            }
            if (start < 0 && kind != 0)
            {
                start = i;
                cjk = kind == 1;
            }
        }
    }

    /// <summary>CJK Unified Ideographs and Extension A (the BMP blocks ordinary Chinese text uses).</summary>
    public static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    private static bool IsLatin(char c) => c is >= 'a' and <= 'z' || char.GetUnicodeCategory(c) == UnicodeCategory.LowercaseLetter && c < '\u0250';
}

/// <summary>Shingle sets of a corpus as unit vectors (every shingle weighs the same), whose dot product is the
/// cosine similarity of two sets, |A ∩ B| / √(|A|·|B|) (Ochiai). Rarity weights (IDF) were tried and dropped:
/// in a month of one county's opinions a bigram two unrelated texts happen to share (菜市场 in a parking and a
/// hygiene complaint) is rare and so outweighs the topic's own words (停车), which are common by definition
/// (docs/adr/0027). Shingles carried by more than
/// <see cref="MaxDocumentShare"/> of the documents (once the corpus has at least <see cref="MinStopDocuments"/>
/// documents holding one) are the corpus's own stop words — a county's 小区, 村里, 镇上 — and get no weight.</summary>
public sealed class ShingleCorpus
{
    public const double MaxDocumentShare = 0.1;
    public const int MinStopDocuments = 20;

    private readonly Dictionary<string, int> _df = new(StringComparer.Ordinal);

    public IReadOnlyList<IReadOnlyDictionary<string, double>> Vectors { get; }
    public IReadOnlySet<string> CorpusStops { get; }
    public int Count => Vectors.Count;

    public ShingleCorpus(IReadOnlyList<string> texts)
    {
        var sets = texts.Select(TextShingles.Of).ToList();
        foreach (var s in sets)
            foreach (var b in s)
                _df[b] = _df.GetValueOrDefault(b) + 1;
        var n = sets.Count;
        var cap = Math.Max(MaxDocumentShare * n, MinStopDocuments);
        CorpusStops = _df.Where(kv => kv.Value > cap).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        Vectors = sets.Select(s =>
        {
            var v = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var b in s)
                if (!CorpusStops.Contains(b)) v[b] = 1;
            var norm = Math.Sqrt(v.Values.Sum(x => x * x));
            if (norm > 0) foreach (var k in v.Keys.ToList()) v[k] /= norm;
            return (IReadOnlyDictionary<string, double>)v;
        }).ToList();
    }

    /// <summary>How many documents hold the shingle.</summary>
    public int DocumentFrequency(string shingle) => _df.GetValueOrDefault(shingle);

    public static double Dot(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b)
    {
        if (a.Count > b.Count) (a, b) = (b, a);
        var sum = 0.0;
        foreach (var (k, v) in a)
            if (b.TryGetValue(k, out var w)) sum += v * w;
        return sum;
    }

    /// <summary>Cosine similarity of documents <paramref name="i"/> and <paramref name="j"/>.</summary>
    public double Similarity(int i, int j) => Dot(Vectors[i], Vectors[j]);
}
