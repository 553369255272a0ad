using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renda.Platform.Data;

namespace Renda.Platform.Jobs;

/// <summary>One row per background job: who runs it and until when (docs/adr/0025).</summary>
[NotAudited]
public sealed class JobLeaseRow
{
    public string Name { get; set; } = "";
    public string Owner { get; set; } = "";
    public DateTime ExpiresAt { get; set; }
}

/// <summary>What a job produced, by key (e.g. <c>opinion-remind:42:0:2026-03-10</c>): unique, so that two
/// instances, or a run repeated after a crash, never produce the same thing twice.</summary>
[NotAudited]
public sealed class JobMark
{
    public const int MaxKey = 200;
    public string Key { get; set; } = "";
    public string Job { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLeaseRow>
{
    public void Configure(EntityTypeBuilder<JobLeaseRow> e)
    {
        e.ToTable("job_leases");
        e.HasKey(l => l.Name);
        e.Property(l => l.Name).HasMaxLength(64);
        e.Property(l => l.Owner).HasMaxLength(128);
    }
}

internal sealed class JobMarkConfiguration : IEntityTypeConfiguration<JobMark>
{
    public void Configure(EntityTypeBuilder<JobMark> e)
    {
        e.ToTable("job_marks");
        e.HasKey(m => m.Key);
        e.Property(m => m.Key).HasMaxLength(JobMark.MaxKey);
        e.Property(m => m.Job).HasMaxLength(64);
        e.HasIndex(m => new { m.Job, m.CreatedAt });
    }
}

/// <summary>Leases: a job runs on one app instance at a time. Taking a lease is one conditional UPDATE
/// (the row is free, expired, or already ours), atomic on SQLite and PostgreSQL alike; the row is
/// created on first use by an INSERT that ignores a conflict.</summary>
public sealed class JobLeases(AppDbContext db, TimeProvider clock)
{
    /// <summary>This process's identity as a lease owner (machine, process, a random part).</summary>
    public static readonly string InstanceId =
        $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Takes (or renews) the lease on <paramref name="job"/> for <paramref name="duration"/>; false when another owner holds it.</summary>
    public async Task<bool> TryAcquireAsync(string job, string owner, TimeSpan duration, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO job_leases (name, owner, expires_at) VALUES ({job}, {""}, {DateTime.SpecifyKind(DateTime.UnixEpoch, DateTimeKind.Utc)}) ON CONFLICT (name) DO NOTHING", ct);
        var until = now + duration;
        var taken = await db.Set<JobLeaseRow>()
            .Where(l => l.Name == job && (l.Owner == owner || l.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, owner).SetProperty(l => l.ExpiresAt, until), ct);
        return taken == 1;
    }

    /// <summary>Gives the lease up (if still ours) so another instance may take it at once.</summary>
    public async Task ReleaseAsync(string job, string owner, CancellationToken ct = default)
    {
        var past = clock.GetUtcNow().UtcDateTime.AddSeconds(-1);
        await db.Set<JobLeaseRow>().Where(l => l.Name == job && l.Owner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, past), ct);
    }
}

/// <summary>Idempotency keys for what jobs produce.</summary>
public static class JobMarks
{
    public static Task<bool> ExistsAsync(AppDbContext db, string key, CancellationToken ct = default) =>
        db.Set<JobMark>().AnyAsync(m => m.Key == key, ct);

    /// <summary>Adds the mark to the context (unsaved): saved with what the job produced, and a second
    /// instance saving the same key fails on the primary key instead of producing it twice.</summary>
    public static void Add(AppDbContext db, string job, string key, DateTime now) =>
        db.Add(new JobMark { Job = job, Key = key.Length <= JobMark.MaxKey ? key : key[..JobMark.MaxKey], CreatedAt = now });
}
