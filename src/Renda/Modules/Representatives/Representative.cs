using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renda.Modules.Congress;
using Renda.Platform.Data;

namespace Renda.Modules.Representatives;

public enum Gender { Male = 1, Female = 2 }

/// <summary>in_office; resigned (辞职) or terminated (终止代表资格, 罢免) with the date and reason of the end of office.</summary>
public enum RepresentativeStatus { InOffice = 1, Resigned = 2, Terminated = 3 }

/// <summary>The levels of people's congress a person sits in (五级代表): one person is often a deputy
/// of the county and of the city, or of the township and the county. The roster row of one term records
/// all the levels known for the person; rows of other congresses' terms for the same person are found
/// by the ID number's blind index (<see cref="Representative.IdNumberIndex"/>).</summary>
[Flags]
public enum RepresentativeLevels
{
    None = 0,
    National = 1,
    Province = 2,
    City = 4,
    County = 8,
    Township = 16,
}

/// <summary>A deputy (人大代表) of one congress term. Phone and ID number are kept encrypted
/// (<see cref="PersonalData"/>) with a blind index for lookups and a masked form for lists; only an
/// audited reveal by congress staff decrypts them (docs/adr/0009, 0010).</summary>
public sealed class Representative : IJurisdictionScoped, IVersioned
{
    public long Id { get; set; }
    public long TermId { get; set; }
    public Term? Term { get; set; }
    /// <summary>The township (9 digits) the representative was elected in and serves (the county's
    /// code when no township applies, e.g. an electing unit).</summary>
    public string JurisdictionCode { get; set; } = "";

    [PersonalInfo] public string Name { get; set; } = "";
    /// <summary>Pinyin initials of the name for search, with variants for polyphonic given names
    /// (张长林 → "zcl zzl"); computed from the name on every save by the roster's use cases.</summary>
    [PersonalInfo] public string PinyinInitials { get; set; } = "";
    public Gender Gender { get; set; }
    /// <summary>民族 as written, e.g. 汉族, 畲族.</summary>
    public string Ethnicity { get; set; } = "";
    [PersonalInfo] public DateOnly BirthDate { get; set; }
    public string Occupation { get; set; } = "";
    public string Employer { get; set; } = "";
    public RepresentativeLevels Levels { get; set; }

    /// <summary>The ID number (GB 11643), encrypted.</summary>
    [PersonalInfo] public string? IdNumberCipher { get; set; }
    /// <summary>Keyed digest of the normalized ID number: duplicates and the same person in other terms.</summary>
    [PersonalInfo] public string? IdNumberIndex { get; set; }
    /// <summary>e.g. 3305**********1234.</summary>
    public string? IdNumberMasked { get; set; }
    /// <summary>The mobile number (11 digits), encrypted.</summary>
    [PersonalInfo] public string? PhoneCipher { get; set; }
    [PersonalInfo] public string? PhoneIndex { get; set; }
    /// <summary>e.g. 138****8000.</summary>
    public string? PhoneMasked { get; set; }

    /// <summary>选区 or 选举单位, by name (kept with the row, as lists and other modules show it);
    /// <see cref="ConstituencyRecord"/> is its row in the term's list of constituencies.</summary>
    public string Constituency { get; set; } = "";
    public long? ConstituencyId { get; set; }
    public Constituency? ConstituencyRecord { get; set; }

    /// <summary>The current delegation group; its history is in <see cref="GroupMembership"/>.</summary>
    public long DelegationGroupId { get; set; }
    public DelegationGroup? DelegationGroup { get; set; }
    /// <summary>The current professional group, if any; history in <see cref="GroupMembership"/>.</summary>
    public long? ProfessionalGroupId { get; set; }
    public ProfessionalGroup? ProfessionalGroup { get; set; }

    public RepresentativeStatus Status { get; set; } = RepresentativeStatus.InOffice;
    /// <summary>When office began, if later than the term's start (补选); null means from the term's start.</summary>
    public DateOnly? OfficeStartedOn { get; set; }
    public DateOnly? OfficeEndedOn { get; set; }
    public string? EndOfOfficeReason { get; set; }

    /// <summary>The unguessable code in the representative's public QR URL (代表码), never the id.</summary>
    public string PublicCode { get; set; } = "";
    public long Version { get; set; }
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

    /// <summary>The seven professional groups of the seed articles, in their usual order: the default
    /// of the configured list (<c>Representatives:ProfessionalGroups</c>).</summary>
    public static readonly IReadOnlyList<string> Standard = ["城市建设", "生态环保", "农业农村", "教科文卫", "计划财经", "民族法治", "工矿商贸"];
}

public enum ConstituencyKind { Constituency = 1, ElectingUnit = 2 }

/// <summary>A 选区 (where voters elect directly: township and county congresses) or an 选举单位 (the
/// congress below that elects deputies of the city level and up) of a term.</summary>
public sealed class Constituency : IJurisdictionScoped
{
    public long Id { get; set; }
    public long TermId { get; set; }
    public Term? Term { get; set; }
    public string JurisdictionCode { get; set; } = "";
    public string Name { get; set; } = "";
    public ConstituencyKind Kind { get; set; } = ConstituencyKind.Constituency;
}

public enum GroupKind { Delegation = 1, Professional = 2 }

/// <summary>Who was in which group from when to when. Changing a representative's group closes the
/// open membership (<see cref="EndsOn"/>) and opens a new one; the end of office closes them all.
/// Not audited row by row: a membership only follows the representative's own group fields, whose
/// every change is in the representative's audit entry (and an import has its own entry).</summary>
[NotAudited]
public sealed class GroupMembership : IJurisdictionScoped
{
    public long Id { get; set; }
    public long RepresentativeId { get; set; }
    public Representative? Representative { get; set; }
    public GroupKind Kind { get; set; }
    public long? DelegationGroupId { get; set; }
    public DelegationGroup? DelegationGroup { get; set; }
    public long? ProfessionalGroupId { get; set; }
    public ProfessionalGroup? ProfessionalGroup { get; set; }
    public DateOnly StartsOn { get; set; }
    /// <summary>The last day in the group; null while the membership is open.</summary>
    public DateOnly? EndsOn { get; set; }
    /// <summary>The representative's jurisdiction when the membership began (history is not rewritten
    /// when the representative moves).</summary>
    public string JurisdictionCode { get; set; } = "";
}

/// <summary>A representative's photo, JPEG or PNG as checked by its bytes, at most 5 MB; served only to
/// signed-in staff (the public pages choose what to show).</summary>
public sealed class RepresentativePhoto : IJurisdictionScoped
{
    public long RepresentativeId { get; set; }
    public string JurisdictionCode { get; set; } = "";
    public string ContentType { get; set; } = "";
    [PersonalInfo] public byte[] Bytes { get; set; } = [];
    /// <summary>SHA-256 of the bytes (hex): the ETag, and the version in the photo's URL.</summary>
    public string Sha256 { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
}

internal sealed class RepresentativeConfiguration : IEntityTypeConfiguration<Representative>
{
    public void Configure(EntityTypeBuilder<Representative> e)
    {
        e.ToTable("representatives");
        e.Property(r => r.JurisdictionCode).HasMaxLength(12);
        e.Property(r => r.Name).HasMaxLength(50);
        e.Property(r => r.PinyinInitials).HasMaxLength(255);
        e.Property(r => r.Ethnicity).HasMaxLength(20);
        e.Property(r => r.Occupation).HasMaxLength(100);
        e.Property(r => r.Employer).HasMaxLength(200);
        e.Property(r => r.Constituency).HasMaxLength(100);
        e.Property(r => r.IdNumberCipher).HasMaxLength(200);
        e.Property(r => r.IdNumberIndex).HasMaxLength(64);
        e.Property(r => r.IdNumberMasked).HasMaxLength(32);
        e.Property(r => r.PhoneCipher).HasMaxLength(200);
        e.Property(r => r.PhoneIndex).HasMaxLength(64);
        e.Property(r => r.PhoneMasked).HasMaxLength(32);
        e.Property(r => r.EndOfOfficeReason).HasMaxLength(500);
        e.Property(r => r.PublicCode).HasMaxLength(32);
        e.HasIndex(r => r.PublicCode).IsUnique();
        e.HasIndex(r => new { r.JurisdictionCode, r.Id });
        e.HasIndex(r => r.TermId);
        // One person once per term; the same person in other terms or congresses is found by the index.
        e.HasIndex(r => new { r.TermId, r.IdNumberIndex }).IsUnique();
        e.HasIndex(r => r.IdNumberIndex);
        e.HasIndex(r => r.PhoneIndex);
        e.HasOne(r => r.Term).WithMany().HasForeignKey(r => r.TermId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(r => r.DelegationGroup).WithMany().HasForeignKey(r => r.DelegationGroupId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(r => r.ProfessionalGroup).WithMany().HasForeignKey(r => r.ProfessionalGroupId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(r => r.ConstituencyRecord).WithMany().HasForeignKey(r => r.ConstituencyId).OnDelete(DeleteBehavior.Restrict);
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

internal sealed class ConstituencyConfiguration : IEntityTypeConfiguration<Constituency>
{
    public void Configure(EntityTypeBuilder<Constituency> e)
    {
        e.ToTable("constituencies");
        e.Property(c => c.JurisdictionCode).HasMaxLength(12);
        e.Property(c => c.Name).HasMaxLength(100);
        e.HasOne(c => c.Term).WithMany().HasForeignKey(c => c.TermId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(c => new { c.TermId, c.Name }).IsUnique();
        e.HasIndex(c => c.JurisdictionCode);
    }
}

internal sealed class GroupMembershipConfiguration : IEntityTypeConfiguration<GroupMembership>
{
    public void Configure(EntityTypeBuilder<GroupMembership> e)
    {
        e.ToTable("group_memberships", t => t.HasCheckConstraint("ck_group_memberships_one_group",
            "(kind = 1 AND delegation_group_id IS NOT NULL AND professional_group_id IS NULL) OR " +
            "(kind = 2 AND professional_group_id IS NOT NULL AND delegation_group_id IS NULL)"));
        e.Property(m => m.JurisdictionCode).HasMaxLength(12);
        e.HasOne(m => m.Representative).WithMany().HasForeignKey(m => m.RepresentativeId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(m => m.DelegationGroup).WithMany().HasForeignKey(m => m.DelegationGroupId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(m => m.ProfessionalGroup).WithMany().HasForeignKey(m => m.ProfessionalGroupId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(m => m.JurisdictionCode);
    }
}

internal sealed class RepresentativePhotoConfiguration : IEntityTypeConfiguration<RepresentativePhoto>
{
    public void Configure(EntityTypeBuilder<RepresentativePhoto> e)
    {
        e.ToTable("representative_photos");
        e.HasKey(p => p.RepresentativeId);
        e.Property(p => p.RepresentativeId).ValueGeneratedNever();
        e.Property(p => p.JurisdictionCode).HasMaxLength(12);
        e.Property(p => p.ContentType).HasMaxLength(32);
        e.Property(p => p.Sha256).HasMaxLength(64);
        e.HasOne<Representative>().WithOne().HasForeignKey<RepresentativePhoto>(p => p.RepresentativeId).OnDelete(DeleteBehavior.Cascade);
    }
}
