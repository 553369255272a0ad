using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Opinions;
using Renda.Platform.Data;

namespace Renda.IntegrationTests.Opinions;

/// <summary>The demo county's year of opinions: every state, overdue, re-handled and published ones, and a
/// history that tells the same story as each row.</summary>
[Collection(OpinionsCollection.Name)]
public sealed class StaffDemoTests(DemoApp app)
{
    [Fact]
    public async Task A_year_of_opinions_in_every_state_with_consistent_histories()
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var demo = await db.Set<Opinion>().IgnoreQueryFilters().AsNoTracking().Where(o => o.CreatedBy != "test").ToListAsync();
        Assert.True(demo.Count >= 800, $"{demo.Count} demo opinions");
        foreach (var state in OpinionWorkflow.Definition.States)
            Assert.Contains(demo, o => o.State == state);
        Assert.Contains(demo, o => o.Overdue && o.DueDate < Renda.Platform.Calendar.ChinaTime.Today(app.Clock));
        Assert.Contains(demo, o => o.Round > 0 && o.State == "closed");
        Assert.Contains(demo, o => o.PublishedAt is not null);
        Assert.Contains(demo, o => o.MergedIntoId is not null);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        Assert.InRange(demo.Min(o => o.CreatedAt), now.AddDays(-370), now.AddDays(-300));
        Assert.True(demo.Select(o => o.StationId).Distinct().Count() > 20);
        Assert.True(demo.Select(o => o.Category).Distinct().Count() >= 10);

        var ids = demo.Select(o => o.Id).ToHashSet();
        var history = (await db.WorkflowHistory.IgnoreQueryFilters().AsNoTracking().Where(h => h.Workflow == "opinion").ToListAsync())
            .Where(h => ids.Contains(h.EntityId)).GroupBy(h => h.EntityId).ToDictionary(g => g.Key, g => g.OrderBy(h => h.Id).ToList());
        foreach (var o in demo)
        {
            var steps = history[o.Id];
            Assert.Equal("submit", steps[0].Action);
            Assert.Equal(o.State, steps[^1].ToState);
            for (var i = 1; i < steps.Count; i++)
            {
                Assert.Equal(steps[i - 1].ToState, steps[i].FromState);
                Assert.True(steps[i].At >= steps[i - 1].At, $"opinion {o.Id} by {o.CreatedBy}: step {i} {steps[i].Action} {steps[i].At:O} < {steps[i - 1].Action} {steps[i - 1].At:O}; ids {steps[i].Id} {steps[i - 1].Id}");
                Assert.True(OpinionWorkflow.Definition.Transitions.Any(t => t.Action == steps[i].Action), steps[i].Action);
            }
            Assert.True(steps[^1].At <= now);
            Assert.Equal(o.Round, steps.Count(h => h.Action == "rate" && h.ToState == "in_progress"));
        }
    }
}
