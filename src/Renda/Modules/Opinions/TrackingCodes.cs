using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Renda.Modules.Opinions;

/// <summary>Tracking codes (查询码): 10 characters from 30 that cannot be mistaken for one another when
/// read aloud or copied from a phone (no 0/O, 1/I/L, U), drawn from the OS's cryptographic generator:
/// 30^10 ≈ 5.9·10^14 codes, so guessing one among even millions of opinions is hopeless, while a citizen
/// can still read it over the phone. Shown grouped as <c>ABCDE-FGHJK</c>; accepted with or without the
/// dash, in any case.</summary>
public static partial class TrackingCodes
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 10;

    public static string New()
    {
        Span<char> c = stackalloc char[Length];
        for (var i = 0; i < Length; i++) c[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(c);
    }

    /// <summary>The canonical form of what someone typed, or null when it cannot be a code.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        var s = input.Trim().Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return WellFormed().IsMatch(s) ? s : null;
    }

    public static string Display(string code) => code.Length == Length ? $"{code[..5]}-{code[5..]}" : code;

    [GeneratedRegex("^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{10}$")]
    private static partial Regex WellFormed();
}
