using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Opinions;
using Renda.Platform.Auth;
using Renda.Platform.Calendar;
using Renda.Platform.Jobs;
using Renda.Platform.Notifications;

namespace Renda.IntegrationTests.Opinions;

/// <summary>督办 on a demo county of its own (the tests move its clock).</summary>
public sealed class SupervisionJobTests(DemoApp app) : IClassFixture<DemoApp>
{
    private WorkingDayCalendar Calendar => app.Services.GetRequiredService<WorkingDayCalendar>();
    private OpinionSupervisionJob Job => app.Services.GetRequiredService<OpinionSupervisionJob>();

    /// <summary>An opinion in <paramref name="state"/> with the demo unit, due on <paramref name="due"/>.</summary>
    private async Task<long> OpinionAsync(string content, string state, DateOnly? due, Action<Modules.Opinions.Opinion>? more = null)
    {
        var code = await app.SubmitOpinionAsCitizenAsync(content);
        var unit = await app.DemoUnitIdAsync();
        return await app.ForceStateAsync(code, state, o =>
        {
            o.UnitId = unit;
            o.AssignedAt = app.Clock.GetUtcNow().UtcDateTime;
            o.AcknowledgedAt = state == "assigned" ? null : app.Clock.GetUtcNow().UtcDateTime;
            o.DueDate = due;
            more?.Invoke(o);
        });
    }

    private static int Count(IEnumerable<Notice> notices, string kind) => notices.Count(n => n.Kind == kind);

    [Fact]
    public async Task The_unit_is_reminded_once_before_the_deadline_and_overdue_goes_to_staff_and_leader_once_a_day()
    {
        var start = new DateOnly(2026, 6, 1);
        app.Clock.SetChinaDay(start);
        var due = Calendar.AddWorkingDays(start, 6);
        var id = await OpinionAsync("路灯不亮，夜里行走不安全", "in_progress", due);

        await Job.RunOnceAsync();
        Assert.Equal(0, Count(await app.NoticesOfAsync(id), "opinion.due_soon"));

        app.Clock.SetChinaDay(Calendar.AddWorkingDays(start, 3));          // 3 working days before the deadline
        await Job.RunOnceAsync();
        await Job.RunOnceAsync();
        var remind = Assert.Single(await app.NoticesOfAsync(id), n => n.Kind == "opinion.due_soon");
        Assert.Equal((NoticeAudiences.Unit, (await app.DemoUnitIdAsync()).ToString()), (remind.Audience, remind.Recipient));
        Assert.False((await app.OpinionAsync(id)).Overdue);

        app.Clock.SetChinaDay(Calendar.AddWorkingDays(due, 1));
        await Job.RunOnceAsync();
        await Job.RunOnceAsync();
        Assert.True((await app.OpinionAsync(id)).Overdue);
        var overdue = (await app.NoticesOfAsync(id)).Where(n => n.Kind == "opinion.overdue").ToList();
        Assert.Contains(overdue, n => n.Audience == NoticeAudiences.Role && n.Recipient == Roles.CongressStaff);
        Assert.Contains(overdue, n => n.Audience == NoticeAudiences.Role && n.Recipient == Roles.Leader);
        Assert.Contains(overdue, n => n.Audience == NoticeAudiences.Unit);
        Assert.Equal(3, overdue.Count);

        app.Clock.Advance(TimeSpan.FromDays(1));                            // the next day: once more
        await Job.RunOnceAsync();
        Assert.Equal(6, Count(await app.NoticesOfAsync(id), "opinion.overdue"));
        Assert.Single(await app.NoticesOfAsync(id), n => n.Kind == "opinion.due_soon");

        // The demo leader sees it among their notices (queried as the leader: signing in would meet the
        // password-age policy after the months this class moves its clock).
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Renda.Platform.Data.AppDbContext>();
            var mine = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                Renda.Platform.Notifications.Notifications.For(db, new TestActor("demo-leader", Roles.Leader)));
            Assert.Contains(mine, n => n.Link == $"/opinions/{id}" && n.Kind == "opinion.overdue");
        }
    }

    [Fact]
    public async Task Two_instances_running_at_once_never_send_double_reminders()
    {
        var start = new DateOnly(2026, 9, 1);
        app.Clock.SetChinaDay(start);
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
            ids.Add(await OpinionAsync($"排水沟堵塞第{i}处", "in_progress", Calendar.AddWorkingDays(start, 2)));
        var late = await OpinionAsync("校门口缺少红绿灯", "in_progress", start.AddDays(-3));

        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        var options = app.Services.GetRequiredService<JobOptions>();
        OpinionSupervisionJob Instance(string owner) => new(new JobRunner(scopes, options, NullLogger<JobRunner>.Instance) { Owner = owner },
            app.Clock, NullLogger<OpinionSupervisionJob>.Instance);
        var a = Instance("instance-a");
        var b = Instance("instance-b");

        // Under the lease, and (to test the idempotency keys alone) both bypassing it at the same time.
        await Task.WhenAll(a.RunOnceAsync(), b.RunOnceAsync());
        await Task.WhenAll(RunDirectAsync(a), RunDirectAsync(b), RunDirectAsync(a));

        foreach (var id in ids)
            Assert.Single(await app.NoticesOfAsync(id), n => n.Kind == "opinion.due_soon");
        Assert.Equal(3, Count(await app.NoticesOfAsync(late), "opinion.overdue"));
    }

    private async Task RunDirectAsync(OpinionSupervisionJob job)
    {
        await using var scope = app.Scope();
        await job.RunAsync(scope.ServiceProvider, CancellationToken.None);
    }

    [Fact]
    public async Task Staff_hear_of_an_assignment_not_acknowledged_in_time()
    {
        var start = new DateOnly(2026, 7, 1);
        app.Clock.SetChinaDay(start);
        var id = await OpinionAsync("小区电梯经常故障", "assigned", Calendar.AddWorkingDays(start, 15));
        app.Clock.SetChinaDay(Calendar.AddWorkingDays(start, 2));
        await Job.RunOnceAsync();
        Assert.DoesNotContain(await app.NoticesOfAsync(id), n => n.Kind == "opinion.not_acknowledged");

        app.Clock.SetChinaDay(Calendar.AddWorkingDays(start, 3));
        await Job.RunOnceAsync();
        app.Clock.Advance(TimeSpan.FromDays(1));
        await Job.RunOnceAsync();
        var n = Assert.Single(await app.NoticesOfAsync(id), x => x.Kind == "opinion.not_acknowledged");
        Assert.Equal(Roles.CongressStaff, n.Recipient);
    }

    [Fact]
    public async Task A_reply_not_rated_within_the_window_is_closed_by_the_system()
    {
        var start = new DateOnly(2026, 10, 12);
        app.Clock.SetChinaDay(start);
        var id = await OpinionAsync("健身器材损坏", "replied", null, o => { o.RepliedAt = app.Clock.GetUtcNow().UtcDateTime; o.ReplyContent = "已更换"; });

        app.Clock.SetChinaDay(Calendar.AddWorkingDays(start, 7));          // the last day of the window
        await Job.RunOnceAsync();
        Assert.Equal("replied", (await app.OpinionAsync(id)).State);

        app.Clock.SetChinaDay(Calendar.AddWorkingDays(start, 8));
        await Job.RunOnceAsync();
        var o = await app.OpinionAsync(id);
        Assert.Equal(("closed", "not_rated"), (o.State, o.ClosedReason));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, o.ClosedAt);
        var history = (await app.TrackAsync(await TrackingCodeAsync(id))).GetProperty("history").EnumerateArray().Last();
        Assert.Equal("close", history.GetProperty("action").GetString());
        Assert.Contains(await app.OutboxOfAsync(id), m => m.Kind == "opinion.closed");
    }

    private async Task<string> TrackingCodeAsync(long id) => (await app.OpinionAsync(id)).TrackingCode;
}
