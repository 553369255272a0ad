using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Renda.Modules.HandlingUnits;
using Renda.Platform.Auth;
using Renda.Platform.Calendar;
using Renda.Platform.Data;
using Renda.Platform.Jobs;
using Renda.Platform.Notifications;
using Renda.Platform.Workflow;

namespace Renda.Modules.Opinions;

/// <summary>Who hears of an overdue opinion besides the staff (docs/adr/0025): the accounts holding the
/// <c>leader</c> role in the unit's jurisdiction, and, when configured, one named account
/// (<c>Opinions:Supervision:LeaderUserName</c>).</summary>
public sealed class OpinionSupervisionOptions
{
    public string? LeaderUserName { get; set; }
    /// <summary>How often the job runs; it acts at most once per opinion, kind, round and day whatever the interval.</summary>
    public int IntervalMinutes { get; set; } = 30;
}

/// <summary>What one pass did (for tests and logs).</summary>
public sealed record SupervisionReport(int Reminded, int MarkedOverdue, int OverdueNotified, int AcknowledgeReminded, int ClosedUnrated);

/// <summary>督办, as a leased background job: reminders to the unit before the deadline, the overdue flag
/// and a daily notice to staff and the unit's leader, a reminder to staff when an assignment is not
/// acknowledged in time, and the <c>close</c> action (as the system) when the rating window passes.
/// Each thing it produces carries a key (opinion, kind, round, day) in <see cref="JobMark"/>, so two
/// instances, or a pass repeated after a crash, never produce it twice.</summary>
public sealed class OpinionSupervisionJob(JobRunner runner, TimeProvider clock, ILogger<OpinionSupervisionJob> log) : IRendaJob
{
    public const string JobName = "opinion-supervision";
    public static readonly SystemUser Actor = new("supervision");

    public string Name => JobName;

    public SupervisionReport? LastReport { get; private set; }

    /// <summary>One pass under the lease; false when another instance holds it.</summary>
    public Task<bool> RunOnceAsync(CancellationToken ct = default) => runner.RunOnceAsync(this, ct);

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var pass = new Pass(db, services.GetRequiredService<Notifications>(), services.GetRequiredService<WorkingDayCalendar>(),
            services.GetRequiredService<IOptions<OpinionOptions>>().Value, services.GetRequiredService<IOptions<OpinionSupervisionOptions>>().Value,
            services.GetRequiredService<WorkflowEngine>(), services.GetRequiredService<OpinionRules>(), clock, log);
        LastReport = await pass.RunAsync(ct);
    }

    private sealed class Pass(AppDbContext db, Notifications notifications, WorkingDayCalendar calendar, OpinionOptions options,
        OpinionSupervisionOptions supervision, WorkflowEngine engine, OpinionRules rules, TimeProvider clock, ILogger log)
    {
        private readonly DateOnly _today = ChinaTime.Today(clock);
        private readonly DateTime _now = clock.GetUtcNow().UtcDateTime;
        private int _reminded, _overdue, _overdueNotified, _ack, _closed;

        public async Task<SupervisionReport> RunAsync(CancellationToken ct)
        {
            var open = await db.Set<Opinion>().IgnoreQueryFilters().AsNoTracking()
                .Where(o => (o.State == "assigned" || o.State == "in_progress") && o.DueDate != null)
                .Select(o => new Item(o.Id, o.State, o.DueDate!.Value, o.Round, o.Overdue, o.AssignedAt, o.AcknowledgedAt))
                .ToListAsync(ct);
            foreach (var item in open)
            {
                if (item.Due < _today) await OverdueAsync(item, ct);
                else if (calendar.WorkingDaysBetween(_today, item.Due) <= options.RemindWorkingDaysBefore) await RemindAsync(item, ct);
                if (item.State == "assigned" && item.AssignedAt is { } at
                    && calendar.Deadline(DateOnly.FromDateTime(at + ChinaTime.Offset), options.AcknowledgeWorkingDays).Date < _today)
                    await AcknowledgeReminderAsync(item, ct);
            }

            var replied = await db.Set<Opinion>().IgnoreQueryFilters().AsNoTracking()
                .Where(o => o.State == "replied" && o.RepliedAt != null)
                .Select(o => new { o.Id, RepliedAt = o.RepliedAt!.Value }).ToListAsync(ct);
            foreach (var r in replied.Where(r => rules.RatingDeadline(r.RepliedAt) < _today))
                await CloseUnratedAsync(r.Id, ct);
            return new SupervisionReport(_reminded, _overdue, _overdueNotified, _ack, _closed);
        }

        private sealed record Item(long Id, string State, DateOnly Due, int Round, bool Overdue, DateTime? AssignedAt, DateTime? AcknowledgedAt);

        private string Key(Item i, string kind, DateOnly day) =>
            $"opinion:{i.Id}:{kind}:{i.Round}:{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

        /// <summary>临期提醒: once per round and deadline.</summary>
        private Task RemindAsync(Item i, CancellationToken ct) => ProduceAsync(Key(i, "remind", i.Due), async o =>
        {
            await UnitNoticeAsync(o, "opinion.due_soon", $"即将到期：{OpinionNoticesObserver.Excerpt(o.Content)}",
                $"答复期限为{i.Due:yyyy年M月d日}，请按期答复。", ct);
            _reminded++;
        }, ct);

        /// <summary>逾期: the flag (once), and a notice to staff and the unit's leader at most once a day.</summary>
        private Task OverdueAsync(Item i, CancellationToken ct) => ProduceAsync(Key(i, "overdue", _today), async o =>
        {
            if (!o.Overdue) { o.Overdue = true; _overdue++; }
            var late = calendar.WorkingDaysBetween(i.Due, _today);
            var title = $"逾期未答复：{OpinionNoticesObserver.Excerpt(o.Content)}";
            var body = $"答复期限{i.Due:yyyy年M月d日}，已逾期{late}个工作日。";
            notifications.Notify(db, new NewNotice(o.JurisdictionCode, NoticeAudiences.Role, Roles.CongressStaff, title,
                "opinion.overdue", body, OpinionLinks.Staff(o.Id), nameof(Opinion), o.Id));
            var unitJurisdiction = o.UnitId is { } uid
                ? await db.Set<HandlingUnit>().IgnoreQueryFilters().Where(u => u.Id == uid).Select(u => u.JurisdictionCode).SingleOrDefaultAsync(ct)
                : null;
            notifications.Notify(db, new NewNotice(unitJurisdiction ?? o.JurisdictionCode, NoticeAudiences.Role, Roles.Leader, title,
                "opinion.overdue", body, OpinionLinks.Staff(o.Id), nameof(Opinion), o.Id));
            if (supervision.LeaderUserName is { Length: > 0 } leader)
                notifications.Notify(db, new NewNotice(o.JurisdictionCode, NoticeAudiences.User, leader, title,
                    "opinion.overdue", body, OpinionLinks.Staff(o.Id), nameof(Opinion), o.Id));
            await UnitNoticeAsync(o, "opinion.overdue", title, body, ct);
            _overdueNotified++;
        }, ct);

        /// <summary>签收超期: staff hear of an assignment not acknowledged in time, once per round.</summary>
        private Task AcknowledgeReminderAsync(Item i, CancellationToken ct) =>
            ProduceAsync(Key(i, "acknowledge", DateOnly.FromDateTime(i.AssignedAt!.Value + ChinaTime.Offset)), o =>
            {
                notifications.Notify(db, new NewNotice(o.JurisdictionCode, NoticeAudiences.Role, Roles.CongressStaff,
                    $"承办单位未按时签收：{OpinionNoticesObserver.Excerpt(o.Content)}", "opinion.not_acknowledged",
                    $"交办后{options.AcknowledgeWorkingDays}个工作日内未签收。", OpinionLinks.Staff(o.Id), nameof(Opinion), o.Id));
                _ack++;
                return Task.CompletedTask;
            }, ct);

        /// <summary>逾期未评价办结: the system's <c>close</c> action, through the engine (history, audit, the citizen's SMS).</summary>
        private async Task CloseUnratedAsync(long id, CancellationToken ct)
        {
            db.ChangeTracker.Clear();
            var o = await db.Set<Opinion>().IgnoreQueryFilters().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (o is not { State: "replied" }) return;
            var result = await engine.ApplyAsync(OpinionWorkflow.Definition, o, "close", Actor, step =>
            {
                step.Entity.ClosedAt = step.Now;
                step.Entity.ClosedReason = "not_rated";
            }, ct);
            if (result.Succeeded) _closed++;
            else log.LogInformation("Opinion {Id}: close refused ({Code})", id, result.Refusal?.Code);
        }

        private async Task UnitNoticeAsync(Opinion o, string kind, string title, string? body, CancellationToken ct)
        {
            if (o.UnitId is not { } unitId) return;
            var jurisdiction = await db.Set<HandlingUnit>().IgnoreQueryFilters().Where(u => u.Id == unitId)
                .Select(u => u.JurisdictionCode).SingleOrDefaultAsync(ct) ?? o.JurisdictionCode;
            notifications.Notify(db, new NewNotice(jurisdiction, NoticeAudiences.Unit, unitId.ToString(CultureInfo.InvariantCulture),
                title, kind, body, OpinionLinks.Staff(o.Id), nameof(Opinion), o.Id));
        }

        /// <summary>Produces what <paramref name="produce"/> adds, with its key, in one save; skips a key already
        /// produced; a concurrent instance that saved the same key first makes this save fail, and it is dropped.</summary>
        private async Task ProduceAsync(string key, Func<Opinion, Task> produce, CancellationToken ct)
        {
            db.ChangeTracker.Clear();
            if (await JobMarks.ExistsAsync(db, key, ct)) return;
            var id = long.Parse(key.Split(':')[1], CultureInfo.InvariantCulture);
            var o = await db.Set<Opinion>().IgnoreQueryFilters().SingleAsync(x => x.Id == id, ct);
            var counts = (_reminded, _overdue, _overdueNotified, _ack);
            await produce(o);
            JobMarks.Add(db, JobName, key, _now);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e)
            {
                (_reminded, _overdue, _overdueNotified, _ack) = counts;
                db.ChangeTracker.Clear();
                log.LogInformation("Supervision {Key} was produced elsewhere ({Error})", key, e.GetType().Name);
            }
        }
    }
}
