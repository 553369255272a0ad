using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renda.Modules.Congress;
using Renda.Modules.Representatives;
using Renda.Platform.Auth;
using Renda.Platform.Data;

namespace Renda.Modules.Contacts;

/// <summary>The two levels of 双联: a standing-committee member keeps in touch with representatives
/// (<see cref="Committee"/>), a representative keeps in touch with voters or households
/// (<see cref="Representative"/>). The level names the side that does the contacting.</summary>
public enum ContactLevel { Committee = 1, Representative = 2 }

/// <summary>走访、电话、座谈、网络.</summary>
public enum ContactKind { Visit = 1, Call = 2, Meeting = 3, Online = 4 }

/// <summary>A member of a term's standing committee (常委会组成人员: 主任、副主任、秘书长、委员). Committee
/// membership is a roster of its own: a member may have no account (staff then log contacts for
/// them); when <see cref="UserId"/> links an account (which must hold congress_staff or leader), that
/// account sees and logs its own pairings. Ended, not deleted, so the contact history stays whole.</summary>
public sealed class CommitteeMember : IJurisdictionScoped
{
    public long Id { get; set; }
    public long TermId { get; set; }
    public Term? Term { get; set; }
    /// <summary>The congress's jurisdiction (the county).</summary>
    public string JurisdictionCode { get; set; } = "";
    [PersonalInfo] public string Name { get; set; } = "";
    /// <summary>职务, e.g. 副主任, 委员.</summary>
    public string Title { get; set; } = "";
    public string? UserId { get; set; }
    public DateOnly? EndedOn { get; set; }
    public DateTime CreatedAt { get; set; }

    public static readonly IReadOnlyList<string> StandardTitles = ["主任", "副主任", "秘书长", "委员"];
}

/// <summary>A voter or household a representative keeps in touch with (联系选民/联系户). Name and
/// household note are shown in full to staff and to the representative who keeps the contact,
/// masked to anyone else; the phone is encrypted at rest (ADR 0009), with a blind index and a masked form.</summary>
public sealed class Voter : IJurisdictionScoped
{
    public long Id { get; set; }
    /// <summary>The village or community (12 digits) or township (9 digits) where the voter lives.</summary>
    public string JurisdictionCode { get; set; } = "";
    [PersonalInfo] public string Name { get; set; } = "";
    /// <summary>户情: e.g. 三口之家，种植白茶; free text that may name people.</summary>
    [PersonalInfo] public string Household { get; set; } = "";
    [PersonalInfo] public string? PhoneCipher { get; set; }
    public string? PhoneIndex { get; set; }
    public string? PhoneMasked { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A fixed pairing (结对): a committee member with a representative, or a representative with
/// a voter. Ended, never deleted, so the contact log keeps its context; at most one active pairing per
/// representative at the committee level, and no active duplicate at either level.</summary>
public sealed class ContactPairing : IJurisdictionScoped
{
    public long Id { get; set; }
    public ContactLevel Level { get; set; }
    public long? CommitteeMemberId { get; set; }
    public CommitteeMember? CommitteeMember { get; set; }
    public long RepresentativeId { get; set; }
    public Representative? Representative { get; set; }
    public long? VoterId { get; set; }
    public Voter? Voter { get; set; }
    /// <summary>The representative's township: who may see the pairing.</summary>
    public string JurisdictionCode { get; set; } = "";
    public DateOnly StartedOn { get; set; }
    public DateOnly? EndedOn { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>One contact made under a pairing: what kind, on which day, notes.</summary>
public sealed class ContactLogEntry : IJurisdictionScoped
{
    public long Id { get; set; }
    public long PairingId { get; set; }
    public ContactPairing? Pairing { get; set; }
    /// <summary>The pairing's jurisdiction.</summary>
    public string JurisdictionCode { get; set; } = "";
    public ContactKind Kind { get; set; }
    public DateOnly On { get; set; }
    /// <summary>Free text: may hold names or a phone number, so it never enters the audit trail.</summary>
    [PersonalInfo] public string Notes { get; set; } = "";
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}

internal sealed class CommitteeMemberConfiguration : IEntityTypeConfiguration<CommitteeMember>
{
    public void Configure(EntityTypeBuilder<CommitteeMember> e)
    {
        e.ToTable("committee_members");
        e.Property(m => m.JurisdictionCode).HasMaxLength(12);
        e.Property(m => m.Name).HasMaxLength(50);
        e.Property(m => m.Title).HasMaxLength(50);
        e.HasOne(m => m.Term).WithMany().HasForeignKey(m => m.TermId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(m => m.UserId).IsUnique().HasFilter("user_id IS NOT NULL AND ended_on IS NULL");
        e.HasIndex(m => new { m.JurisdictionCode, m.TermId });
    }
}

internal sealed class VoterConfiguration : IEntityTypeConfiguration<Voter>
{
    public void Configure(EntityTypeBuilder<Voter> e)
    {
        e.ToTable("voters");
        e.Property(v => v.JurisdictionCode).HasMaxLength(12);
        e.Property(v => v.Name).HasMaxLength(50);
        e.Property(v => v.Household).HasMaxLength(200);
        e.Property(v => v.PhoneCipher).HasMaxLength(200);
        e.Property(v => v.PhoneIndex).HasMaxLength(64);
        e.Property(v => v.PhoneMasked).HasMaxLength(20);
        e.HasIndex(v => v.JurisdictionCode);
        e.HasIndex(v => v.PhoneIndex);
    }
}

internal sealed class ContactPairingConfiguration : IEntityTypeConfiguration<ContactPairing>
{
    public void Configure(EntityTypeBuilder<ContactPairing> e)
    {
        e.ToTable("contact_pairings", t => t.HasCheckConstraint("ck_contact_pairings_parties",
            "(level = 1 AND committee_member_id IS NOT NULL AND voter_id IS NULL) OR " +
            "(level = 2 AND voter_id IS NOT NULL AND committee_member_id IS NULL)"));
        e.Property(p => p.JurisdictionCode).HasMaxLength(12);
        e.Property(p => p.CreatedBy).HasMaxLength(256);
        e.HasOne(p => p.CommitteeMember).WithMany().HasForeignKey(p => p.CommitteeMemberId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(p => p.Representative).WithMany().HasForeignKey(p => p.RepresentativeId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(p => p.Voter).WithMany().HasForeignKey(p => p.VoterId).OnDelete(DeleteBehavior.Restrict);
        // One active committee member per representative; one active pairing per representative and voter.
        e.HasIndex(p => p.RepresentativeId).IsUnique().HasFilter("level = 1 AND ended_on IS NULL")
            .HasDatabaseName("ux_contact_pairings_committee_active");
        e.HasIndex(p => new { p.RepresentativeId, p.VoterId }).IsUnique().HasFilter("level = 2 AND ended_on IS NULL")
            .HasDatabaseName("ux_contact_pairings_voter_active");
        e.HasIndex(p => new { p.RepresentativeId, p.Level });
        e.HasIndex(p => p.CommitteeMemberId);
        e.HasIndex(p => p.VoterId);
        e.HasIndex(p => new { p.JurisdictionCode, p.Level });
    }
}

internal sealed class ContactLogEntryConfiguration : IEntityTypeConfiguration<ContactLogEntry>
{
    public void Configure(EntityTypeBuilder<ContactLogEntry> e)
    {
        e.ToTable("contact_log");
        e.Property(l => l.JurisdictionCode).HasMaxLength(12);
        e.Property(l => l.Notes).HasMaxLength(1000);
        e.Property(l => l.RecordedBy).HasMaxLength(256);
        e.HasOne(l => l.Pairing).WithMany().HasForeignKey(l => l.PairingId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(l => new { l.PairingId, l.On });
        e.HasIndex(l => new { l.JurisdictionCode, l.On });
    }
}
