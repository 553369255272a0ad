using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Renda.Platform.Audit;

/// <summary>SHA-256 over a canonical, length-prefixed rendering of an entry and the previous hash.</summary>
public static class AuditHasher
{
    public static readonly string Genesis = new('0', 64);

    /// <summary>Both providers keep microseconds; hash exactly what the database returns.</summary>
    public static DateTime Normalize(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);

    public static string Compute(AuditEntry e)
    {
        var sb = new StringBuilder(256);
        void Field(string? v) { v ??= ""; sb.Append(v.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(v).Append('|'); }
        Field(e.Id.ToString(CultureInfo.InvariantCulture));
        Field(Normalize(e.At).ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture));
        Field(e.Actor);
        Field(e.ActorRole);
        Field(e.ClientIp);
        Field(e.Action);
        Field(e.EntityType);
        Field(e.EntityId);
        Field(e.Summary);
        Field(e.Outcome);
        Field(e.JurisdictionCode);
        Field(e.PrevHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
