using System.Net.Http.Json;
using System.Net.Mail;
using System.Text;
using System.Text.Json;

namespace Renda.Platform.Notifications;

/// <summary>What a sender gets: the decrypted address (never log it), the masked one, and the text.</summary>
public sealed record Delivery(long Id, string Channel, string Recipient, string RecipientMasked, string? Subject, string Body, string Kind);

/// <summary>Sends one channel's messages. Throwing means "try again later" (the dispatcher backs off).</summary>
public interface INotificationSender
{
    string Channel { get; }
    Task SendAsync(Delivery delivery, CancellationToken ct);
}

public sealed class NotificationOptions
{
    /// <summary>How often the dispatcher looks for due messages.</summary>
    public int IntervalSeconds { get; set; } = 30;
    /// <summary>Attempts before a message is given up (state <c>dead</c>).</summary>
    public int MaxAttempts { get; set; } = 6;
    /// <summary>The wait after the first failure; doubled after each further one.</summary>
    public int RetryBaseSeconds { get; set; } = 60;
    /// <summary>The longest wait between two attempts.</summary>
    public int RetryMaxSeconds { get; set; } = 6 * 3600;
    /// <summary>Messages per run.</summary>
    public int BatchSize { get; set; } = 50;
    public SmsOptions Sms { get; set; } = new();
    public SmtpOptions Smtp { get; set; } = new();
    /// <summary>Folder of the development file sender (JSON lines); default data/notifications.</summary>
    public string? FileFolder { get; set; }
}

public sealed class SmsOptions
{
    /// <summary>The SMS gateway's endpoint: receives POST JSON <c>{"phone","message","id"}</c>.</summary>
    public string? Url { get; set; }
    public string? Token { get; set; }
    /// <summary>The header carrying <see cref="Token"/>.</summary>
    public string TokenHeader { get; set; } = "X-Api-Token";
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool EnableSsl { get; set; }
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "renda@localhost";
}

/// <summary>SMS through a configurable HTTP gateway (<c>Notifications:Sms:Url</c>, <c>:Token</c>); a non-2xx answer is a failure.</summary>
public sealed class HttpSmsSender(IHttpClientFactory http, NotificationOptions options) : INotificationSender
{
    public string Channel => NotificationChannels.Sms;

    public async Task SendAsync(Delivery d, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Sms.Url)
        {
            Content = JsonContent.Create(new { phone = d.Recipient, message = d.Body, id = d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
        };
        if (!string.IsNullOrEmpty(options.Sms.Token)) request.Headers.TryAddWithoutValidation(options.Sms.TokenHeader, options.Sms.Token);
        using var response = await http.CreateClient("renda-sms").SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"SMS gateway answered {(int)response.StatusCode}.");
    }
}

/// <summary>Mail through SMTP (<c>Notifications:Smtp:*</c>).</summary>
public sealed class SmtpMailSender(NotificationOptions options) : INotificationSender
{
    public string Channel => NotificationChannels.Mail;

    public async Task SendAsync(Delivery d, CancellationToken ct)
    {
        var o = options.Smtp;
        using var client = new SmtpClient(o.Host, o.Port) { EnableSsl = o.EnableSsl };
        if (!string.IsNullOrEmpty(o.User)) client.Credentials = new System.Net.NetworkCredential(o.User, o.Password);
        using var mail = new MailMessage(o.From, d.Recipient, d.Subject ?? "人大工作平台通知", d.Body)
        {
            SubjectEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
        };
        await client.SendMailAsync(mail, ct);
    }
}

/// <summary>For development (the default when no gateway is configured): appends one JSON line per
/// message to <c>{folder}/{channel}-yyyyMMdd.jsonl</c>, with the recipient masked.</summary>
public sealed class FileNotificationSender(string channel, NotificationOptions options, TimeProvider clock) : INotificationSender
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    public string Channel => channel;

    public string Folder => Path.GetFullPath(options.FileFolder is { Length: > 0 } f ? f : Path.Combine("data", "notifications"));

    public async Task SendAsync(Delivery d, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        var now = clock.GetUtcNow();
        var file = Path.Combine(Folder, $"{channel}-{now:yyyyMMdd}.jsonl");
        var line = JsonSerializer.Serialize(new { at = now, id = d.Id, channel, to = d.RecipientMasked, subject = d.Subject, body = d.Body, kind = d.Kind });
        await Gate.WaitAsync(ct);
        try { await File.AppendAllTextAsync(file, line + "\n", Encoding.UTF8, ct); }
        finally { Gate.Release(); }
    }
}
