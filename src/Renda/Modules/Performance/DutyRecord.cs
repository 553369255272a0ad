using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renda.Modules.Representatives;
using Renda.Platform.Data;

namespace Renda.Modules.Performance;

/// <summary>Whether a duty record counts: records written by the system are approved at once; those a
/// representative registers for themselves wait for staff (DOMAIN.md: pending 待审核, approved 已审核).</summary>
public enum DutyRecordState { Approved = 1, Pending = 2, Rejected = 3 }

/// <summary>履职记录: one activity in a representative's archive (一人一档). Every module writes these
/// through <see cref="DutyArchive.RecordAsync"/>, never directly; the scoring issue reads them.
/// <see cref="JurisdictionCode"/> is the representative's, so staff see the records of the
/// representatives in their jurisdiction.</summary>
public sealed class DutyRecord : IJurisdictionScoped
{
    public long Id { get; set; }
    public long RepresentativeId { get; set; }
    public Representative? Representative { get; set; }
    public string JurisdictionCode { get; set; } = "";

    /// <summary>One of <see cref="DutyKinds"/>.</summary>
    public string Kind { get; set; } = "";
    /// <summary>The day it happened, China Standard Time.</summary>
    public DateOnly Date { get; set; }
    /// <summary>What it was, e.g. 在递铺街道人大代表联络站接待选民 12 人次.</summary>
    public string Title { get; set; } = "";
    public string? Detail { get; set; }

    /// <summary>The module that wrote the record (<c>stations</c>, <c>opinions</c>…) and the id of its
    /// source row there: together with the representative and kind they identify a record, so writing
    /// the same activity twice leaves one record.</summary>
    public string SourceModule { get; set; } = "";
    public string SourceId { get; set; } = "";

    public DutyRecordState State { get; set; } = DutyRecordState.Approved;
    public DateTime RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
}

/// <summary>A kind of duty activity, with its labels.</summary>
public sealed record DutyKind(string Id, string Zh, string En);

/// <summary>The kinds of activity in a representative's archive, from DOMAIN.md module 4. Only
/// <see cref="Reception"/> is written today (by the stations module); the others are named so that the
/// modules that arrive later write the same identifiers.</summary>
public static class DutyKinds
{
    public const string Reception = "reception";
    public const string Meeting = "meeting";
    public const string Inspection = "inspection";
    public const string OpinionHandled = "opinion_handled";
    public const string SuggestionFiled = "suggestion_filed";
    public const string MotionFiled = "motion_filed";
    public const string CoSigned = "co_signed";
    public const string SuggestionEvaluated = "suggestion_evaluated";
    public const string SuggestionMeeting = "suggestion_meeting";
    public const string DraftComment = "draft_comment";
    public const string ProjectVote = "project_vote";
    public const string VoterContact = "voter_contact";
    public const string Training = "training";
    public const string Quiz = "quiz";
    public const string SelfReported = "self_reported";

    public static readonly IReadOnlyList<DutyKind> All =
    [
        new(Reception, "接待选民", "Receiving citizens"),
        new(Meeting, "参加会议", "Meeting attended"),
        new(Inspection, "视察调研", "Inspection or survey"),
        new(OpinionHandled, "处理选民意见", "Citizen opinion handled"),
        new(SuggestionFiled, "提出建议", "Suggestion filed"),
        new(MotionFiled, "提出议案", "Motion filed"),
        new(CoSigned, "联名附议", "Co-signed"),
        new(SuggestionEvaluated, "评价建议办理", "Reply to a suggestion evaluated"),
        new(SuggestionMeeting, "建议办理见面沟通", "Meeting on a suggestion"),
        new(DraftComment, "法规草案意见", "Comment on a draft law"),
        new(ProjectVote, "民生实事票决", "Livelihood project vote"),
        new(VoterContact, "联系选民", "Contact with voters"),
        new(Training, "参加培训", "Training"),
        new(Quiz, "应知应会答卷", "Quiz"),
        new(SelfReported, "自主登记", "Self-reported activity"),
    ];

    public static bool IsKnown(string? id) => id is not null && All.Any(k => k.Id == id);

    public static string Label(string id, bool english) =>
        All.FirstOrDefault(k => k.Id == id) is { } k ? (english ? k.En : k.Zh) : id;

    public static string StateLabel(DutyRecordState state, bool english) => (state, english) switch
    {
        (DutyRecordState.Approved, false) => "已审核",
        (DutyRecordState.Pending, false) => "待审核",
        (DutyRecordState.Rejected, false) => "未通过",
        (DutyRecordState.Approved, true) => "Approved",
        (DutyRecordState.Pending, true) => "Pending",
        _ => "Rejected",
    };
}

internal sealed class DutyRecordConfiguration : IEntityTypeConfiguration<DutyRecord>
{
    public void Configure(EntityTypeBuilder<DutyRecord> e)
    {
        e.ToTable("duty_records");
        e.Property(d => d.JurisdictionCode).HasMaxLength(12);
        e.Property(d => d.Kind).HasMaxLength(32);
        e.Property(d => d.Title).HasMaxLength(200);
        e.Property(d => d.Detail).HasMaxLength(1000);
        e.Property(d => d.SourceModule).HasMaxLength(32);
        e.Property(d => d.SourceId).HasMaxLength(64);
        e.Property(d => d.RecordedBy).HasMaxLength(256);
        e.HasOne(d => d.Representative).WithMany().HasForeignKey(d => d.RepresentativeId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(d => new { d.SourceModule, d.SourceId, d.RepresentativeId, d.Kind }).IsUnique();
        e.HasIndex(d => new { d.RepresentativeId, d.Date });
        e.HasIndex(d => new { d.JurisdictionCode, d.Date });
    }
}
