using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Platform.Jobs;

namespace Renda.IntegrationTests.Jobs;

public sealed class JobLeaseTests(RendaApp app) : IClassFixture<RendaApp>
{
    private async Task<bool> TryAsync(string job, string owner, int seconds = 60)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<JobLeases>().TryAcquireAsync(job, owner, TimeSpan.FromSeconds(seconds));
    }

    [Fact]
    public async Task A_lease_has_one_owner_until_it_expires_or_is_released()
    {
        Assert.True(await TryAsync("lease-a", "instance-1"));
        Assert.False(await TryAsync("lease-a", "instance-2"));
        Assert.True(await TryAsync("lease-a", "instance-1"));          // renewal by the owner
        Assert.True(await TryAsync("lease-b", "instance-2"));          // another job is free

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.True(await TryAsync("lease-a", "instance-2"));          // expired: taken over
        Assert.False(await TryAsync("lease-a", "instance-1"));

        await using (var scope = app.Scope())
            await scope.ServiceProvider.GetRequiredService<JobLeases>().ReleaseAsync("lease-a", "instance-2");
        Assert.True(await TryAsync("lease-a", "instance-1"));
    }

    [Fact]
    public async Task Two_instances_racing_for_a_free_lease_get_it_once()
    {
        for (var i = 0; i < 8; i++)
        {
            var job = $"race-{i}";
            var results = await Task.WhenAll(TryAsync(job, "instance-1"), TryAsync(job, "instance-2"));
            Assert.Single(results, r => r);
        }
    }
}
