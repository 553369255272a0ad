using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Renda.Platform.Http;

namespace Renda.Modules.Representatives;

/// <summary>A representative's photo: JPEG or PNG as its bytes say (the name and the declared type
/// are not trusted), at most 5 MB. Served only to signed-in readers of the roster, from
/// <see cref="Url"/>; public pages decide for themselves what to show.</summary>
public sealed class RepresentativePhotos(Platform.Data.AppDbContext db, TimeProvider clock)
{
    public const int MaxBytes = 5 * 1024 * 1024;

    public static string Url(long id, string sha256) => $"/api/representatives/{id}/photo?v={sha256[..12]}";

    /// <summary>"image/jpeg" or "image/png" from the file's signature; null for anything else.</summary>
    public static string? ContentTypeOf(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 4 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF) return "image/jpeg";
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        return null;
    }

    public async Task<UseCaseResult<string>> SaveAsync(long id, byte[] bytes, CancellationToken ct = default)
    {
        var rep = await db.Set<Representative>().Where(r => r.Id == id).Select(r => new { r.Id, r.JurisdictionCode }).SingleOrDefaultAsync(ct);
        if (rep is null) return UseCaseResult<string>.NotFound();
        if (bytes.Length == 0) return UseCaseResult<string>.Invalid("file", "文件为空 / the file is empty");
        if (bytes.Length > MaxBytes) return UseCaseResult<string>.Invalid("file", "照片不能超过 5 MB / the photo must be at most 5 MB");
        var type = ContentTypeOf(bytes);
        if (type is null) return UseCaseResult<string>.Invalid("file", "只接受 JPEG 或 PNG 图片 / only JPEG or PNG images are accepted");

        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var photo = await db.Set<RepresentativePhoto>().SingleOrDefaultAsync(p => p.RepresentativeId == id, ct);
        if (photo is null)
        {
            photo = new RepresentativePhoto { RepresentativeId = id, JurisdictionCode = rep.JurisdictionCode };
            db.Add(photo);
        }
        photo.ContentType = type;
        photo.Bytes = bytes;
        photo.Sha256 = sha;
        photo.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return UseCaseResult<string>.Success(Url(id, sha));
    }

    public async Task<RepresentativePhoto?> FindAsync(long id, CancellationToken ct = default) =>
        await db.Set<RepresentativePhoto>().AsNoTracking().SingleOrDefaultAsync(p => p.RepresentativeId == id, ct);

    public async Task<UseCaseResult<bool>> DeleteAsync(long id, CancellationToken ct = default)
    {
        var photo = await db.Set<RepresentativePhoto>().SingleOrDefaultAsync(p => p.RepresentativeId == id, ct);
        if (photo is null) return UseCaseResult<bool>.NotFound();
        db.Remove(photo);
        await db.SaveChangesAsync(ct);
        return UseCaseResult<bool>.Success(true, 204);
    }
}
