using System.Security.Cryptography;

namespace Renda.Modules.Representatives;

/// <summary>Codes for public QR URLs (代表码, 家站码): 12 characters of Crockford base32 from a CSPRNG,
/// 60 bits, so they cannot be guessed or enumerated; never derived from a database id.</summary>
public static class PublicCodes
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    public const int Length = 12;

    public static string New()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(chars);
    }
}
