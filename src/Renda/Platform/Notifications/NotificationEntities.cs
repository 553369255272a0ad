using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renda.Platform.Data;

namespace Renda.Platform.Notifications;

/// <summary>The channels a message leaves by. Each has one registered <see cref="INotificationSender"/>.</summary>
public static class NotificationChannels
{
    public const string Sms = "sms", Mail = "mail";
    public static bool IsKnown(string? c) => c is Sms or Mail;
}

public static class OutboxStates
{
    /// <summary>Waiting for its (next) attempt at <see cref="OutboxMessage.NextAttemptAt"/>.</summary>
    public const string Pending = "pending";
    public const string Sent = "sent";
    /// <summary>Gave up after the maximum number of attempts; kept for staff to see, never retried.</summary>
    public const string Dead = "dead";
}

/// <summary>An outgoing message (SMS, mail), written in the same transaction as the change that causes it
/// and sent later by <see cref="NotificationDispatcher"/>. The recipient's address is encrypted at rest;
/// only its masked form is ever logged or shown. Operational rows: the action that caused them is
/// audited, their delivery attempts are not (they would flood the chain).</summary>
[NotAudited]
public sealed class OutboxMessage
{
    public const int MaxBody = 2000, MaxSubject = 200;

    public long Id { get; set; }
    public string Channel { get; set; } = "";
    [PersonalInfo] public string RecipientCipher { get; set; } = "";
    /// <summary>138****8000 or w***@example.cn: what logs, the file sender and staff may see.</summary>
    public string RecipientMasked { get; set; } = "";
    public string? Subject { get; set; }
    public string Body { get; set; } = "";
    /// <summary>What it is about, e.g. <c>opinion.replied</c>: for filtering and statistics.</summary>
    public string Kind { get; set; } = "";
    /// <summary>The row that caused it (e.g. <c>Opinion</c> 42), for tracing.</summary>
    public string? SourceType { get; set; }
    public long? SourceId { get; set; }
    public string State { get; set; } = OutboxStates.Pending;
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
}

public static class NoticeAudiences
{
    /// <summary>One account, by user name.</summary>
    public const string User = "user";
    /// <summary>A handling unit: every account of the unit (role handling_unit) sees it.</summary>
    public const string Unit = "unit";
    /// <summary>A role in a jurisdiction: every account holding the role whose scope covers the notice's jurisdiction.</summary>
    public const string Role = "role";
}

/// <summary>An in-app notice (站内通知) for staff, leaders and units, shown under /notices with an unread
/// count in the workbench layout. Addressed to a user, a unit, or a role within a jurisdiction; read once
/// for all its readers (a unit's or the staff's shared inbox, docs/adr/0024).</summary>
[NotAudited]
public sealed class Notice : IJurisdictionScoped
{
    public const int MaxTitle = 200, MaxBody = 2000;

    public long Id { get; set; }
    public string JurisdictionCode { get; set; } = "";
    public string Audience { get; set; } = NoticeAudiences.Role;
    /// <summary>The user name, the unit id or the role name, following <see cref="Audience"/>.</summary>
    public string Recipient { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Body { get; set; }
    /// <summary>A site-relative link to what it is about (e.g. /opinions/42).</summary>
    public string? Link { get; set; }
    public string Kind { get; set; } = "";
    public string? SourceType { get; set; }
    public long? SourceId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
    public string? ReadBy { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.ToTable("notification_outbox");
        e.Property(m => m.Channel).HasMaxLength(16);
        e.Property(m => m.RecipientCipher).HasMaxLength(600);
        e.Property(m => m.RecipientMasked).HasMaxLength(256);
        e.Property(m => m.Subject).HasMaxLength(OutboxMessage.MaxSubject);
        e.Property(m => m.Body).HasMaxLength(OutboxMessage.MaxBody);
        e.Property(m => m.Kind).HasMaxLength(64);
        e.Property(m => m.SourceType).HasMaxLength(64);
        e.Property(m => m.State).HasMaxLength(16);
        e.Property(m => m.LastError).HasMaxLength(1000);
        e.HasIndex(m => new { m.State, m.NextAttemptAt });
        e.HasIndex(m => new { m.SourceType, m.SourceId });
    }
}

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> e)
    {
        e.ToTable("notices");
        e.Property(n => n.JurisdictionCode).HasMaxLength(12);
        e.Property(n => n.Audience).HasMaxLength(16);
        e.Property(n => n.Recipient).HasMaxLength(256);
        e.Property(n => n.Title).HasMaxLength(Notice.MaxTitle);
        e.Property(n => n.Body).HasMaxLength(Notice.MaxBody);
        e.Property(n => n.Link).HasMaxLength(500);
        e.Property(n => n.Kind).HasMaxLength(64);
        e.Property(n => n.SourceType).HasMaxLength(64);
        e.Property(n => n.ReadBy).HasMaxLength(256);
        e.HasIndex(n => new { n.Audience, n.Recipient, n.ReadAt });
        e.HasIndex(n => new { n.JurisdictionCode, n.CreatedAt });
    }
}
