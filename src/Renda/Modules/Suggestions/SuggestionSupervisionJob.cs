using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Renda.Platform.Auth;
using Renda.Platform.Calendar;
using Renda.Platform.Data;
using Renda.Platform.Jobs;
using Renda.Platform.Notifications;

namespace Renda.Modules.Suggestions;

/// <summary>Settings under <c>Suggestions:Supervision</c> (docs/adr/0030).</summary>
public sealed class SuggestionSupervisionOptions
{
    /// <summary>How many working days before the deadline the lead unit is reminded (临期提醒).</summary>
    public int RemindWorkingDaysBefore { get; set; } = 10;
    /// <summary>How often the job runs; it acts at most once per suggestion, kind, round (and day when overdue) whatever the interval.</summary>
    public int IntervalMinutes { get; set; } = 30;
}

/// <summary>What one pass produced (for tests and logs).</summary>
public sealed record SuggestionSupervisionReport(int Reminded, int OverdueNotified);

/// <summary>督办 of suggestions and motions, as a leased background job on the platform's <see cref="JobRunner"/>:
/// a reminder to the lead unit <see cref="SuggestionSupervisionOptions.RemindWorkingDaysBefore"/> working days
/// before the deadline (once per round and deadline), and, once the deadline has passed, a daily notice to the
/// lead unit, the congress staff and, for a key suggestion, its designated leader. Each production carries a
/// <see cref="JobMark"/> key saved with its notices, so two instances, or a pass repeated after a crash,
/// never produce it twice.</summary>
public sealed class SuggestionSupervisionJob(JobRunner runner, TimeProvider clock, ILogger<SuggestionSupervisionJob> log) : IRendaJob
{
    public const string JobName = "suggestion-supervision";

    public string Name => JobName;

    public SuggestionSupervisionReport? LastReport { get; private set; }

    /// <summary>One pass under the lease; false when another instance holds it.</summary>
    public Task<bool> RunOnceAsync(CancellationToken ct = default) => runner.RunOnceAsync(this, ct);

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var pass = new Pass(services.GetRequiredService<AppDbContext>(), services.GetRequiredService<Notifications>(),
            services.GetRequiredService<WorkingDayCalendar>(), services.GetRequiredService<IOptions<SuggestionSupervisionOptions>>().Value,
            clock, log);
        LastReport = await pass.RunAsync(ct);
    }

    private sealed class Pass(AppDbContext db, Notifications notifications, WorkingDayCalendar calendar,
        SuggestionSupervisionOptions options, TimeProvider clock, ILogger log)
    {
        private readonly DateOnly _today = ChinaTime.Today(clock);
        private readonly DateTime _now = clock.GetUtcNow().UtcDateTime;
        private int _reminded, _overdue;

        public async Task<SuggestionSupervisionReport> RunAsync(CancellationToken ct)
        {
            var open = await db.Set<Suggestion>().IgnoreQueryFilters().AsNoTracking()
                .Where(s => (s.State == "assigned" || s.State == "in_progress") && s.Deadline != null && s.LeadUnitId != null)
                .Select(s => new Item(s.Id, s.Deadline!.Value, s.Round))
                .ToListAsync(ct);
            foreach (var item in open)
            {
                if (item.Due < _today) await OverdueAsync(item, ct);
                else if (calendar.WorkingDaysBetween(_today, item.Due) <= options.RemindWorkingDaysBefore) await RemindAsync(item, ct);
            }
            return new SuggestionSupervisionReport(_reminded, _overdue);
        }

        private sealed record Item(long Id, DateOnly Due, int Round);

        private static string Key(Item i, string kind, DateOnly day) =>
            $"suggestion:{i.Id}:{kind}:{i.Round}:{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

        /// <summary>临期提醒: once per round and deadline.</summary>
        private Task RemindAsync(Item i, CancellationToken ct) => ProduceAsync(i, Key(i, "remind", i.Due), async s =>
        {
            await SuggestionNoticesObserver.UnitNoticeAsync(db, notifications, s, "suggestion.due_soon",
                $"即将到期：{SuggestionNoticesObserver.Label(s)}", $"答复期限为{i.Due:yyyy年M月d日}，请按期答复。", ct);
            _reminded++;
        }, ct);

        /// <summary>逾期: the lead unit, the staff and the key suggestion's leader, at most once a day.</summary>
        private Task OverdueAsync(Item i, CancellationToken ct) => ProduceAsync(i, Key(i, "overdue", _today), async s =>
        {
            var late = calendar.WorkingDaysBetween(i.Due, _today);
            var title = $"逾期未答复：{SuggestionNoticesObserver.Label(s)}";
            var body = $"答复期限{i.Due:yyyy年M月d日}，已逾期{late}个工作日。";
            var link = SuggestionNoticesObserver.Link(s.Id);
            notifications.Notify(db, new NewNotice(s.JurisdictionCode, NoticeAudiences.Role, Roles.CongressStaff, title,
                "suggestion.overdue", body, link, nameof(Suggestion), s.Id));
            if (s.IsKey && s.KeyLeaderUserName is { Length: > 0 } leader)
                notifications.Notify(db, new NewNotice(s.JurisdictionCode, NoticeAudiences.User, leader, title,
                    "suggestion.overdue", body, link, nameof(Suggestion), s.Id));
            await SuggestionNoticesObserver.UnitNoticeAsync(db, notifications, s, "suggestion.overdue", title, body, ct);
            _overdue++;
        }, ct);

        /// <summary>Produces what <paramref name="produce"/> adds, with its key, in one save; skips a key already
        /// produced; a concurrent instance that saved the same key first makes this save fail, and it is dropped.</summary>
        private async Task ProduceAsync(Item i, string key, Func<Suggestion, Task> produce, CancellationToken ct)
        {
            db.ChangeTracker.Clear();
            if (await JobMarks.ExistsAsync(db, key, ct)) return;
            var s = await db.Set<Suggestion>().IgnoreQueryFilters().AsNoTracking().SingleAsync(x => x.Id == i.Id, ct);
            var counts = (_reminded, _overdue);
            await produce(s);
            JobMarks.Add(db, JobName, key, _now);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e)
            {
                (_reminded, _overdue) = counts;
                db.ChangeTracker.Clear();
                log.LogInformation("Supervision {Key} was produced elsewhere ({Error})", key, e.GetType().Name);
            }
        }
    }
}
