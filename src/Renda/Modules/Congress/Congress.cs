using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renda.Platform.Data;
using Renda.Platform.Jurisdictions;

namespace Renda.Modules.Congress;

/// <summary>The people's congress (人民代表大会) of one jurisdiction, e.g. 安吉县人民代表大会.</summary>
public sealed class Congress : IJurisdictionScoped
{
    public long Id { get; set; }
    /// <summary>The jurisdiction whose congress this is (a county: 6 digits).</summary>
    public string JurisdictionCode { get; set; } = "";
    public string Name { get; set; } = "";
    public JurisdictionLevel Level { get; set; }
    public List<Term> Terms { get; set; } = [];
}

/// <summary>A five-year term (届) of a congress, e.g. 第十八届. One term per congress is current.</summary>
public sealed class Term : IJurisdictionScoped
{
    public long Id { get; set; }
    public long CongressId { get; set; }
    public Congress? Congress { get; set; }
    public string JurisdictionCode { get; set; } = "";
    /// <summary>The ordinal of the term: 18 for 第十八届.</summary>
    public int Number { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public bool IsCurrent { get; set; }
    public List<Session> Sessions { get; set; } = [];

    public string Title => $"第{ChineseNumerals.Of(Number)}届";
    public bool Covers(DateOnly day) => StartsOn <= day && day <= EndsOn;
}

/// <summary>A plenary session (次会议) of a term, e.g. 第三次会议.</summary>
public sealed class Session : IJurisdictionScoped
{
    public long Id { get; set; }
    public long TermId { get; set; }
    public Term? Term { get; set; }
    public string JurisdictionCode { get; set; } = "";
    /// <summary>The ordinal within the term: 3 for 第三次会议.</summary>
    public int Number { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }

    public string Title => $"第{ChineseNumerals.Of(Number)}次会议";
}

/// <summary>1 → 一, 10 → 十, 18 → 十八, 21 → 二十一: how terms and sessions are numbered in Chinese.</summary>
public static class ChineseNumerals
{
    private const string Digits = "零一二三四五六七八九";

    public static string Of(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, 99);
        if (n < 10) return Digits[n].ToString();
        var tens = n / 10;
        var ones = n % 10;
        return (tens == 1 ? "" : Digits[tens].ToString()) + "十" + (ones == 0 ? "" : Digits[ones].ToString());
    }
}

internal sealed class CongressConfiguration : IEntityTypeConfiguration<Congress>
{
    public void Configure(EntityTypeBuilder<Congress> e)
    {
        e.ToTable("congresses");
        e.Property(c => c.JurisdictionCode).HasMaxLength(12);
        e.Property(c => c.Name).HasMaxLength(100);
        e.HasIndex(c => c.JurisdictionCode).IsUnique();
    }
}

internal sealed class TermConfiguration : IEntityTypeConfiguration<Term>
{
    public void Configure(EntityTypeBuilder<Term> e)
    {
        e.ToTable("terms");
        e.Property(t => t.JurisdictionCode).HasMaxLength(12);
        e.Ignore(t => t.Title);
        e.HasOne(t => t.Congress).WithMany(c => c.Terms).HasForeignKey(t => t.CongressId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(t => new { t.CongressId, t.Number }).IsUnique();
        e.HasIndex(t => t.JurisdictionCode);
    }
}

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> e)
    {
        e.ToTable("sessions");
        e.Property(s => s.JurisdictionCode).HasMaxLength(12);
        e.Ignore(s => s.Title);
        e.HasOne(s => s.Term).WithMany(t => t.Sessions).HasForeignKey(s => s.TermId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(s => new { s.TermId, s.Number }).IsUnique();
        e.HasIndex(s => s.JurisdictionCode);
    }
}
