using Microsoft.EntityFrameworkCore;
using Renda.Platform.Auth;
using Renda.Platform.Data;

namespace Renda.Platform.Notifications;

/// <summary>A message to send: channel, the recipient's address in clear (a mobile phone or a mail
/// address; encrypted before it is stored), text, and what caused it.</summary>
public sealed record OutgoingMessage(string Channel, string Recipient, string Body, string Kind,
    string? Subject = null, string? SourceType = null, long? SourceId = null);

/// <summary>An in-app notice to add.</summary>
public sealed record NewNotice(string JurisdictionCode, string Audience, string Recipient, string Title, string Kind,
    string? Body = null, string? Link = null, string? SourceType = null, long? SourceId = null);

/// <summary>The one way to notify: adds outbox rows and notices to the caller's <see cref="AppDbContext"/>
/// WITHOUT saving, so they are committed with the change that causes them or not at all (docs/adr/0024).</summary>
public sealed class Notifications(PersonalData personal, TimeProvider clock)
{
    /// <summary>Queues a message for the dispatcher; returns the (unsaved) row.</summary>
    public OutboxMessage Enqueue(AppDbContext db, OutgoingMessage message)
    {
        if (!NotificationChannels.IsKnown(message.Channel))
            throw new ArgumentException($"Unknown notification channel '{message.Channel}'.", nameof(message));
        ArgumentException.ThrowIfNullOrWhiteSpace(message.Recipient);
        var now = clock.GetUtcNow().UtcDateTime;
        var row = new OutboxMessage
        {
            Channel = message.Channel,
            RecipientCipher = personal.Protect(message.Recipient.Trim())!,
            RecipientMasked = MaskRecipient(message.Channel, message.Recipient.Trim()),
            Subject = Cut(message.Subject, OutboxMessage.MaxSubject),
            Body = Cut(message.Body, OutboxMessage.MaxBody)!,
            Kind = message.Kind,
            SourceType = message.SourceType,
            SourceId = message.SourceId,
            State = OutboxStates.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.Add(row);
        return row;
    }

    /// <summary>Adds an in-app notice; returns the (unsaved) row.</summary>
    public Notice Notify(AppDbContext db, NewNotice notice)
    {
        var row = new Notice
        {
            JurisdictionCode = notice.JurisdictionCode,
            Audience = notice.Audience,
            Recipient = notice.Recipient,
            Title = Cut(notice.Title, Notice.MaxTitle)!,
            Body = Cut(notice.Body, Notice.MaxBody),
            Link = notice.Link,
            Kind = notice.Kind,
            SourceType = notice.SourceType,
            SourceId = notice.SourceId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(row);
        return row;
    }

    /// <summary>The notices <paramref name="user"/> may read: addressed to them, to their unit, or to a role
    /// they hold (the jurisdiction filter of the context limits all of them to the user's scope).</summary>
    public static IQueryable<Notice> For(AppDbContext db, ICurrentUser user)
    {
        // No sentinel values for "none" (PostgreSQL refuses NUL characters in text): absent parts are false.
        var name = user.UserName;
        var unit = user.UnitId is { } u && user.IsInRole(Roles.HandlingUnit) ? u.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        var roles = user.Roles.ToList();
        var hasName = name is not null;
        var hasUnit = unit is not null;
        return db.Set<Notice>().Where(n =>
            (hasName && n.Audience == NoticeAudiences.User && n.Recipient == name)
            || (hasUnit && n.Audience == NoticeAudiences.Unit && n.Recipient == unit)
            || (n.Audience == NoticeAudiences.Role && roles.Contains(n.Recipient)));
    }

    public static Task<int> UnreadCountAsync(AppDbContext db, ICurrentUser user, CancellationToken ct = default) =>
        For(db, user).CountAsync(n => n.ReadAt == null, ct);

    public static string MaskRecipient(string channel, string recipient)
    {
        if (channel == NotificationChannels.Sms) return Masking.Phone(recipient);
        var at = recipient.IndexOf('@');
        return at <= 0 ? "***" : recipient[..1] + "***" + recipient[at..];
    }

    private static string? Cut(string? s, int max) => s is null ? null : s.Length <= max ? s : s[..max];
}
