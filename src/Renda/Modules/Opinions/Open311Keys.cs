using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;

namespace Renda.Modules.Opinions;

/// <summary>An Open311 client's API key, issued by a system administrator. Only the key's SHA-256 is
/// stored (the key is 256 random bits, so a plain hash is enough); the name becomes the opinions'
/// <c>ExternalSource</c>.</summary>
public sealed class Open311Key
{
    public const int MaxName = 64;
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string KeyHash { get; set; } = "";
    /// <summary>The key's first characters, so an admin can tell keys apart.</summary>
    public string KeyPrefix { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
}

internal sealed class Open311KeyConfiguration : IEntityTypeConfiguration<Open311Key>
{
    public void Configure(EntityTypeBuilder<Open311Key> e)
    {
        e.ToTable("open311_keys");
        e.Property(k => k.Name).HasMaxLength(Open311Key.MaxName);
        e.Property(k => k.KeyHash).HasMaxLength(64);
        e.Property(k => k.KeyPrefix).HasMaxLength(16);
        e.Property(k => k.CreatedBy).HasMaxLength(256);
        e.Property(k => k.RevokedBy).HasMaxLength(256);
        e.HasIndex(k => k.KeyHash).IsUnique();
        e.HasIndex(k => k.Name).IsUnique();
    }
}

public sealed record Open311KeyRow(long Id, string Name, string KeyPrefix, DateTime CreatedAt, string CreatedBy, DateTime? RevokedAt, string? RevokedBy);
public sealed record IssuedOpen311Key(long Id, string Name, string ApiKey);
public sealed record NewOpen311Key(string? Name);

/// <summary>Issue, list, revoke, and check Open311 keys (the admin page and <c>/api/open311/keys</c>).</summary>
public sealed class Open311Keys(AppDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<UseCaseResult<IssuedOpen311Key>> IssueAsync(NewOpen311Key input, CancellationToken ct = default)
    {
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name)) return UseCaseResult<IssuedOpen311Key>.Invalid("name", "请填写客户端名称");
        if (name.Length > Open311Key.MaxName) return UseCaseResult<IssuedOpen311Key>.Invalid("name", $"名称不能超过{Open311Key.MaxName}字");
        if (name == HotlineImport.Source) return UseCaseResult<IssuedOpen311Key>.Invalid("name", "该名称保留给12345热线");
        if (await db.Set<Open311Key>().AnyAsync(k => k.Name == name, ct))
            return UseCaseResult<IssuedOpen311Key>.Invalid("name", "已有同名的客户端");
        var key = "o311_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var row = new Open311Key
        {
            Name = name,
            KeyHash = Hash(key),
            KeyPrefix = key[..10],
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedBy = user.UserName ?? "system",
        };
        db.Add(row);
        await db.SaveChangesAsync(ct);
        return UseCaseResult<IssuedOpen311Key>.Success(new IssuedOpen311Key(row.Id, row.Name, key), 201);
    }

    public Task<List<Open311KeyRow>> ListAsync(CancellationToken ct = default) =>
        db.Set<Open311Key>().OrderBy(k => k.RevokedAt != null).ThenBy(k => k.Name)
            .Select(k => new Open311KeyRow(k.Id, k.Name, k.KeyPrefix, k.CreatedAt, k.CreatedBy, k.RevokedAt, k.RevokedBy)).ToListAsync(ct);

    public async Task<UseCaseResult<bool>> RevokeAsync(long id, CancellationToken ct = default)
    {
        var k = await db.Set<Open311Key>().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (k is null) return UseCaseResult<bool>.NotFound();
        if (k.RevokedAt is null)
        {
            k.RevokedAt = clock.GetUtcNow().UtcDateTime;
            k.RevokedBy = user.UserName;
            await db.SaveChangesAsync(ct);
        }
        return UseCaseResult<bool>.Success(true, 204);
    }

    /// <summary>The active key with this value, or null.</summary>
    public async Task<Open311Key?> FindActiveAsync(string? apiKey, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(apiKey) || apiKey.Length > 200) return null;
        var hash = Hash(apiKey.Trim());
        return await db.Set<Open311Key>().AsNoTracking().SingleOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, ct);
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

public static class Open311KeysApi
{
    public static IEndpointRouteBuilder MapOpen311KeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/open311/keys").WithTags("Open311 keys").RequireAuthorization(p => p.RequireRole(Roles.SystemAdmin));
        api.MapPost("/", async (NewOpen311Key input, Open311Keys keys, CancellationToken ct) =>
            (await keys.IssueAsync(input, ct)).ToHttp(k => TypedResults.Created($"/api/open311/keys/{k.Id}", new { id = k.Id, name = k.Name, apiKey = k.ApiKey })));
        api.MapGet("/", async (Open311Keys keys, CancellationToken ct) => TypedResults.Ok(await keys.ListAsync(ct)));
        api.MapDelete("/{id:long}", async (long id, Open311Keys keys, CancellationToken ct) => (await keys.RevokeAsync(id, ct)).ToHttp());
        return app;
    }
}
