using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Platform.Data;
using Renda.Platform.Notifications;

namespace Renda.IntegrationTests.Notifications;

/// <summary>A sender that fails its first <see cref="FailFirst"/> calls, then records what it sends.</summary>
public sealed class FlakySender(string channel, int failFirst) : INotificationSender
{
    private int _calls;
    public int FailFirst { get; } = failFirst;
    public ConcurrentQueue<Delivery> Sent { get; } = new();
    public int Calls => _calls;
    public string Channel => channel;

    public Task SendAsync(Delivery delivery, CancellationToken ct)
    {
        if (Interlocked.Increment(ref _calls) <= FailFirst) throw new HttpRequestException("gateway down");
        Sent.Enqueue(delivery);
        return Task.CompletedTask;
    }
}

public sealed class NotificationOutboxTests(RendaApp app) : IClassFixture<RendaApp>
{
    private const string Phone = "13912345678";

    private WebApplicationFactory<Program> With(INotificationSender sender, int maxAttempts = 6, string? folder = null) =>
        app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Notifications:MaxAttempts", maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("Notifications:RetryBaseSeconds", "60");
            if (folder is not null) b.UseSetting("Notifications:FileFolder", folder);
            b.ConfigureServices(s => s.AddSingleton(sender));
        });

    private static async Task<long> EnqueueAsync(IServiceProvider services, string kind)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = scope.ServiceProvider.GetRequiredService<Renda.Platform.Notifications.Notifications>()
            .Enqueue(db, new OutgoingMessage(NotificationChannels.Sms, Phone, "您反映的问题已有答复", kind));
        await db.SaveChangesAsync();
        return row.Id;
    }

    private static async Task<OutboxMessage> RowAsync(IServiceProvider services, long id)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == id);
    }

    [Fact]
    public async Task A_failing_sender_is_retried_with_exponential_backoff_until_it_succeeds()
    {
        var sender = new FlakySender(NotificationChannels.Sms, failFirst: 2);
        using var factory = With(sender);
        var dispatcher = factory.Services.GetRequiredService<NotificationDispatcher>();
        var id = await EnqueueAsync(factory.Services, "test.retry");

        Assert.True(await dispatcher.RunOnceAsync());
        var row = await RowAsync(factory.Services, id);
        Assert.Equal((OutboxStates.Pending, 1), (row.State, row.Attempts));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddSeconds(60), row.NextAttemptAt);
        Assert.Contains("gateway down", row.LastError);

        await dispatcher.RunOnceAsync();                       // not due yet: no attempt
        Assert.Equal(1, (await RowAsync(factory.Services, id)).Attempts);

        app.Clock.Advance(TimeSpan.FromSeconds(60));
        await dispatcher.RunOnceAsync();
        row = await RowAsync(factory.Services, id);
        Assert.Equal((OutboxStates.Pending, 2), (row.State, row.Attempts));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddSeconds(120), row.NextAttemptAt);   // doubled

        app.Clock.Advance(TimeSpan.FromSeconds(120));
        await dispatcher.RunOnceAsync();
        row = await RowAsync(factory.Services, id);
        Assert.Equal((OutboxStates.Sent, 3), (row.State, row.Attempts));
        Assert.NotNull(row.SentAt);
        var sent = Assert.Single(sender.Sent, d => d.Id == id);
        Assert.Equal(Phone, sent.Recipient);                   // decrypted for the gateway only

        await dispatcher.RunOnceAsync();                       // sent once, never again
        Assert.Single(sender.Sent, d => d.Id == id);
    }

    [Fact]
    public async Task A_message_is_dead_after_the_maximum_attempts_and_never_tried_again()
    {
        var sender = new FlakySender(NotificationChannels.Sms, failFirst: int.MaxValue);
        using var factory = With(sender, maxAttempts: 3);
        var dispatcher = factory.Services.GetRequiredService<NotificationDispatcher>();
        var id = await EnqueueAsync(factory.Services, "test.dead");

        for (var i = 0; i < 5; i++)
        {
            await dispatcher.RunOnceAsync();
            app.Clock.Advance(TimeSpan.FromHours(7));
        }
        var row = await RowAsync(factory.Services, id);
        Assert.Equal(OutboxStates.Dead, row.State);
        Assert.Equal(3, row.Attempts);
        Assert.Empty(sender.Sent);
    }

    [Fact]
    public async Task Nothing_is_queued_or_sent_when_the_causing_transaction_rolls_back()
    {
        var sender = new FlakySender(NotificationChannels.Sms, failFirst: 0);
        using var factory = With(sender);
        long id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            var row = scope.ServiceProvider.GetRequiredService<Renda.Platform.Notifications.Notifications>()
                .Enqueue(db, new OutgoingMessage(NotificationChannels.Sms, Phone, "不应发出", "test.rollback"));
            await db.SaveChangesAsync();
            id = row.Id;
            Assert.True(id > 0);
            await tx.RollbackAsync();
        }
        await factory.Services.GetRequiredService<NotificationDispatcher>().RunOnceAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
            Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<OutboxMessage>().AnyAsync(m => m.Kind == "test.rollback"));
        Assert.DoesNotContain(sender.Sent, d => d.Kind == "test.rollback");
    }

    [Fact]
    public async Task The_phone_is_encrypted_at_rest_and_the_file_sender_writes_it_masked()
    {
        var folder = Path.Combine(Path.GetTempPath(), "renda-tests", "notify-" + Guid.NewGuid().ToString("N"));
        using var factory = app.WithWebHostBuilder(b => b.UseSetting("Notifications:FileFolder", folder));
        var id = await EnqueueAsync(factory.Services, "test.file");
        var row = await RowAsync(factory.Services, id);
        Assert.DoesNotContain(Phone, row.RecipientCipher);
        Assert.Equal("139****5678", row.RecipientMasked);

        await factory.Services.GetRequiredService<NotificationDispatcher>().RunOnceAsync();
        Assert.Equal(OutboxStates.Sent, (await RowAsync(factory.Services, id)).State);
        var text = string.Concat(Directory.GetFiles(folder, "sms-*.jsonl").Select(File.ReadAllText));
        Assert.Contains("139****5678", text);
        Assert.Contains("test.file", text);
        Assert.DoesNotContain(Phone, text);
        Directory.Delete(folder, recursive: true);
    }
}
