using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.HandlingUnits;
using Renda.Modules.Opinions;
using Renda.Platform.Auth;
using Renda.Platform.Calendar;
using Renda.Platform.Data;
using Renda.Platform.Notifications;
using Renda.Platform.Workflow;

namespace Renda.IntegrationTests.Opinions;

/// <summary>An actor for applying workflow actions directly through the engine (the staff API is another part's).</summary>
public sealed class TestActor(string name, string role, long? unitId = null) : ICurrentUser
{
    public string? UserId => null;
    public string? UserName => name;
    public IReadOnlyList<string> Roles => [role];
    public string? ScopeCode => null;
    public string? ClientIp => null;
    public long? UnitId => unitId;
    public long? RepresentativeId => null;
    public long? StationId => null;
    public bool IsInRole(string r) => r == role;
}

public static class NoticeTestSupport
{
    public static async Task<long> DemoUnitIdAsync(this RendaApp app)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Users.IgnoreQueryFilters().Where(u => u.UserName == "demo-unit").Select(u => u.UnitId!.Value).SingleAsync();
    }

    /// <summary>Applies an action through the engine with a simple effect (the staff part owns the real ones).</summary>
    public static async Task<WorkflowResult> ActAsync(this RendaApp app, long opinionId, string action, ICurrentUser actor,
        Action<Opinion>? effect = null, string? comment = null)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var engine = scope.ServiceProvider.GetRequiredService<WorkflowEngine>();
        var o = await db.Set<Opinion>().IgnoreQueryFilters().SingleAsync(x => x.Id == opinionId);
        return await engine.ApplyAsync(OpinionWorkflow.Definition, o, new WorkflowCommand(action, Comment: comment), actor,
            step => effect?.Invoke(step.Entity));
    }

    public static async Task<long> IdOfAsync(this RendaApp app, string trackingCode)
    {
        await using var scope = app.Scope();
        var code = TrackingCodes.Normalize(trackingCode);
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Opinion>().IgnoreQueryFilters()
            .Where(o => o.TrackingCode == code).Select(o => o.Id).SingleAsync();
    }

    public static async Task<List<Notice>> NoticesOfAsync(this RendaApp app, long opinionId)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Notice>().IgnoreQueryFilters().AsNoTracking()
            .Where(n => n.SourceType == nameof(Opinion) && n.SourceId == opinionId).OrderBy(n => n.Id).ToListAsync();
    }

    public static async Task<List<OutboxMessage>> OutboxOfAsync(this RendaApp app, long opinionId)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<OutboxMessage>().AsNoTracking()
            .Where(n => n.SourceType == nameof(Opinion) && n.SourceId == opinionId).OrderBy(n => n.Id).ToListAsync();
    }

    public static async Task<Opinion> OpinionAsync(this RendaApp app, long id)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Opinion>().IgnoreQueryFilters().AsNoTracking().SingleAsync(o => o.Id == id);
    }

    /// <summary>Sets the clock to 10:00 China time on <paramref name="day"/>.</summary>
    public static void SetChinaDay(this TestClock clock, DateOnly day) =>
        clock.Set(new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), ChinaTime.Offset));
}
