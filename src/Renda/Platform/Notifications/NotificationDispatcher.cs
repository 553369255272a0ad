using Microsoft.EntityFrameworkCore;
using Renda.Platform.Data;
using Renda.Platform.Jobs;

namespace Renda.Platform.Notifications;

/// <summary>Sends what the outbox holds: due messages oldest first, each by its channel's sender. A failure
/// counts an attempt and waits RetryBase × 2^(attempts−1) (capped) before the next; after MaxAttempts the
/// message is dead. Runs as a leased job (one instance at a time); tests call <see cref="RunOnceAsync"/>.</summary>
public sealed class NotificationDispatcher(JobRunner runner, NotificationOptions options, TimeProvider clock,
    ILogger<NotificationDispatcher> log) : IRendaJob
{
    public string Name => "notifications";

    /// <summary>One pass under the lease; false when another instance holds it.</summary>
    public Task<bool> RunOnceAsync(CancellationToken ct = default) => runner.RunOnceAsync(this, ct);

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var personal = services.GetRequiredService<PersonalData>();
        // The last registration of a channel wins, so a deployment (or a test) can replace a sender.
        var senders = services.GetServices<INotificationSender>().GroupBy(s => s.Channel).ToDictionary(g => g.Key, g => g.Last());
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<OutboxMessage>()
            .Where(m => m.State == OutboxStates.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Take(Math.Max(1, options.BatchSize))
            .ToListAsync(ct);
        foreach (var m in due)
        {
            m.Attempts++;
            try
            {
                if (!senders.TryGetValue(m.Channel, out var sender))
                    throw new InvalidOperationException($"No sender for channel '{m.Channel}'.");
                var recipient = personal.Unprotect(m.RecipientCipher)
                    ?? throw new InvalidOperationException("The recipient cannot be decrypted.");
                await sender.SendAsync(new Delivery(m.Id, m.Channel, recipient, m.RecipientMasked, m.Subject, m.Body, m.Kind), ct);
                m.State = OutboxStates.Sent;
                m.SentAt = clock.GetUtcNow().UtcDateTime;
                m.LastError = null;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The error text is the exception's type and message: senders never put the address in it.
                m.LastError = Truncate($"{e.GetType().Name}: {e.Message}", 1000);
                if (m.Attempts >= Math.Max(1, options.MaxAttempts))
                {
                    m.State = OutboxStates.Dead;
                    log.LogWarning("Notification {Id} ({Channel}, {Kind}) is dead after {Attempts} attempts: {Error}",
                        m.Id, m.Channel, m.Kind, m.Attempts, m.LastError);
                }
                else
                {
                    m.NextAttemptAt = clock.GetUtcNow().UtcDateTime + Backoff(m.Attempts);
                    log.LogInformation("Notification {Id} ({Channel}) failed attempt {Attempts}; next at {Next:o}",
                        m.Id, m.Channel, m.Attempts, m.NextAttemptAt);
                }
            }
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Max(1, options.RetryBaseSeconds) * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, Math.Max(1, options.RetryMaxSeconds)));
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}

public static class NotificationsSetup
{
    /// <summary>The outbox, the dispatcher (every <c>Notifications:IntervalSeconds</c>) and a sender per
    /// channel: the HTTP SMS gateway when <c>Notifications:Sms:Url</c> is set, SMTP when
    /// <c>Notifications:Smtp:Host</c> is set, else the file sender.</summary>
    public static IServiceCollection AddRendaNotifications(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection("Notifications").Get<NotificationOptions>() ?? new NotificationOptions();
        services.AddSingleton(options);
        services.AddSingleton<Notifications>();
        services.AddScoped<NoticeInbox>();
        services.AddHttpClient("renda-sms", c => c.Timeout = TimeSpan.FromSeconds(20));
        if (!string.IsNullOrWhiteSpace(options.Sms.Url)) services.AddSingleton<INotificationSender, HttpSmsSender>();
        else services.AddSingleton<INotificationSender>(sp => new FileNotificationSender(NotificationChannels.Sms, options, sp.GetRequiredService<TimeProvider>()));
        if (!string.IsNullOrWhiteSpace(options.Smtp.Host)) services.AddSingleton<INotificationSender, SmtpMailSender>();
        else services.AddSingleton<INotificationSender>(sp => new FileNotificationSender(NotificationChannels.Mail, options, sp.GetRequiredService<TimeProvider>()));
        services.AddRendaJob<NotificationDispatcher>(_ => TimeSpan.FromSeconds(Math.Max(1, options.IntervalSeconds)));
        return services;
    }
}
