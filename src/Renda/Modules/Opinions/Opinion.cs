using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renda.Platform.Data;
using Renda.Platform.Workflow;

namespace Renda.Modules.Opinions;

/// <summary>选民意见建议: what a citizen raised, through a station's or a representative's code, the
/// general page, a reception, the 12345 hotline or an Open311 client, and its way through the closed
/// loop of <see cref="OpinionWorkflow"/>. The submitter's name and phone are encrypted at rest
/// (docs/adr/0009); the content is stored exactly as given and encoded wherever it is shown.
/// <see cref="JurisdictionCode"/> is the station's or representative's jurisdiction (or the one the
/// general page was opened for), so that staff see the opinions of their county and its townships.</summary>
public sealed class Opinion : IWorkflowEntity
{
    public const int MaxContent = 2000, MaxLocation = 200, MaxName = 50, MaxReply = 4000, MaxReason = 1000;

    public long Id { get; set; }
    public string JurisdictionCode { get; set; } = "";
    public string State { get; set; } = "";
    public long Version { get; set; }

    /// <summary>What the citizen follows it by (<see cref="TrackingCodes"/>): short, unguessable, unique.</summary>
    public string TrackingCode { get; set; } = "";
    public string Content { get; set; } = "";
    /// <summary>One of <see cref="OpinionCategories"/>; set by the submitter or at triage.</summary>
    public string? Category { get; set; }
    public string? Location { get; set; }
    /// <summary><c>normal</c> or <c>urgent</c> (set at triage).</summary>
    public string Urgency { get; set; } = OpinionUrgency.Normal;
    /// <summary>How it came in: one of <see cref="OpinionChannels"/>.</summary>
    public string Channel { get; set; } = OpinionChannels.Web;

    public long? StationId { get; set; }
    /// <summary>The representative who received it (the code scanned, or who recorded it at a reception).</summary>
    public long? RepresentativeId { get; set; }
    /// <summary>The reception it was raised at (offline intake), if any.</summary>
    public long? ReceptionId { get; set; }

    public bool Anonymous { get; set; }
    [PersonalInfo] public string? SubmitterNameCipher { get; set; }
    [PersonalInfo] public string? PhoneCipher { get; set; }
    /// <summary>Blind index of the normalized phone: finds a citizen's other opinions without decrypting.</summary>
    [PersonalInfo] public string? PhoneIndex { get; set; }
    /// <summary>The masked phone (138****8000), what staff lists show.</summary>
    public string? PhoneMasked { get; set; }
    /// <summary>Whether the submitter agreed to the personal-information notice (required for the public form).</summary>
    public bool ConsentGiven { get; set; }

    /// <summary>For imported items: the source system (<c>12345</c>, an Open311 key's name) and its id
    /// there; together unique, so importing the same batch twice creates nothing twice.</summary>
    public string? ExternalSource { get; set; }
    public string? ExternalId { get; set; }

    public DateTime CreatedAt { get; set; }
    /// <summary>The account that entered it, or <c>anonymous</c> for the public form.</summary>
    public string CreatedBy { get; set; } = "";

    // Handling (交办 → 签收 → 答复)
    public long? UnitId { get; set; }
    public DateTime? AssignedAt { get; set; }
    /// <summary>The reply deadline, a day in China Standard Time, counted in working days (调休 included).</summary>
    public DateOnly? DueDate { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public DateTime? RepliedAt { get; set; }
    public string? ReplyContent { get; set; }
    /// <summary>Whether the latest reply came after its deadline.</summary>
    public bool RepliedLate { get; set; }
    /// <summary>How many times it was sent back for re-handling (不满意 → 重新办理).</summary>
    public int Round { get; set; }

    // Rating (评价)
    /// <summary><c>satisfied</c>, <c>basically_satisfied</c>, <c>unsatisfied</c> (the latest), or null.</summary>
    public string? Rating { get; set; }
    public string? RatingComment { get; set; }
    public DateTime? RatedAt { get; set; }

    // Ending
    public DateTime? ClosedAt { get; set; }
    /// <summary>Why it closed: <c>rated</c> or <c>not_rated</c> (the rating window passed).</summary>
    public string? ClosedReason { get; set; }
    public long? MergedIntoId { get; set; }
    /// <summary>The reason shown to the submitter when declined (不予受理).</summary>
    public string? DeclineReason { get; set; }
    /// <summary><c>suggestion</c> or <c>upper_level</c> when escalated. A suggestion drafted from it keeps the
    /// link on its side (<c>Suggestion.OriginOpinionId</c>), written in the same transaction.</summary>
    public string? EscalatedTo { get; set; }
    public DateTime? PublishedAt { get; set; }

    // Supervision (督办)
    public bool Overdue { get; set; }
    public int SupervisionCount { get; set; }

    // ops part (Open311 intake): the WGS84 point an Open311 client sent, echoed in requests.json.
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
}

public static class OpinionUrgency
{
    public const string Normal = "normal", Urgent = "urgent";
    public static bool IsKnown(string? v) => v is Normal or Urgent;
}

public static class OpinionChannels
{
    public const string StationCode = "station_code", RepresentativeCode = "representative_code", Web = "web",
        Reception = "reception", Hotline = "hotline", Open311 = "open311";

    public static string Label(string channel, bool english) => (channel, english) switch
    {
        (StationCode, false) => "扫家站码", (StationCode, true) => "Station QR code",
        (RepresentativeCode, false) => "扫代表码", (RepresentativeCode, true) => "Representative QR code",
        (Web, false) => "网上提交", (Web, true) => "Web form",
        (Reception, false) => "接待选民", (Reception, true) => "Reception",
        (Hotline, false) => "12345热线", (Hotline, true) => "12345 hotline",
        (Open311, false) => "Open311", (Open311, true) => "Open311",
        _ => channel,
    };
}

public static class OpinionRatings
{
    public const string Satisfied = "satisfied", BasicallySatisfied = "basically_satisfied", Unsatisfied = "unsatisfied";
    public static bool IsKnown(string? v) => v is Satisfied or BasicallySatisfied or Unsatisfied;
    public static bool Closes(string rating) => rating is Satisfied or BasicallySatisfied;

    public static string Label(string? rating, bool english) => (rating, english) switch
    {
        (Satisfied, false) => "满意", (Satisfied, true) => "Satisfied",
        (BasicallySatisfied, false) => "基本满意", (BasicallySatisfied, true) => "Basically satisfied",
        (Unsatisfied, false) => "不满意", (Unsatisfied, true) => "Unsatisfied",
        (null, false) => "未评价", (null, true) => "Not rated",
        _ => rating,
    };
}

/// <summary>The categories citizens and staff file opinions under (the seeds' recurring themes), with the
/// Open311 service codes that name them.</summary>
public static class OpinionCategories
{
    public sealed record Category(string Code, string Zh, string En);

    public static readonly IReadOnlyList<Category> All =
    [
        new("urban_construction", "城乡建设", "Urban and rural construction"),
        new("transport", "交通出行", "Transport and roads"),
        new("environment", "生态环保", "Environment"),
        new("agriculture", "农业农村", "Agriculture and villages"),
        new("education", "教育", "Education"),
        new("health", "医疗卫生", "Health care"),
        new("social_security", "社会保障", "Social security"),
        new("elderly_care", "养老服务", "Care for the elderly"),
        new("public_safety", "社会治安", "Public safety"),
        new("economy", "经济发展", "Economy and business"),
        new("utilities", "水电气暖", "Water, power and gas"),
        new("other", "其他", "Other"),
    ];

    public static bool IsKnown(string? code) => code is not null && All.Any(c => c.Code == code);

    public static string Label(string? code, bool english) =>
        All.FirstOrDefault(c => c.Code == code) is { } c ? (english ? c.En : c.Zh) : english ? "Uncategorized" : "未分类";
}

internal sealed class OpinionConfiguration : IEntityTypeConfiguration<Opinion>
{
    public void Configure(EntityTypeBuilder<Opinion> e)
    {
        e.ToTable("opinions");
        e.Property(o => o.JurisdictionCode).HasMaxLength(12);
        e.Property(o => o.State).HasMaxLength(32);
        e.Property(o => o.TrackingCode).HasMaxLength(16);
        e.Property(o => o.Content).HasMaxLength(Opinion.MaxContent);
        e.Property(o => o.Category).HasMaxLength(32);
        e.Property(o => o.Location).HasMaxLength(Opinion.MaxLocation);
        e.Property(o => o.Urgency).HasMaxLength(16);
        e.Property(o => o.Channel).HasMaxLength(32);
        e.Property(o => o.SubmitterNameCipher).HasMaxLength(400);
        e.Property(o => o.PhoneCipher).HasMaxLength(200);
        e.Property(o => o.PhoneIndex).HasMaxLength(64);
        e.Property(o => o.PhoneMasked).HasMaxLength(32);
        e.Property(o => o.ExternalSource).HasMaxLength(64);
        e.Property(o => o.ExternalId).HasMaxLength(128);
        e.Property(o => o.CreatedBy).HasMaxLength(256);
        e.Property(o => o.ReplyContent).HasMaxLength(Opinion.MaxReply);
        e.Property(o => o.Rating).HasMaxLength(32);
        e.Property(o => o.RatingComment).HasMaxLength(Opinion.MaxReason);
        e.Property(o => o.ClosedReason).HasMaxLength(32);
        e.Property(o => o.DeclineReason).HasMaxLength(Opinion.MaxReason);
        e.Property(o => o.EscalatedTo).HasMaxLength(32);
        e.HasIndex(o => o.TrackingCode).IsUnique();
        e.HasIndex(o => new { o.ExternalSource, o.ExternalId }).IsUnique();
        e.HasIndex(o => new { o.JurisdictionCode, o.State, o.CreatedAt });
        e.HasIndex(o => new { o.JurisdictionCode, o.CreatedAt });
        e.HasIndex(o => new { o.UnitId, o.State });
        e.HasIndex(o => new { o.State, o.DueDate });
        e.HasIndex(o => o.StationId);
        e.HasIndex(o => o.RepresentativeId);
        e.HasIndex(o => o.PhoneIndex);
        // The dashboard's four events (OpinionStats, ADR 0034): each index starts with the event's date and holds every
        // column its pass reads, so a period reads only its own index entries; the three later events are partial
        // (a new opinion has none of them, so submitting one does not touch those indexes).
        e.HasIndex(o => new { o.CreatedAt, o.JurisdictionCode, o.State, o.UnitId, o.Category, o.StationId, o.Round })
            .HasDatabaseName("ix_opinions_stats_received");
        e.HasIndex(o => new { o.DueDate, o.JurisdictionCode, o.State, o.ClosedAt, o.UnitId, o.Category, o.StationId })
            .HasDatabaseName("ix_opinions_stats_due").HasFilter("due_date IS NOT NULL");
        e.HasIndex(o => new { o.RepliedAt, o.JurisdictionCode, o.RepliedLate, o.UnitId, o.Category, o.StationId })
            .HasDatabaseName("ix_opinions_stats_replied").HasFilter("replied_at IS NOT NULL");
        e.HasIndex(o => new { o.RatedAt, o.JurisdictionCode, o.Rating, o.UnitId, o.Category, o.StationId })
            .HasDatabaseName("ix_opinions_stats_rated").HasFilter("rated_at IS NOT NULL");
    }
}
