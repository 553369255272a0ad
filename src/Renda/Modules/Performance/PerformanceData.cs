using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renda.Platform.Data;
using Renda.Platform.Workflow;

namespace Renda.Modules.Performance;

/// <summary>履职积分规则: one version of the yearly rulebook of a congress (its jurisdiction). Editing a
/// book writes a new version; the highest version of a year is in force. A representative is scored by
/// the book of the nearest congress above them (the longest jurisdiction code that prefixes theirs).</summary>
public sealed class ScoringRulebook
{
    public long Id { get; set; }
    public string JurisdictionCode { get; set; } = "";
    public int Year { get; set; }
    public int Version { get; set; }
    public string Name { get; set; } = "";
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public List<ScoringCriterion> Criteria { get; set; } = [];
}

/// <summary>One criterion of a rulebook version. <see cref="Counts"/> holds the counted kinds separated by
/// commas (duty-record kinds, or <c>absence_unexcused</c>).</summary>
public sealed class ScoringCriterion
{
    public long Id { get; set; }
    public long RulebookId { get; set; }
    public int Position { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Counts { get; set; } = "";
    public decimal PointsPerRecord { get; set; }
    public decimal? Cap { get; set; }

    public CriterionRule ToRule() => new(Code, Name, Counts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        PointsPerRecord, Cap);
}

/// <summary>自主登记: what a representative registered themselves, waiting for staff. It shares its id
/// with its duty record (state pending until approved; only approved records score).</summary>
public sealed class SelfReport : IWorkflowEntity
{
    public long Id { get; set; }
    public long RepresentativeId { get; set; }
    public string JurisdictionCode { get; set; } = "";
    public string State { get; set; } = "pending";
    public long Version { get; set; }
    public DateOnly Date { get; set; }
    public string Description { get; set; } = "";
    public string? ReturnReason { get; set; }
    public string? EvidenceName { get; set; }
    public string? EvidenceType { get; set; }
    public byte[]? Evidence { get; set; }
    public DateTime SubmittedAt { get; set; }
    public DutyRecord? Record { get; set; }
    /// <summary>Filled by the loader for views; not stored.</summary>
    public string? RepresentativeName { get; set; }
}

/// <summary>The kinds of activity staff organise, with the duty-record kind attendance writes.</summary>
public static class ActivityTypes
{
    public sealed record ActivityType(string Id, string Zh, string En, string DutyKind);

    public static readonly IReadOnlyList<ActivityType> All =
    [
        new("attend_meeting", "列席常委会会议", "Attending a standing-committee meeting", DutyKinds.Meeting),
        new("inspection", "视察", "Inspection", DutyKinds.Inspection),
        new("research", "调研", "Research", DutyKinds.Inspection),
        new("law_enforcement_check", "执法检查", "Law-enforcement inspection", DutyKinds.Inspection),
        new("special_inquiry", "专题询问", "Special inquiry", DutyKinds.Meeting),
        new("training", "培训", "Training", DutyKinds.Training),
        new("group_activity", "代表小组活动", "Group activity", DutyKinds.GroupActivity),
        new("meeting_day", "统一见面日", "Meet-the-voters day", DutyKinds.Reception),
    ];

    public static ActivityType? Find(string? id) => All.FirstOrDefault(t => t.Id == id);
}

public enum Attendance { Invited = 0, Present = 1, Excused = 2, Absent = 3 }

/// <summary>An activity staff organise for representatives: 列席, 视察, 调研, 执法检查, 专题询问, 培训, 代表小组活动, 统一见面日.</summary>
public sealed class Activity : IJurisdictionScoped
{
    public long Id { get; set; }
    public string JurisdictionCode { get; set; } = "";
    public string Type { get; set; } = "";
    public string Title { get; set; } = "";
    public DateOnly Date { get; set; }
    public string Place { get; set; } = "";
    public string Organiser { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public List<ActivityInvitation> Invitations { get; set; } = [];
}

/// <summary>One invited representative of an activity and whether they came.</summary>
public sealed class ActivityInvitation : IJurisdictionScoped
{
    public long Id { get; set; }
    public long ActivityId { get; set; }
    public Activity? Activity { get; set; }
    public long RepresentativeId { get; set; }
    public string JurisdictionCode { get; set; } = "";
    public Attendance Attendance { get; set; }
    public string? Reason { get; set; }
}

/// <summary>异议: a representative's objection to one line of their score, answered by staff.</summary>
public sealed class ScoreObjection : IJurisdictionScoped
{
    public long Id { get; set; }
    public long RepresentativeId { get; set; }
    public string JurisdictionCode { get; set; } = "";
    public int Year { get; set; }
    public string Criterion { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTime RaisedAt { get; set; }
    public string? Answer { get; set; }
    public string? AnsweredBy { get; set; }
    public DateTime? AnsweredAt { get; set; }
}

internal sealed class PerformanceConfiguration : IEntityTypeConfiguration<ScoringRulebook>, IEntityTypeConfiguration<ScoringCriterion>,
    IEntityTypeConfiguration<SelfReport>, IEntityTypeConfiguration<Activity>, IEntityTypeConfiguration<ActivityInvitation>,
    IEntityTypeConfiguration<ScoreObjection>
{
    public void Configure(EntityTypeBuilder<ScoringRulebook> e)
    {
        e.ToTable("scoring_rulebooks");
        e.Property(x => x.JurisdictionCode).HasMaxLength(12);
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.Note).HasMaxLength(500);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.HasIndex(x => new { x.JurisdictionCode, x.Year, x.Version }).IsUnique();
        e.HasMany(x => x.Criteria).WithOne().HasForeignKey(c => c.RulebookId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ScoringCriterion> e)
    {
        e.ToTable("scoring_criteria");
        e.Property(x => x.Code).HasMaxLength(32);
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.Counts).HasMaxLength(400);
        e.Property(x => x.PointsPerRecord).HasPrecision(9, 2);
        e.Property(x => x.Cap).HasPrecision(9, 2);
        e.HasIndex(x => new { x.RulebookId, x.Code }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<SelfReport> e)
    {
        e.ToTable("self_reports");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.JurisdictionCode).HasMaxLength(12);
        e.Property(x => x.State).HasMaxLength(32);
        e.Property(x => x.Description).HasMaxLength(1000);
        e.Property(x => x.ReturnReason).HasMaxLength(1000);
        e.Property(x => x.EvidenceName).HasMaxLength(200);
        e.Property(x => x.EvidenceType).HasMaxLength(64);
        e.HasOne(x => x.Record).WithOne().HasForeignKey<SelfReport>(x => x.Id).OnDelete(DeleteBehavior.Cascade);
        e.Ignore(x => x.RepresentativeName);
        e.HasIndex(x => new { x.JurisdictionCode, x.State });
        e.HasIndex(x => x.RepresentativeId);
    }

    public void Configure(EntityTypeBuilder<Activity> e)
    {
        e.ToTable("activities");
        e.Property(x => x.JurisdictionCode).HasMaxLength(12);
        e.Property(x => x.Type).HasMaxLength(32);
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Place).HasMaxLength(200);
        e.Property(x => x.Organiser).HasMaxLength(100);
        e.HasIndex(x => new { x.JurisdictionCode, x.Date });
        e.HasMany(x => x.Invitations).WithOne(i => i.Activity).HasForeignKey(i => i.ActivityId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ActivityInvitation> e)
    {
        e.ToTable("activity_invitations");
        e.Property(x => x.JurisdictionCode).HasMaxLength(12);
        e.Property(x => x.Reason).HasMaxLength(500);
        e.HasIndex(x => new { x.ActivityId, x.RepresentativeId }).IsUnique();
        e.HasIndex(x => new { x.RepresentativeId, x.Attendance });
        e.HasOne<Representatives.Representative>().WithMany().HasForeignKey(x => x.RepresentativeId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<ScoreObjection> e)
    {
        e.ToTable("score_objections");
        e.Property(x => x.JurisdictionCode).HasMaxLength(12);
        e.Property(x => x.Criterion).HasMaxLength(32);
        e.Property(x => x.Text).HasMaxLength(1000);
        e.Property(x => x.Answer).HasMaxLength(1000);
        e.Property(x => x.AnsweredBy).HasMaxLength(256);
        e.HasIndex(x => new { x.RepresentativeId, x.Year });
        e.HasIndex(x => new { x.JurisdictionCode, x.AnsweredAt });
    }
}
