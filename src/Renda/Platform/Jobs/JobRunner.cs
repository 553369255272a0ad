namespace Renda.Platform.Jobs;

/// <summary>A job run on an interval under a lease: one instance at a time does the work.</summary>
public interface IRendaJob
{
    /// <summary>The lease name (and log name).</summary>
    string Name { get; }
    /// <summary>One pass over what is due, in the given scope's services.</summary>
    Task RunAsync(IServiceProvider services, CancellationToken ct);
}

public sealed class JobOptions
{
    /// <summary>Whether the hosted services run the jobs on their interval. Default: yes, except in the
    /// Testing environment (tests call <see cref="JobRunner.RunOnceAsync"/> themselves).</summary>
    public bool? Enabled { get; set; }
    public int LeaseSeconds { get; set; } = 300;
}

/// <summary>Runs one job once under its lease: takes the lease in its own scope, runs the job in a fresh
/// scope, gives the lease back. Returns false when another instance holds the lease.</summary>
public sealed class JobRunner(IServiceScopeFactory scopes, JobOptions options, ILogger<JobRunner> log)
{
    /// <summary>The lease owner; tests make two runners with different owners to act as two instances.</summary>
    public string Owner { get; init; } = JobLeases.InstanceId;

    public async Task<bool> RunOnceAsync(IRendaJob job, CancellationToken ct = default)
    {
        var lease = TimeSpan.FromSeconds(Math.Max(10, options.LeaseSeconds));
        await using (var scope = scopes.CreateAsyncScope())
        {
            if (!await scope.ServiceProvider.GetRequiredService<JobLeases>().TryAcquireAsync(job.Name, Owner, lease, ct))
            {
                log.LogDebug("Job {Job}: lease held by another instance", job.Name);
                return false;
            }
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await job.RunAsync(scope.ServiceProvider, ct);
            return true;
        }
        finally
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<JobLeases>().ReleaseAsync(job.Name, Owner, CancellationToken.None);
        }
    }
}

/// <summary>Runs a job every <paramref name="interval"/> (on the app's <see cref="TimeProvider"/>) under its lease.</summary>
public sealed class JobHostedService<TJob>(JobRunner runner, TJob job, JobOptions options, IHostEnvironment env,
    TimeProvider clock, TimeSpan interval, ILogger<TJob> log) : BackgroundService where TJob : IRendaJob
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!(options.Enabled ?? !env.IsEnvironment("Testing"))) return;
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try { await runner.RunOnceAsync(job, stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A failed pass must not stop the host (BackgroundService's default); the next interval retries.
                log.LogError(e, "Job {Job} failed; it runs again at the next interval", job.Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class JobsSetup
{
    public static IServiceCollection AddRendaJobs(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(config.GetSection("Jobs").Get<JobOptions>() ?? new JobOptions());
        services.AddScoped<JobLeases>();
        services.AddSingleton<JobRunner>();
        return services;
    }

    /// <summary>Registers <typeparamref name="TJob"/> (singleton) and its hosted service on <paramref name="interval"/>.</summary>
    public static IServiceCollection AddRendaJob<TJob>(this IServiceCollection services, Func<IServiceProvider, TimeSpan> interval)
        where TJob : class, IRendaJob
    {
        services.AddSingleton<TJob>();
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<JobHostedService<TJob>>(sp, interval(sp)));
        return services;
    }
}
