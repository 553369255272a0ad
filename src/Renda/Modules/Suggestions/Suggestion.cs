using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renda.Modules.HandlingUnits;
using Renda.Modules.Representatives;
using Renda.Platform.Data;
using Renda.Platform.Workflow;

namespace Renda.Modules.Suggestions;

/// <summary>The identifiers of DOMAIN.md for kinds, periods, result classes and ratings.</summary>
public static class SuggestionTerms
{
    public const string Suggestion = "suggestion", Motion = "motion";
    public const string Session = "session", Recess = "recess";
    public const string Solved = "solved", InProgressPlan = "in_progress_plan", Explained = "explained";
    public const string Satisfied = "satisfied", BasicallySatisfied = "basically_satisfied", Unsatisfied = "unsatisfied";
    public const string Lead = "lead", Co = "co";

    public static readonly string[] Kinds = [Suggestion, Motion];
    public static readonly string[] ResultClasses = [Solved, InProgressPlan, Explained];
    public static readonly string[] Ratings = [Satisfied, BasicallySatisfied, Unsatisfied];

    public static string KindLabel(string kind, bool en) => (kind, en) switch
    {
        (Motion, false) => "议案", (Motion, true) => "Motion",
        (_, false) => "建议", _ => "Suggestion",
    };

    public static string PeriodLabel(string period, bool en) => (period, en) switch
    {
        (Session, false) => "会议期间", (Session, true) => "During the session",
        (_, false) => "闭会期间", _ => "In recess",
    };

    public static string ResultLabel(string? c, bool en) => (c, en) switch
    {
        (Solved, false) => "A 已解决或采纳", (Solved, true) => "A solved or adopted",
        (InProgressPlan, false) => "B 正在解决或列入计划", (InProgressPlan, true) => "B being solved or planned",
        (Explained, false) => "C 因条件限制留作参考", (Explained, true) => "C kept for reference",
        _ => "",
    };

    public static string RatingLabel(string? r, bool en) => (r, en) switch
    {
        (Satisfied, false) => "满意", (Satisfied, true) => "Satisfied",
        (BasicallySatisfied, false) => "基本满意", (BasicallySatisfied, true) => "Basically satisfied",
        (Unsatisfied, false) => "不满意", (Unsatisfied, true) => "Unsatisfied",
        _ => "",
    };
}

/// <summary>A representative's suggestion (建议) or motion (议案) to the congress of their term, from
/// drafting to the evaluation of its reply. Its state changes only through <see cref="SuggestionWorkflow"/>.
/// <see cref="JurisdictionCode"/> is the congress's (the county for a county congress), so the
/// congress's staff, units and representatives all see it.</summary>
public sealed class Suggestion : IWorkflowEntity
{
    public long Id { get; set; }
    public string JurisdictionCode { get; set; } = "";
    public long Version { get; set; }
    public string State { get; set; } = "draft";

    public string Kind { get; set; } = SuggestionTerms.Suggestion;
    /// <summary>A motion that staff converted into a suggestion at registration.</summary>
    public bool ConvertedFromMotion { get; set; }
    public long TermId { get; set; }
    /// <summary>The session it was filed at (会议期间), null in recess (闭会期间).</summary>
    public long? SessionId { get; set; }
    public string Period { get; set; } = SuggestionTerms.Recess;

    public long FilerId { get; set; }
    public Representative? Filer { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string? Category { get; set; }
    public string? Problem { get; set; }
    public string? Proposal { get; set; }
    /// <summary>The citizen opinion this draft was escalated from (opinions module); a plain id, no foreign key.</summary>
    public long? OriginOpinionId { get; set; }

    /// <summary>Registration number within the term and kind: 12 for 第12号.</summary>
    public int? Number { get; set; }
    public DateTime? RegisteredAt { get; set; }
    public string? ReturnReason { get; set; }

    public long? LeadUnitId { get; set; }
    public DateOnly? Deadline { get; set; }
    public DateTime? FirstAssignedAt { get; set; }
    public DateTime? AssignedAt { get; set; }
    public DateTime? AcknowledgedAt { get; set; }

    public bool IsKey { get; set; }
    public string? KeyLeaderUserName { get; set; }

    public string? ResultClass { get; set; }
    public string? ReplyContent { get; set; }
    public DateTime? RepliedAt { get; set; }
    public DateTime? FirstRepliedAt { get; set; }
    /// <summary>Whether the first reply came by the deadline of the first round.</summary>
    public bool? RepliedOnTime { get; set; }

    public string? Rating { get; set; }
    public DateTime? EvaluatedAt { get; set; }
    /// <summary>The handling round: 1, then one more for each 不满意.</summary>
    public int Round { get; set; } = 1;

    public bool CarriedOver { get; set; }
    public int? CarriedIntoYear { get; set; }
    public DateTime? LastSupervisedAt { get; set; }
    public int SupervisionCount { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public DateTime? ClosedAt { get; set; }

    public List<SuggestionCoSigner> CoSigners { get; set; } = [];
    public List<SuggestionUnit> Units { get; set; } = [];

    public string NumberText => Number is { } n ? $"第{n}号" : "";

    /// <summary>Set by the API's loader: the lookups its view needs (not mapped).</summary>
    internal SuggestionViewContext? ViewContext { get; set; }
}

/// <summary>A co-signer (联名代表) invited by the filer; counts once confirmed.</summary>
public sealed class SuggestionCoSigner : IJurisdictionScoped
{
    public long Id { get; set; }
    public long SuggestionId { get; set; }
    public long RepresentativeId { get; set; }
    public Representative? Representative { get; set; }
    public string JurisdictionCode { get; set; } = "";
    public DateTime InvitedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
}

/// <summary>A unit of an assignment: the lead unit (主办) or a co-unit (会办/协办) with its opinion to the lead unit.</summary>
public sealed class SuggestionUnit : IJurisdictionScoped
{
    public long Id { get; set; }
    public long SuggestionId { get; set; }
    public long HandlingUnitId { get; set; }
    public HandlingUnit? HandlingUnit { get; set; }
    public string JurisdictionCode { get; set; } = "";
    public string Role { get; set; } = SuggestionTerms.Lead;
    public string? Opinion { get; set; }
    public DateTime? OpinionAt { get; set; }
    public string? OpinionBy { get; set; }
}

/// <summary>A face-to-face meeting (见面沟通) between the handling unit and the representative.</summary>
public sealed class SuggestionMeeting : IJurisdictionScoped
{
    public long Id { get; set; }
    public long SuggestionId { get; set; }
    public string JurisdictionCode { get; set; } = "";
    public DateOnly HeldOn { get; set; }
    public string Place { get; set; } = "";
    public string Participants { get; set; } = "";
    public string? Notes { get; set; }
    public DateTime RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
}

/// <summary>A reply document (.docx or PDF) uploaded by the lead unit for one handling round.
/// Not in the automatic change audit (the bytes would be copied into it); its upload is audited explicitly.</summary>
[NotAudited]
public sealed class SuggestionDocument : IJurisdictionScoped
{
    public long Id { get; set; }
    public long SuggestionId { get; set; }
    public string JurisdictionCode { get; set; } = "";
    public int Round { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public DateTime UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
}

internal sealed class SuggestionConfiguration : IEntityTypeConfiguration<Suggestion>
{
    public void Configure(EntityTypeBuilder<Suggestion> e)
    {
        e.ToTable("suggestions");
        e.Property(s => s.JurisdictionCode).HasMaxLength(12);
        e.Property(s => s.State).HasMaxLength(32);
        e.Property(s => s.Kind).HasMaxLength(16);
        e.Property(s => s.Period).HasMaxLength(16);
        e.Property(s => s.Title).HasMaxLength(200);
        e.Property(s => s.Body).HasMaxLength(20000);
        e.Property(s => s.Category).HasMaxLength(50);
        e.Property(s => s.Problem).HasMaxLength(5000);
        e.Property(s => s.Proposal).HasMaxLength(5000);
        e.Property(s => s.ReturnReason).HasMaxLength(4000);
        e.Property(s => s.KeyLeaderUserName).HasMaxLength(256);
        e.Property(s => s.ResultClass).HasMaxLength(32);
        e.Property(s => s.ReplyContent).HasMaxLength(20000);
        e.Property(s => s.Rating).HasMaxLength(32);
        e.Ignore(s => s.NumberText);
        e.Ignore(s => s.ViewContext);
        e.HasOne(s => s.Filer).WithMany().HasForeignKey(s => s.FilerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Congress.Term>().WithMany().HasForeignKey(s => s.TermId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Congress.Session>().WithMany().HasForeignKey(s => s.SessionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<HandlingUnit>().WithMany().HasForeignKey(s => s.LeadUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(s => s.CoSigners).WithOne().HasForeignKey(c => c.SuggestionId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(s => s.Units).WithOne().HasForeignKey(u => u.SuggestionId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(s => new { s.TermId, s.Kind, s.Number }).IsUnique();
        e.HasIndex(s => new { s.JurisdictionCode, s.State });
        e.HasIndex(s => s.FilerId);
        e.HasIndex(s => s.LeadUnitId);
        e.HasIndex(s => s.SessionId);
        e.HasIndex(s => s.OriginOpinionId);
    }
}

internal sealed class SuggestionCoSignerConfiguration : IEntityTypeConfiguration<SuggestionCoSigner>
{
    public void Configure(EntityTypeBuilder<SuggestionCoSigner> e)
    {
        e.ToTable("suggestion_co_signers");
        e.Property(c => c.JurisdictionCode).HasMaxLength(12);
        e.HasOne(c => c.Representative).WithMany().HasForeignKey(c => c.RepresentativeId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(c => new { c.SuggestionId, c.RepresentativeId }).IsUnique();
        e.HasIndex(c => c.RepresentativeId);
    }
}

internal sealed class SuggestionUnitConfiguration : IEntityTypeConfiguration<SuggestionUnit>
{
    public void Configure(EntityTypeBuilder<SuggestionUnit> e)
    {
        e.ToTable("suggestion_units");
        e.Property(u => u.JurisdictionCode).HasMaxLength(12);
        e.Property(u => u.Role).HasMaxLength(8);
        e.Property(u => u.Opinion).HasMaxLength(8000);
        e.Property(u => u.OpinionBy).HasMaxLength(256);
        e.HasOne(u => u.HandlingUnit).WithMany().HasForeignKey(u => u.HandlingUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(u => new { u.SuggestionId, u.HandlingUnitId }).IsUnique();
        e.HasIndex(u => u.HandlingUnitId);
    }
}

internal sealed class SuggestionMeetingConfiguration : IEntityTypeConfiguration<SuggestionMeeting>
{
    public void Configure(EntityTypeBuilder<SuggestionMeeting> e)
    {
        e.ToTable("suggestion_meetings");
        e.Property(m => m.JurisdictionCode).HasMaxLength(12);
        e.Property(m => m.Place).HasMaxLength(200);
        e.Property(m => m.Participants).HasMaxLength(1000);
        e.Property(m => m.Notes).HasMaxLength(4000);
        e.Property(m => m.RecordedBy).HasMaxLength(256);
        e.HasOne<Suggestion>().WithMany().HasForeignKey(m => m.SuggestionId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(m => m.SuggestionId);
    }
}

internal sealed class SuggestionDocumentConfiguration : IEntityTypeConfiguration<SuggestionDocument>
{
    public void Configure(EntityTypeBuilder<SuggestionDocument> e)
    {
        e.ToTable("suggestion_documents");
        e.Property(d => d.JurisdictionCode).HasMaxLength(12);
        e.Property(d => d.FileName).HasMaxLength(200);
        e.Property(d => d.ContentType).HasMaxLength(100);
        e.Property(d => d.UploadedBy).HasMaxLength(256);
        e.HasOne<Suggestion>().WithMany().HasForeignKey(d => d.SuggestionId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(d => new { d.SuggestionId, d.Round });
    }
}
