using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Renda.Platform.Calendar;

namespace Renda.Platform.Http;

/// <summary>An in-memory output cache for the anonymous citizen pages that many people read and staff rarely
/// change (the station and representative pages behind a QR code, the tracking page), evicted by tag the moment
/// a saved row makes them stale (docs/adr/0032). What is never cached: anything but a 200 to an anonymous GET or
/// HEAD (ASP.NET Core's default policy refuses a signed-in user, an <c>Authorization</c> header and a response
/// that sets a cookie), and any page that opts out with <see cref="DoNotStore"/> (a form with an antiforgery
/// token). Entries vary by the UI language and, for pages that show coming dates, by today's date in China.</summary>
public static class PublicPageCache
{
    /// <summary>The station and representative pages (/p/s/{code}, /p/r/{code}).</summary>
    public const string ProfilesPolicy = "public-profiles";
    /// <summary>The tracking page (/p/t/{code}).</summary>
    public const string TrackingPolicy = "public-tracking";

    /// <summary>Every cached station and representative page: evicted by any change to stations, their
    /// representatives, schedules, codes, groups or places (rare, staff-made changes).</summary>
    public const string ProfilesTag = "public-profiles";
    /// <summary>Every cached tracking page: evicted by a change that any of them may show (a unit's name).</summary>
    public const string TrackingTag = "public-tracking";

    /// <summary>How long an entry lives even without a change: bounds staleness when several app instances
    /// share a database (each instance evicts only on its own writes).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddRendaPublicPageCache(this IServiceCollection services)
    {
        services.AddOutputCache(o =>
        {
            o.SizeLimit = 64L * 1024 * 1024;
            o.MaximumBodySize = 256 * 1024;
            o.AddPolicy(ProfilesPolicy, b => b.Expire(Lifetime).Tag(ProfilesTag).VaryByValue(Language).VaryByValue(ChinaDate));
            o.AddPolicy(TrackingPolicy, b => b.Expire(Lifetime).Tag(TrackingTag).VaryByValue(Language));
        });
        services.AddSingleton<PublicPageEvictionInterceptor>();
        return services;
    }

    /// <summary>After authentication (the default policy must see who is signed in) and before the endpoint.</summary>
    public static IApplicationBuilder UsePublicPageCache(this IApplicationBuilder app) => app.UseOutputCache();

    /// <summary>Evicts <paramref name="tag"/> when a row of <typeparamref name="T"/> is added, changed or deleted,
    /// once the change is committed.</summary>
    public static IServiceCollection EvictPublicPagesOn<T>(this IServiceCollection services, Func<T, string> tag) where T : class =>
        services.AddSingleton(new PublicPageEviction(typeof(T), e => tag((T)e)));

    /// <summary>Tags the current response (a page calls this for the rows it shows).</summary>
    public static void Tag(HttpContext http, string tag) => http.Features.Get<IOutputCacheFeature>()?.Context.Tags.Add(tag);

    /// <summary>Keeps the current response out of the cache (e.g. it holds a form with an antiforgery token).</summary>
    public static void DoNotStore(HttpContext http)
    {
        if (http.Features.Get<IOutputCacheFeature>() is { } feature) feature.Context.AllowCacheStorage = false;
    }

    private static KeyValuePair<string, string> Language(HttpContext _) => new("lang", CultureInfo.CurrentUICulture.Name);

    private static KeyValuePair<string, string> ChinaDate(HttpContext http) =>
        new("date", ChinaTime.Today(http.RequestServices.GetRequiredService<TimeProvider>()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}

/// <summary>One rule: saving a row of <see cref="EntityType"/> (or a subtype) makes the pages tagged <see cref="Tag"/> stale.</summary>
public sealed record PublicPageEviction(Type EntityType, Func<object, string> Tag);

/// <summary>Collects the tags of the rows a save touches and evicts them after the commit: at the end of the save
/// when it ran in its own transaction, at the commit of the caller's transaction otherwise (nothing on a rollback).
/// Evicting only after the commit means a reader cannot put the old version back into the cache in between.</summary>
public sealed class PublicPageEvictionInterceptor(IEnumerable<PublicPageEviction> rules, IOutputCacheStore store)
    : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly PublicPageEviction[] rules = [.. rules];
    private readonly ConditionalWeakTable<DbContext, HashSet<string>> pending = new();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) Flush(eventData.Context, evict: true);
        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) await FlushAsync(eventData.Context, evict: true);
        return result;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) Flush(eventData.Context, evict: false);
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        Flush(eventData.Context, evict: true);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default) => FlushAsync(eventData.Context, evict: true).AsTask();

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        Flush(eventData.Context, evict: false);

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context, evict: false);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null || rules.Length == 0) return;
        HashSet<string>? tags = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            foreach (var rule in rules)
            {
                if (!rule.EntityType.IsInstanceOfType(entry.Entity)) continue;
                tags ??= pending.GetValue(context, _ => []);
                tags.Add(rule.Tag(entry.Entity));
            }
        }
    }

    private void Flush(DbContext? context, bool evict) => FlushAsync(context, evict).AsTask().GetAwaiter().GetResult();

    private async ValueTask FlushAsync(DbContext? context, bool evict)
    {
        if (context is null || !pending.TryGetValue(context, out var tags) || tags.Count == 0) return;
        var list = tags.ToList();
        tags.Clear();
        if (!evict) return;
        foreach (var tag in list) await store.EvictByTagAsync(tag, CancellationToken.None);
    }
}
