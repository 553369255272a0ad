using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renda.Modules.Representatives;
using Renda.Platform.Data;

namespace Renda.Modules.Stations;

/// <summary>The occasion of a reception (DOMAIN.md: 每月接待日, 统一见面日, 夜谈夜访).</summary>
public enum ReceptionKind { ReceptionDay = 1, UnifiedMeetingDay = 2, EveningVisit = 3, Other = 4 }

/// <summary>接待选民: one reception session at a station, as logged afterwards — who received, when,
/// how many citizens came and what they raised. Creating one writes a duty record (一人一档) for each
/// receiving representative in the same transaction.</summary>
public sealed class Reception : IJurisdictionScoped
{
    public long Id { get; set; }
    public long StationId { get; set; }
    public Station? Station { get; set; }
    /// <summary>The station's jurisdiction.</summary>
    public string JurisdictionCode { get; set; } = "";
    public ReceptionKind Kind { get; set; }
    /// <summary>The day, China Standard Time (the station's local date).</summary>
    public DateOnly Date { get; set; }
    public TimeOnly? StartTime { get; set; }
    public TimeOnly? EndTime { get; set; }
    /// <summary>The schedule rule this reception held, when it was a scheduled one.</summary>
    public long? ScheduleRuleId { get; set; }
    /// <summary>人次: how many citizens came.</summary>
    public int CitizenCount { get; set; }
    /// <summary>What was raised, in free text (may name people: never audited in clear).</summary>
    [PersonalInfo] public string Summary { get; set; } = "";
    public DateTime RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
    public List<ReceptionReceiver> Receivers { get; set; } = [];
    public List<ReceptionItem> Items { get; set; } = [];

    public static string KindLabel(ReceptionKind kind, bool english) => (kind, english) switch
    {
        (ReceptionKind.ReceptionDay, false) => "接待日",
        (ReceptionKind.UnifiedMeetingDay, false) => "统一见面日",
        (ReceptionKind.EveningVisit, false) => "夜谈夜访",
        (ReceptionKind.Other, false) => "其他",
        (ReceptionKind.ReceptionDay, true) => "Reception day",
        (ReceptionKind.UnifiedMeetingDay, true) => "Unified meeting day",
        (ReceptionKind.EveningVisit, true) => "Evening visit",
        _ => "Other",
    };
}

/// <summary>A representative who received citizens at a reception.</summary>
public sealed class ReceptionReceiver : IJurisdictionScoped
{
    public long ReceptionId { get; set; }
    public Reception? Reception { get; set; }
    public long RepresentativeId { get; set; }
    public Representative? Representative { get; set; }
    public string JurisdictionCode { get; set; } = "";
}

/// <summary>One matter raised at a reception.</summary>
public sealed class ReceptionItem : IJurisdictionScoped
{
    public long Id { get; set; }
    public long ReceptionId { get; set; }
    public Reception? Reception { get; set; }
    public string JurisdictionCode { get; set; } = "";
    /// <summary>1, 2, 3… in the order they were raised.</summary>
    public int Ordinal { get; set; }
    [PersonalInfo] public string Text { get; set; } = "";
    /// <summary>The citizen opinion (选民意见建议) this matter became. Issue 4 (the opinions module) sets it
    /// when the station forwards the matter, and adds the foreign key to its <c>opinions</c> table then;
    /// until that module exists it stays null.</summary>
    public long? OpinionId { get; set; }
}

internal sealed class ReceptionConfiguration : IEntityTypeConfiguration<Reception>
{
    public void Configure(EntityTypeBuilder<Reception> e)
    {
        e.ToTable("receptions", t => t.HasCheckConstraint("ck_receptions_citizen_count", "citizen_count >= 0"));
        e.Property(r => r.JurisdictionCode).HasMaxLength(12);
        e.Property(r => r.Summary).HasMaxLength(2000);
        e.Property(r => r.RecordedBy).HasMaxLength(256);
        e.HasOne(r => r.Station).WithMany().HasForeignKey(r => r.StationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ReceptionScheduleRule>().WithMany().HasForeignKey(r => r.ScheduleRuleId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(r => new { r.StationId, r.Date });
        e.HasIndex(r => new { r.JurisdictionCode, r.Date });
    }
}

internal sealed class ReceptionReceiverConfiguration : IEntityTypeConfiguration<ReceptionReceiver>
{
    public void Configure(EntityTypeBuilder<ReceptionReceiver> e)
    {
        e.ToTable("reception_receivers");
        e.HasKey(x => new { x.ReceptionId, x.RepresentativeId });
        e.Property(x => x.JurisdictionCode).HasMaxLength(12);
        e.HasOne(x => x.Reception).WithMany(r => r.Receivers).HasForeignKey(x => x.ReceptionId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Representative).WithMany().HasForeignKey(x => x.RepresentativeId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.RepresentativeId);
    }
}

internal sealed class ReceptionItemConfiguration : IEntityTypeConfiguration<ReceptionItem>
{
    public void Configure(EntityTypeBuilder<ReceptionItem> e)
    {
        e.ToTable("reception_items");
        e.Property(x => x.JurisdictionCode).HasMaxLength(12);
        e.Property(x => x.Text).HasMaxLength(500);
        e.HasOne(x => x.Reception).WithMany(r => r.Items).HasForeignKey(x => x.ReceptionId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.ReceptionId, x.Ordinal }).IsUnique();
        e.HasIndex(x => x.OpinionId);
    }
}
