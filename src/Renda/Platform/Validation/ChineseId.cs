using System.Globalization;

namespace Renda.Platform.Validation;

/// <summary>GB 11643-1999 citizen identity numbers: 6-digit area code, birth date, 3-digit sequence
/// (odd for men, even for women) and an ISO 7064 MOD 11-2 check character.</summary>
public static class ChineseId
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    public enum Problem { None, Format, CheckDigit, BirthDate }

    public static char CheckDigit(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckChars[sum % 11];
    }

    /// <summary>Trims, upper-cases the final x; null when it is not 18 characters of the right shape.</summary>
    public static string? Normalize(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return null;
        var s = id.Trim().ToUpperInvariant();
        if (s.Length != 18) return null;
        for (var i = 0; i < 17; i++) if (s[i] is < '0' or > '9') return null;
        return s[17] is (>= '0' and <= '9') or 'X' ? s : null;
    }

    public static Problem Check(string? id)
    {
        var s = Normalize(id);
        if (s is null) return Problem.Format;
        if (BirthDate(s) is null) return Problem.BirthDate;
        return CheckDigit(s.AsSpan(0, 17)) == s[17] ? Problem.None : Problem.CheckDigit;
    }

    public static DateOnly? BirthDate(string id) =>
        id.Length >= 14 && DateOnly.TryParseExact(id.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            && d.Year >= 1900 ? d : null;

    /// <summary>"male" or "female" from the sequence's parity.</summary>
    public static string Gender(string id) => (id[16] - '0') % 2 == 1 ? "male" : "female";
}

/// <summary>Mainland China mobile numbers: 11 digits starting 13–19; +86 / 0086 prefixes, spaces and
/// dashes are accepted and removed.</summary>
public static class MobilePhone
{
    public static string? Normalize(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var digits = new string(phone.Where(c => c is not (' ' or '-' or '(' or ')')).ToArray());
        if (digits.StartsWith("+86", StringComparison.Ordinal)) digits = digits[3..];
        else if (digits.StartsWith("0086", StringComparison.Ordinal)) digits = digits[4..];
        if (digits.Length != 11 || digits[0] != '1' || digits[1] is < '3' or > '9') return null;
        return digits.All(char.IsAsciiDigit) ? digits : null;
    }

    public static bool IsValid(string? phone) => Normalize(phone) is not null;
}
