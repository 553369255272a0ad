using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Renda.Platform.Http;

namespace Renda.Platform.Text;

/// <summary>Pinyin initials of Chinese names, for search by what staff type on a phone or laptop
/// (<c>zwh</c> finds 张卫华). The readings come from the npm package <c>pinyin</c> installed by the build
/// (<c>pinyin/lib/cjs/pinyin.js</c>), read at runtime and never copied into the repository: its
/// character dictionary (lines <c>dict[0x5f20] = "zhāng";</c>, about 41,000 characters with every
/// reading, most common first) and its surname tables (单 → shàn, 曾 → zēng, compound 欧阳, 万俟 → mò qí),
/// used for the first one or two characters of a name.</summary>
public sealed partial class Pinyin
{
    /// <summary>Most variants kept for a name whose given-name characters have readings with
    /// different initials (长 cháng/zhǎng, 乐 lè/yuè).</summary>
    public const int MaxVariants = 4;

    /// <summary>The longest <see cref="SearchKey"/>: the database column's length.</summary>
    public const int MaxKeyLength = 255;

    private static readonly Lazy<Pinyin> Shared = new(() => Load(DefaultPath()), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<int, string[]> _readings;
    private readonly Dictionary<string, string[]> _surnames;

    private Pinyin(Dictionary<int, string[]> readings, Dictionary<string, string[]> surnames)
    {
        _readings = readings;
        _surnames = surnames;
    }

    /// <summary>The dictionary of the npm install, loaded once on first use.</summary>
    public static Pinyin Default => Shared.Value;

    /// <summary>Number of characters with readings.</summary>
    public int Count => _readings.Count;

    public static string DefaultPath() =>
        NpmModules.Find() is { } modules
            ? Path.Combine(modules, "pinyin", "lib", "cjs", "pinyin.js")
            : throw new InvalidOperationException("The pinyin dictionary was not found: run the build (it installs the npm package pinyin).");

    /// <summary>Reads the character dictionary and the surname tables from <c>pinyin.js</c>.</summary>
    public static Pinyin Load(string path)
    {
        var readings = new Dictionary<int, string[]>(45_000);
        var surnames = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Dictionary<string, string[]>? table = null;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            if (line.StartsWith("dict[0x", StringComparison.Ordinal))
            {
                var m = DictLine().Match(line);
                if (m.Success)
                    readings[int.Parse(m.Groups[1].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture)] =
                        m.Groups[2].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                continue;
            }
            if (line.StartsWith("var SurnamePinyinData = {", StringComparison.Ordinal)
                || line.StartsWith("var CompoundSurnamePinyinData = {", StringComparison.Ordinal))
            {
                table = surnames;
                continue;
            }
            if (table is null) continue;
            if (line.StartsWith("};", StringComparison.Ordinal))
            {
                table = null;
                continue;
            }
            var s = SurnameLine().Match(line);
            if (!s.Success) continue;
            // "欧阳": [["ōu"], ["yáng"]] — one reading per character, in order.
            var syllables = Reading().Matches(s.Groups[2].Value).Select(r => r.Groups[1].Value).ToArray();
            if (syllables.Length == s.Groups[1].Value.Length) table[s.Groups[1].Value] = syllables;
        }
        if (readings.Count == 0) throw new InvalidOperationException($"No pinyin readings found in {path}.");
        return new Pinyin(readings, surnames);
    }

    /// <summary>The readings of one character, most common first (empty when it has none).</summary>
    public IReadOnlyList<string> Readings(Rune c) => _readings.TryGetValue(c.Value, out var r) ? r : [];

    /// <summary>The initials by the most common readings, surnames read as surnames: 张卫华 → zwh,
    /// 单田芳 → stf, 欧阳娜娜 → oynn. Latin letters and digits are kept (lower case); anything else is skipped.</summary>
    public string Initials(string? name) => Variants(name, 1).FirstOrDefault() ?? "";

    /// <summary>What the roster stores for search: the initials and, for given-name characters whose
    /// readings start differently, up to <see cref="MaxVariants"/> alternatives, separated by spaces
    /// (张长林 → "zcl zzl"). A search for initials is a substring match on it.</summary>
    public string SearchKey(string? name)
    {
        var key = new StringBuilder();
        foreach (var v in Variants(name, MaxVariants))
        {
            if (key.Length + v.Length + 1 > MaxKeyLength) break;
            if (key.Length > 0) key.Append(' ');
            key.Append(v);
        }
        return key.ToString();
    }

    private List<string> Variants(string? name, int max)
    {
        if (string.IsNullOrWhiteSpace(name)) return [];
        var runes = name.Trim().EnumerateRunes().ToList();
        // Each position: the possible initials, the preferred one first.
        var positions = new List<char[]>(runes.Count);
        var surnameLength = 0;
        if (runes.Count >= 3 && runes[0].IsBmp && runes[1].IsBmp
            && _surnames.TryGetValue(string.Concat(runes[0].ToString(), runes[1].ToString()), out var compound))
        {
            positions.Add([Initial(compound[0])]);
            positions.Add([Initial(compound[1])]);
            surnameLength = 2;
        }
        else if (runes.Count >= 2 && _surnames.TryGetValue(runes[0].ToString(), out var single))
        {
            positions.Add([Initial(single[0])]);
            surnameLength = 1;
        }
        for (var i = surnameLength; i < runes.Count; i++)
        {
            var r = runes[i];
            if (r.IsAscii && char.IsAsciiLetterOrDigit((char)r.Value))
                positions.Add([char.ToLowerInvariant((char)r.Value)]);
            else if (_readings.TryGetValue(r.Value, out var readings))
                positions.Add(readings.Select(Initial).Where(char.IsAsciiLetterLower).Distinct().ToArray() is { Length: > 0 } letters ? letters : ['?']);
        }
        positions.RemoveAll(p => p is ['?']);

        var variants = new List<string> { new(positions.Select(p => p[0]).ToArray()) };
        for (var i = 0; i < positions.Count && variants.Count < max; i++)
        {
            foreach (var alternative in positions[i].Skip(1))
            {
                foreach (var existing in variants.ToList())
                {
                    if (variants.Count >= max) break;
                    var chars = existing.ToCharArray();
                    chars[i] = alternative;
                    var candidate = new string(chars);
                    if (!variants.Contains(candidate)) variants.Add(candidate);
                }
            }
        }
        return variants;
    }

    /// <summary>The first letter of a reading without its tone mark: ǒu → o, ń → n.</summary>
    private static char Initial(string reading)
    {
        foreach (var c in reading.Normalize(NormalizationForm.FormD))
            if (char.IsAsciiLetter(c)) return char.ToLowerInvariant(c);
        return '?';
    }

    [GeneratedRegex("""^dict\[0x([0-9a-fA-F]+)\] = "([^"]*)";""")]
    private static partial Regex DictLine();

    [GeneratedRegex("""^\s*"(\p{L}{1,2})":\s*(\[.*\]),?\s*$""")]
    private static partial Regex SurnameLine();

    [GeneratedRegex("\\[\"([^\"]+)\"")]
    private static partial Regex Reading();
}
