using System.Text;

namespace Renda.Platform.Search;

/// <summary>The tokens of the full-text indexes (docs/adr/0022): every character of a text, ASCII letters
/// folded to lower case, is written as six letters <c>a</c>–<c>p</c> (its code point in hexadecimal with
/// the digits 0–f spelt a–p), and the token at each position is that character followed by the next one
/// (a bigram), the last character standing alone. A substring of two or more characters is then exactly a
/// run of consecutive bigram tokens, and one character is a token prefix, so a search finds what
/// <c>LIKE '%term%'</c> finds — two-character words (停车, 路灯) included — with no dictionary.
/// The databases compute the same tokens in SQL (the migrations' triggers and functions); this class is
/// the reference they are tested against, and what turns a query into an index expression.</summary>
public static class CjkBigrams
{
    /// <summary>Characters per encoded character; a bigram token is twice as long.</summary>
    public const int CharWidth = 6;

    /// <summary>The case folding of both databases' SQL (<c>lower()</c> without ICU in SQLite,
    /// <c>translate</c> in PostgreSQL): ASCII A–Z only.</summary>
    public static string Fold(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (chars[i] is >= 'A' and <= 'Z') chars[i] = (char)(chars[i] + 32);
        return new string(chars);
    }

    /// <summary>One code point as six letters a–p.</summary>
    public static string Encode(Rune r)
    {
        var v = r.Value;
        Span<char> c = stackalloc char[CharWidth];
        for (var i = 0; i < CharWidth; i++) c[i] = (char)('a' + ((v >> (4 * (CharWidth - 1 - i))) & 15));
        return new string(c);
    }

    /// <summary>The tokens of a text in order, as the index stores them.</summary>
    public static IReadOnlyList<string> Tokens(string? text)
    {
        var runes = Runes(text);
        var tokens = new List<string>(runes.Count);
        for (var i = 0; i < runes.Count; i++)
            tokens.Add(i + 1 < runes.Count ? Encode(runes[i]) + Encode(runes[i + 1]) : Encode(runes[i]));
        return tokens;
    }

    /// <summary>The bigram tokens a term must contain consecutively (empty for a single character).</summary>
    public static IReadOnlyList<string> Bigrams(string term)
    {
        var runes = Runes(term);
        var tokens = new List<string>(Math.Max(0, runes.Count - 1));
        for (var i = 0; i + 1 < runes.Count; i++) tokens.Add(Encode(runes[i]) + Encode(runes[i + 1]));
        return tokens;
    }

    /// <summary>PostgreSQL's lexemes of a text (migration 0014's <c>renda_search_lexemes</c>): the same bigrams as
    /// <see cref="Tokens"/>, as the characters themselves rather than spelt in letters (a tsvector holds any string
    /// as a lexeme when it is built from an array), each once.</summary>
    public static IReadOnlyList<string> PgLexemes(string? text)
    {
        var runes = Runes(text);
        var set = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < runes.Count; i++)
            set.Add(i + 1 < runes.Count ? runes[i].ToString() + runes[i + 1].ToString() : runes[i].ToString());
        return [.. set];
    }

    /// <summary>The characters a token of <see cref="Tokens"/> spells (the inverse of <see cref="Encode"/>).</summary>
    public static string Decode(string token)
    {
        if (token.Length == 0 || token.Length % CharWidth != 0 || token.Any(c => c is < 'a' or > 'p'))
            throw new ArgumentException("Not a token of CjkBigrams.", nameof(token));
        var sb = new StringBuilder();
        for (var at = 0; at < token.Length; at += CharWidth)
        {
            var v = 0;
            for (var i = 0; i < CharWidth; i++) v = (v << 4) | (token[at + i] - 'a');
            sb.Append(new Rune(v).ToString());
        }
        return sb.ToString();
    }

    internal static List<Rune> Runes(string? text)
    {
        var list = new List<Rune>();
        if (string.IsNullOrEmpty(text)) return list;
        foreach (var r in Fold(text).EnumerateRunes()) list.Add(r);
        return list;
    }
}
