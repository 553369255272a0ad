using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Renda.IntegrationTests.Infrastructure;
using Renda.IntegrationTests.Opinions;
using Renda.Modules.Suggestions;
using Renda.Platform.Auth;
using Renda.Platform.Calendar;
using Renda.Platform.Data;
using Renda.Platform.Jobs;
using Renda.Platform.Notifications;

namespace Renda.IntegrationTests.Suggestions;

/// <summary>督办 of suggestions: notices on assign and reply, reminders and overdue notices from the job.
/// A county of its own (a class fixture, not the shared collection): these tests move its clock forward.</summary>
public sealed class SupervisionTests(SuggestionsApp app) : IClassFixture<SuggestionsApp>
{
    private WorkingDayCalendar Calendar => app.Services.GetRequiredService<WorkingDayCalendar>();
    private SuggestionSupervisionJob Job => app.Services.GetRequiredService<SuggestionSupervisionJob>();
    private long LeadUnit => app.Units["县住房和城乡建设局"];

    private async Task<List<Notice>> NoticesOfAsync(long id)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Notice>().IgnoreQueryFilters().AsNoTracking()
            .Where(n => n.SourceType == nameof(Suggestion) && n.SourceId == id).OrderBy(n => n.Id).ToListAsync();
    }

    private async Task<List<Notice>> VisibleToAsync(ICurrentUser user)
    {
        await using var scope = app.Scope();
        return await Renda.Platform.Notifications.Notifications.For(scope.ServiceProvider.GetRequiredService<AppDbContext>(), user).ToListAsync();
    }

    private async Task SetDeadlineAsync(long id, DateOnly deadline)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var s = await db.Set<Suggestion>().IgnoreQueryFilters().SingleAsync(x => x.Id == id);
        s.Deadline = deadline;
        await db.SaveChangesAsync();
    }

    private static int Count(IEnumerable<Notice> notices, string kind) => notices.Count(n => n.Kind == kind);

    [Fact]
    public async Task The_lead_unit_hears_of_the_assignment_and_the_filer_of_the_reply()
    {
        var id = await app.AssignedAsync("关于加快农村公路提档升级的建议");
        var assigned = Assert.Single(await NoticesOfAsync(id));
        Assert.Equal(("suggestion.assigned", NoticeAudiences.Unit, LeadUnit.ToString()), (assigned.Kind, assigned.Audience, assigned.Recipient));
        Assert.Equal($"/suggestions/{id}", assigned.Link);
        Assert.Contains(await VisibleToAsync(new TestActor("sg-lead", Roles.HandlingUnit, LeadUnit)), n => n.SourceId == id && n.Kind == "suggestion.assigned");
        Assert.DoesNotContain(await VisibleToAsync(new TestActor("sg-co", Roles.HandlingUnit, app.Units["县交通运输局"])), n => n.SourceId == id);

        await app.MustActAsync("sg-lead", id, "acknowledge");
        Assert.Single(await NoticesOfAsync(id));
        await app.MustActAsync("sg-lead", id, "reply", new { resultClass = "solved", content = "已列入今年农村公路提升计划。" });
        var replied = Assert.Single(await NoticesOfAsync(id), n => n.Kind == "suggestion.replied");
        Assert.Equal((NoticeAudiences.User, "sg-rep"), (replied.Audience, replied.Recipient));
        Assert.Contains(await VisibleToAsync(new TestActor("sg-rep", Roles.Representative)), n => n.SourceId == id && n.Kind == "suggestion.replied");
        Assert.DoesNotContain(await VisibleToAsync(new TestActor("sg-rep2", Roles.Representative)), n => n.SourceId == id);
    }

    [Fact]
    public async Task The_unit_is_reminded_once_and_overdue_goes_to_unit_staff_and_the_key_leader_once_a_day()
    {
        var start = ChinaTime.Today(app.Clock);
        var id = await app.AssignedAsync("关于改善城区学校周边交通秩序的建议", deadline: 13);
        await app.MustActAsync("sg-staff", id, "designate_key", new { leaderUserName = "sg-leader" });
        await app.MustActAsync("sg-lead", id, "acknowledge");
        var due = Calendar.AddWorkingDays(start, 13);

        await Job.RunOnceAsync();
        Assert.Equal(0, Count(await NoticesOfAsync(id), "suggestion.due_soon"));

        app.Clock.SetChinaDay(Calendar.AddWorkingDays(start, 3));          // 10 working days before the deadline
        await Job.RunOnceAsync();
        await Job.RunOnceAsync();
        app.Clock.SetChinaDay(Calendar.AddWorkingDays(start, 4));          // and the next day: still once
        await Job.RunOnceAsync();
        var remind = Assert.Single(await NoticesOfAsync(id), n => n.Kind == "suggestion.due_soon");
        Assert.Equal((NoticeAudiences.Unit, LeadUnit.ToString()), (remind.Audience, remind.Recipient));
        Assert.Equal(0, Count(await NoticesOfAsync(id), "suggestion.overdue"));

        app.Clock.SetChinaDay(due);                                         // the deadline itself is not late
        await Job.RunOnceAsync();
        Assert.Equal(0, Count(await NoticesOfAsync(id), "suggestion.overdue"));

        app.Clock.SetChinaDay(Calendar.AddWorkingDays(due, 1));
        await Job.RunOnceAsync();
        await Job.RunOnceAsync();
        var overdue = (await NoticesOfAsync(id)).Where(n => n.Kind == "suggestion.overdue").ToList();
        Assert.Contains(overdue, n => n.Audience == NoticeAudiences.Role && n.Recipient == Roles.CongressStaff);
        Assert.Contains(overdue, n => n.Audience == NoticeAudiences.User && n.Recipient == "sg-leader");
        Assert.Contains(overdue, n => n.Audience == NoticeAudiences.Unit && n.Recipient == LeadUnit.ToString());
        Assert.Equal(3, overdue.Count);
        Assert.Contains(await VisibleToAsync(new TestActor("sg-leader", Roles.Leader)), n => n.SourceId == id && n.Kind == "suggestion.overdue");

        app.Clock.Advance(TimeSpan.FromDays(1));                            // the next day: once more
        await Job.RunOnceAsync();
        await Job.RunOnceAsync();
        Assert.Equal(6, Count(await NoticesOfAsync(id), "suggestion.overdue"));
        Assert.Single(await NoticesOfAsync(id), n => n.Kind == "suggestion.due_soon");
    }

    [Fact]
    public async Task A_suggestion_that_is_not_key_has_no_leader_notice_and_a_replied_one_is_left_alone()
    {
        var today = ChinaTime.Today(app.Clock);
        var open = await app.InProgressAsync("关于增设城区公共厕所的建议");
        var replied = await app.RepliedAsync(title: "关于规范农贸市场管理的建议");
        await SetDeadlineAsync(open, today.AddDays(-5));
        await SetDeadlineAsync(replied, today.AddDays(-5));

        await Job.RunOnceAsync();

        var overdue = (await NoticesOfAsync(open)).Where(n => n.Kind == "suggestion.overdue").ToList();
        Assert.Equal(2, overdue.Count);
        Assert.DoesNotContain(overdue, n => n.Audience == NoticeAudiences.User);
        Assert.DoesNotContain(await NoticesOfAsync(replied), n => n.Kind == "suggestion.overdue");
    }

    [Fact]
    public async Task Two_instances_running_at_once_produce_each_notice_once()
    {
        var today = ChinaTime.Today(app.Clock);
        var soon = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var id = await app.InProgressAsync($"关于整治第{i + 1}处河道垃圾的建议");
            await SetDeadlineAsync(id, Calendar.AddWorkingDays(today, 2));
            soon.Add(id);
        }
        var late = await app.InProgressAsync("关于修复乡村道路破损路面的建议");
        await SetDeadlineAsync(late, today.AddDays(-3));

        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        var options = app.Services.GetRequiredService<JobOptions>();
        SuggestionSupervisionJob Instance(string owner) => new(new JobRunner(scopes, options, NullLogger<JobRunner>.Instance) { Owner = owner },
            app.Clock, NullLogger<SuggestionSupervisionJob>.Instance);
        var a = Instance("instance-a");
        var b = Instance("instance-b");

        // Under the lease, and (to test the idempotency keys alone) both bypassing it at the same time.
        await Task.WhenAll(a.RunOnceAsync(), b.RunOnceAsync());
        await Task.WhenAll(RunDirectAsync(a), RunDirectAsync(b), RunDirectAsync(a));

        foreach (var id in soon)
            Assert.Single(await NoticesOfAsync(id), n => n.Kind == "suggestion.due_soon");
        Assert.Equal(2, Count(await NoticesOfAsync(late), "suggestion.overdue"));
    }

    private async Task RunDirectAsync(SuggestionSupervisionJob job)
    {
        await using var scope = app.Scope();
        await job.RunAsync(scope.ServiceProvider, CancellationToken.None);
    }
}
