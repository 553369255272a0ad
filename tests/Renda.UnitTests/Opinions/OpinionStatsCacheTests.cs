using Microsoft.Extensions.Options;
using Renda.Modules.Opinions;

namespace Renda.UnitTests.Opinions;

public sealed class OpinionStatsCacheTests
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static OpinionStatsResult Result(DateTime asOf, int received) => new(
        new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31),
        new StatsRow("all", "合计", received, 0, 0, null, 0, 0, null, 0, 0, 0, 0, null, 0, 0), [], [], [], [], [], [])
    { AsOf = asOf };

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("33", true)]
    [InlineData("3301", true)]
    [InlineData("330102", false)]
    [InlineData("330102001", false)]
    [InlineData("33x", false)]
    public void Only_scopes_wider_than_a_county_are_kept(string? scope, bool wide) =>
        Assert.Equal(wide, OpinionStatsCache.IsWide(scope));

    [Fact]
    public async Task Callers_at_the_same_time_share_one_computation_and_the_figures_expire()
    {
        var clock = new Clock(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        var cache = new OpinionStatsCache(Options.Create(new OpinionOptions { WideStatsCacheSeconds = 300 }), clock);
        var computed = 0;
        var release = new TaskCompletionSource();
        async Task<OpinionStatsResult> Compute()
        {
            var n = Interlocked.Increment(ref computed);
            await release.Task;
            return Result(clock.Now.UtcDateTime, n);
        }

        var callers = Enumerable.Range(0, 4).Select(_ => cache.GetAsync("33|p", Compute, CancellationToken.None)).ToList();
        release.SetResult();
        var results = await Task.WhenAll(callers);
        Assert.Equal(1, computed);
        Assert.All(results, r => Assert.Equal(1, r.Totals.Received));

        clock.Now += TimeSpan.FromSeconds(299);
        Assert.Equal(1, (await cache.GetAsync("33|p", Compute, CancellationToken.None)).Totals.Received);
        clock.Now += TimeSpan.FromSeconds(1);
        Assert.Equal(2, (await cache.GetAsync("33|p", Compute, CancellationToken.None)).Totals.Received);
    }

    [Fact]
    public async Task A_failed_computation_keeps_nothing_and_zero_seconds_keeps_nothing()
    {
        var clock = new Clock(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        var cache = new OpinionStatsCache(Options.Create(new OpinionOptions { WideStatsCacheSeconds = 300 }), clock);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            cache.GetAsync("33|p", () => throw new InvalidOperationException("database gone"), CancellationToken.None));
        Assert.Equal(7, (await cache.GetAsync("33|p", () => Task.FromResult(Result(clock.Now.UtcDateTime, 7)), CancellationToken.None)).Totals.Received);

        var off = new OpinionStatsCache(Options.Create(new OpinionOptions { WideStatsCacheSeconds = 0 }), clock);
        var n = 0;
        for (var i = 0; i < 3; i++) await off.GetAsync("33|p", () => Task.FromResult(Result(clock.Now.UtcDateTime, ++n)), CancellationToken.None);
        Assert.Equal(3, n);
    }
}
