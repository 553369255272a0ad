using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renda.Platform.Data;

namespace Renda.Modules.PublicCodes;

/// <summary>Whose code it is: 代表码 (a representative, URL <c>/p/r/{code}</c>) or 家站码 (a station, <c>/p/s/{code}</c>).</summary>
public enum PublicCodeKind { Representative = 1, Station = 2 }

/// <summary>Why a code was revoked; a closed list so that the audit trail and the history never hold free text.</summary>
public enum RevokeReason
{
    /// <summary>损毁或遗失: the printed code was damaged or lost.</summary>
    Damaged = 1,
    /// <summary>被冒用或篡改: someone copied, covered or altered it.</summary>
    Misused = 2,
    /// <summary>代表离任或站点撤销: the representative left office or the station closed.</summary>
    Ended = 3,
    /// <summary>其他.</summary>
    Other = 4,
}

/// <summary>One code ever issued for a representative or a station (the registry): a code is never
/// issued twice, and a revoked code stays here so its URL can say politely that it is no longer valid.
/// The target's own <c>PublicCode</c> column holds its latest code; this row says whether that code
/// still works.</summary>
public sealed class PublicCode : IJurisdictionScoped, IVersioned
{
    public long Id { get; set; }
    public string Code { get; set; } = "";
    public PublicCodeKind Kind { get; set; }
    public long TargetId { get; set; }
    /// <summary>The target's jurisdiction when the row was written.</summary>
    public string JurisdictionCode { get; set; } = "";
    /// <summary>When and by whom the code was issued; null for a code issued before it was registered
    /// (by the demo seeder or the roster), registered when it was first revoked.</summary>
    public DateTime? IssuedAt { get; set; }
    public string? IssuedBy { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public RevokeReason? RevokeReason { get; set; }
    public long Version { get; set; }

    public bool Revoked => RevokedAt is not null;

    public static string UrlSegment(PublicCodeKind kind) => kind == PublicCodeKind.Station ? "s" : "r";

    public static string PathOf(PublicCodeKind kind, string code) => $"/p/{UrlSegment(kind)}/{code}";

    public static string ReasonLabel(RevokeReason reason, bool english) => (reason, english) switch
    {
        (PublicCodes.RevokeReason.Damaged, false) => "损毁或遗失",
        (PublicCodes.RevokeReason.Misused, false) => "被冒用或篡改",
        (PublicCodes.RevokeReason.Ended, false) => "代表离任或站点撤销",
        (PublicCodes.RevokeReason.Other, false) => "其他",
        (PublicCodes.RevokeReason.Damaged, true) => "Damaged or lost",
        (PublicCodes.RevokeReason.Misused, true) => "Copied or tampered with",
        (PublicCodes.RevokeReason.Ended, true) => "Representative left office or station closed",
        _ => "Other",
    };
}

internal sealed class PublicCodeConfiguration : IEntityTypeConfiguration<PublicCode>
{
    public void Configure(EntityTypeBuilder<PublicCode> e)
    {
        e.ToTable("public_codes");
        e.Property(c => c.Code).HasMaxLength(32);
        e.Property(c => c.JurisdictionCode).HasMaxLength(12);
        e.Property(c => c.IssuedBy).HasMaxLength(256);
        e.Property(c => c.RevokedBy).HasMaxLength(256);
        e.Ignore(c => c.Revoked);
        e.HasIndex(c => c.Code).IsUnique();
        e.HasIndex(c => new { c.Kind, c.TargetId });
        e.HasIndex(c => c.JurisdictionCode);
    }
}
