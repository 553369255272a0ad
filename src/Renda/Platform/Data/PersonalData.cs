using System.Security.Cryptography;
using System.Text;

namespace Renda.Platform.Data;

/// <summary>Encrypts personal information at rest (phone and ID numbers) with AES-256-GCM and
/// derives a keyed blind index (HMAC-SHA256) so equal values can be found and de-duplicated without
/// decrypting. The key is configuration <c>PersonalData:Key</c> (base64 of 64 bytes: 32 for
/// encryption, 32 for the index) or, when absent, a key file (<c>PersonalData:KeyFile</c>, default
/// <c>data/keys/personal-data.key</c>) created on first start with owner-only permissions.
/// Losing the key loses the data: back it up apart from the database (docs/adr/0009).</summary>
public sealed class PersonalData
{
    private const string Prefix = "v1:";
    private readonly byte[] _encKey;
    private readonly byte[] _macKey;

    public PersonalData(byte[] key)
    {
        if (key.Length != 64) throw new ArgumentException("The personal-data key must be 64 bytes.", nameof(key));
        _encKey = key[..32];
        _macKey = key[32..];
    }

    public static PersonalData FromConfiguration(IConfiguration config)
    {
        if (config["PersonalData:Key"] is { Length: > 0 } b64) return new PersonalData(Convert.FromBase64String(b64));
        var file = Path.GetFullPath(config["PersonalData:KeyFile"] is { Length: > 0 } f ? f : Path.Combine("data", "keys", "personal-data.key"));
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var key = RandomNumberGenerator.GetBytes(64);
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using var fs = new FileStream(file, options);
                fs.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
            }
            catch (IOException) when (File.Exists(file))
            {
                // Another instance created it first: use theirs.
            }
        }
        return new PersonalData(Convert.FromBase64String(File.ReadAllText(file).Trim()));
    }

    public string? Protect(string? plain)
    {
        if (plain is null) return null;
        var data = Encoding.UTF8.GetBytes(plain);
        var output = new byte[12 + data.Length + 16];
        var nonce = output.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using var gcm = new AesGcm(_encKey, 16);
        gcm.Encrypt(nonce, data, output.AsSpan(12, data.Length), output.AsSpan(12 + data.Length, 16));
        return Prefix + Convert.ToBase64String(output);
    }

    public string? Unprotect(string? stored)
    {
        if (stored is null) return null;
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal)) throw new CryptographicException("Unknown personal-data format.");
        var input = Convert.FromBase64String(stored[Prefix.Length..]);
        var plain = new byte[input.Length - 28];
        using var gcm = new AesGcm(_encKey, 16);
        gcm.Decrypt(input.AsSpan(0, 12), input.AsSpan(12, plain.Length), input.AsSpan(12 + plain.Length, 16), plain);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>A stable keyed digest of a normalized value (32 hex characters), for lookups and duplicates.</summary>
    public string? BlindIndex(string? normalized) =>
        normalized is null ? null : Convert.ToHexStringLower(HMACSHA256.HashData(_macKey, Encoding.UTF8.GetBytes(normalized)).AsSpan(0, 16));
}
