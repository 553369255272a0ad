using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renda.Modules.Congress;
using Renda.Platform.Data;

namespace Renda.Modules.Representatives;

public enum Gender { Male = 1, Female = 2 }

/// <summary>in_office now; issue 3 adds resigned and terminated with their dates.</summary>
public enum RepresentativeStatus { InOffice = 1 }

/// <summary>A deputy (人大代表) of one congress term. Phone and ID number are not here yet: they arrive
/// encrypted with the roster (issue 3).</summary>
public sealed class Representative : IJurisdictionScoped
{
    public long Id { get; set; }
    public long TermId { get; set; }
    public Term? Term { get; set; }
    /// <summary>The township (9 digits) the representative was elected in and serves.</summary>
    public string JurisdictionCode { get; set; } = "";

    [PersonalInfo] public string Name { get; set; } = "";
    public Gender Gender { get; set; }
    /// <summary>民族 as written, e.g. 汉族, 畲族.</summary>
    public string Ethnicity { get; set; } = "";
    [PersonalInfo] public DateOnly BirthDate { get; set; }
    public string Occupation { get; set; } = "";
    public string Employer { get; set; } = "";
    /// <summary>选区, e.g. 递铺街道第3选区.</summary>
    public string Constituency { get; set; } = "";

    public long DelegationGroupId { get; set; }
    public DelegationGroup? DelegationGroup { get; set; }
    public long? ProfessionalGroupId { get; set; }
    public ProfessionalGroup? ProfessionalGroup { get; set; }

    public RepresentativeStatus Status { get; set; } = RepresentativeStatus.InOffice;
    /// <summary>The unguessable code in the representative's public QR URL (代表码), never the id.</summary>
    public string PublicCode { get; set; } = "";
}

/// <summary>代表小组: the representatives of one township in a term, e.g. 递铺街道代表小组.</summary>
public sealed class DelegationGroup : IJurisdictionScoped
{
    public long Id { get; set; }
    public long TermId { get; set; }
    public Term? Term { get; set; }
    /// <summary>The township the group gathers (9 digits).</summary>
    public string JurisdictionCode { get; set; } = "";
    public string Name { get; set; } = "";
}

/// <summary>专业代表小组 of a term, e.g. 城市建设, 生态环保.</summary>
public sealed class ProfessionalGroup : IJurisdictionScoped
{
    public long Id { get; set; }
    public long TermId { get; set; }
    public Term? Term { get; set; }
    /// <summary>The congress's jurisdiction (the county).</summary>
    public string JurisdictionCode { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>The seven professional groups of the seed articles, in their usual order.</summary>
    public static readonly IReadOnlyList<string> Standard = ["城市建设", "生态环保", "农业农村", "教科文卫", "计划财经", "民族法治", "工矿商贸"];
}

internal sealed class RepresentativeConfiguration : IEntityTypeConfiguration<Representative>
{
    public void Configure(EntityTypeBuilder<Representative> e)
    {
        e.ToTable("representatives");
        e.Property(r => r.JurisdictionCode).HasMaxLength(12);
        e.Property(r => r.Name).HasMaxLength(50);
        e.Property(r => r.Ethnicity).HasMaxLength(20);
        e.Property(r => r.Occupation).HasMaxLength(100);
        e.Property(r => r.Employer).HasMaxLength(200);
        e.Property(r => r.Constituency).HasMaxLength(100);
        e.Property(r => r.PublicCode).HasMaxLength(32);
        e.HasIndex(r => r.PublicCode).IsUnique();
        e.HasIndex(r => new { r.JurisdictionCode, r.Id });
        e.HasIndex(r => r.TermId);
        e.HasOne(r => r.Term).WithMany().HasForeignKey(r => r.TermId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(r => r.DelegationGroup).WithMany().HasForeignKey(r => r.DelegationGroupId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(r => r.ProfessionalGroup).WithMany().HasForeignKey(r => r.ProfessionalGroupId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DelegationGroupConfiguration : IEntityTypeConfiguration<DelegationGroup>
{
    public void Configure(EntityTypeBuilder<DelegationGroup> e)
    {
        e.ToTable("delegation_groups");
        e.Property(g => g.JurisdictionCode).HasMaxLength(12);
        e.Property(g => g.Name).HasMaxLength(100);
        e.HasOne(g => g.Term).WithMany().HasForeignKey(g => g.TermId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(g => new { g.TermId, g.Name }).IsUnique();
        e.HasIndex(g => g.JurisdictionCode);
    }
}

internal sealed class ProfessionalGroupConfiguration : IEntityTypeConfiguration<ProfessionalGroup>
{
    public void Configure(EntityTypeBuilder<ProfessionalGroup> e)
    {
        e.ToTable("professional_groups");
        e.Property(g => g.JurisdictionCode).HasMaxLength(12);
        e.Property(g => g.Name).HasMaxLength(100);
        e.HasOne(g => g.Term).WithMany().HasForeignKey(g => g.TermId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(g => new { g.TermId, g.Name }).IsUnique();
        e.HasIndex(g => g.JurisdictionCode);
    }
}
