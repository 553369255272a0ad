using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.IntegrationTests.Stations;
using Renda.Modules.Performance;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using static Renda.IntegrationTests.Stations.StationTestSupport;

namespace Renda.IntegrationTests.Performance;

/// <summary>DutyArchive.RecordAsync: the one way every module writes a representative's archive.</summary>
[Collection(StationsCollection.Name)]
public sealed class DutyArchiveTests(DemoApp app)
{
    private AppDbContext Context(AsyncServiceScope scope, ICurrentUser? user = null) =>
        new(scope.ServiceProvider.GetRequiredService<DbContextOptions<AppDbContext>>(), user ?? new SystemUser("archive-test"), app.Clock);

    private static DutyEntry Entry(long rep, string sourceId, string title = "参加县人大常委会会议", string kind = DutyKinds.Meeting) =>
        new(rep, kind, new DateOnly(2026, 2, 5), title, "tests", sourceId);

    [Fact]
    public async Task Recording_adds_to_the_context_without_saving()
    {
        var rep = await app.NewRepresentativeAsync("未保存代表");
        await using var scope = app.Scope();
        await using var db = Context(scope);

        var record = await DutyArchive.RecordAsync(db, Entry(rep, "unsaved-1"));

        Assert.Equal(EntityState.Added, db.Entry(record).State);
        Assert.Equal(0, await app.CountAsync<DutyRecord>(d => d.RepresentativeId == rep));
        await db.SaveChangesAsync();
        var saved = await Context(scope).Set<DutyRecord>().SingleAsync(d => d.RepresentativeId == rep);
        Assert.Equal(DutyRecordState.Approved, saved.State);
        Assert.Equal("archive-test", saved.RecordedBy);
        Assert.Equal(StationTestSupport.Dipu, saved.JurisdictionCode);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, saved.RecordedAt);
    }

    [Fact]
    public async Task The_same_activity_recorded_twice_is_one_record_brought_up_to_date()
    {
        var rep = await app.NewRepresentativeAsync("幂等代表");
        await using var scope = app.Scope();

        await using (var db = Context(scope))
        {
            var first = await DutyArchive.RecordAsync(db, Entry(rep, "same-1"));
            var again = await DutyArchive.RecordAsync(db, Entry(rep, "same-1", "在同一单元里再记一次"));
            Assert.Same(first, again);
            await db.SaveChangesAsync();
        }
        await using (var db = Context(scope))
        {
            await DutyArchive.RecordAsync(db, Entry(rep, "same-1", "更正后的标题"));
            await DutyArchive.RecordAsync(db, Entry(rep, "same-1", "培训", DutyKinds.Training));  // another kind: another record
            await DutyArchive.RecordAsync(db, Entry(rep, "same-2"));                              // another source: another record
            await db.SaveChangesAsync();
        }

        var records = await Context(scope).Set<DutyRecord>().Where(d => d.RepresentativeId == rep).OrderBy(d => d.Id).ToListAsync();
        Assert.Equal(3, records.Count);
        Assert.Equal("更正后的标题", records[0].Title);
        Assert.Equal([DutyKinds.Meeting, DutyKinds.Training, DutyKinds.Meeting], records.Select(r => r.Kind));
    }

    [Fact]
    public async Task A_record_staff_approved_stays_approved_and_a_pending_one_stays_pending_when_rewritten()
    {
        var rep = await app.NewRepresentativeAsync("待审代表");
        await using var scope = app.Scope();
        await using (var db = Context(scope))
        {
            await DutyArchive.RecordAsync(db, Entry(rep, "self-1", kind: DutyKinds.SelfReported) with { State = DutyRecordState.Pending });
            await db.SaveChangesAsync();
        }
        await using (var db = Context(scope))
        {
            var again = await DutyArchive.RecordAsync(db, Entry(rep, "self-1", "补充了证明材料", DutyKinds.SelfReported));
            Assert.Equal(DutyRecordState.Pending, again.State);
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task Unknown_kinds_missing_sources_and_representatives_out_of_sight_are_programming_errors()
    {
        var rep = await app.NewRepresentativeAsync("错误代表");
        await using var scope = app.Scope();
        await using var db = Context(scope);
        await Assert.ThrowsAsync<ArgumentException>(() => DutyArchive.RecordAsync(db, Entry(rep, "x", kind: "nap")));
        await Assert.ThrowsAsync<ArgumentException>(() => DutyArchive.RecordAsync(db, Entry(rep, "")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => DutyArchive.RecordAsync(db, Entry(987654321, "x")));

        await using var neighbour = Context(scope, new ActingUser("cx", Neighbour, Roles.CongressStaff));
        await Assert.ThrowsAsync<InvalidOperationException>(() => DutyArchive.RecordAsync(neighbour, Entry(rep, "x")));
        Assert.Empty(db.ChangeTracker.Entries<DutyRecord>());
    }

    [Fact]
    public async Task A_duplicate_slipping_past_the_check_is_stopped_by_the_unique_index()
    {
        var rep = await app.NewRepresentativeAsync("并发代表");
        await using var scope = app.Scope();
        await using var a = Context(scope);
        await using var b = Context(scope);
        await DutyArchive.RecordAsync(a, Entry(rep, "race-1"));
        await DutyArchive.RecordAsync(b, Entry(rep, "race-1"));   // checked before a saved
        await a.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateException>(() => b.SaveChangesAsync());
        Assert.Equal(1, await app.CountAsync<DutyRecord>(d => d.RepresentativeId == rep));
    }
}
