using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renda.Modules.Stations;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;

namespace Renda.Modules.Opinions;

/// <summary>A file attached to an opinion: a citizen's photo (<c>photo</c>) or a handling unit's or staff
/// member's reply attachment (<c>reply</c>). The bytes are stored as they were cleaned by
/// <see cref="OpinionAttachmentsFiles"/> (metadata stripped); they are personal information (faces,
/// places), never written to the audit trail and served only to those who can see the opinion.</summary>
public sealed class OpinionAttachment : IJurisdictionScoped
{
    public const int MaxFileName = 100;

    public long Id { get; set; }
    public long OpinionId { get; set; }
    /// <summary>The opinion's jurisdiction.</summary>
    public string JurisdictionCode { get; set; } = "";
    /// <summary><see cref="OpinionAttachmentKinds"/>.</summary>
    public string Kind { get; set; } = OpinionAttachmentKinds.Photo;
    /// <summary>The name it is served under: generated for photos, the uploader's (cleaned) name for reply files.</summary>
    public string FileName { get; set; } = "";
    /// <summary>What its bytes are (sniffed, never what the uploader declared).</summary>
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    [PersonalInfo] public byte[] Bytes { get; set; } = [];
    public string UploadedBy { get; set; } = "";
    public DateTime UploadedAt { get; set; }
}

public static class OpinionAttachmentKinds
{
    public const string Photo = "photo", Reply = "reply";
}

/// <summary>What a list of attachments shows (never the bytes).</summary>
public sealed record OpinionAttachmentInfo(long Id, string Kind, string FileName, string ContentType, long Size, string Sha256,
    string UploadedBy, DateTime UploadedAt, string Url);

/// <summary>One upload as received: the name the client gave (used only for a reply file's name) and the bytes.</summary>
public sealed record UploadedFile(string? FileName, byte[] Bytes);

/// <summary>Photos of the public form and reply attachments: checking, cleaning, storing, listing and serving.
/// Who may see an opinion's files: congress staff and leaders of its jurisdiction (the global filter), the
/// handling unit it is assigned to, the representative who received it and the manager of its station.
/// Who may add a reply file: congress staff, and the assigned unit while it handles the opinion.</summary>
public sealed class OpinionAttachments(AppDbContext db, ICurrentUser me, TimeProvider clock)
{
    /// <summary>Photos one citizen may attach to one opinion.</summary>
    public const int MaxPhotos = 6;
    /// <summary>Reply files one opinion may carry in all.</summary>
    public const int MaxReplyFiles = 10;

    public static readonly string[] Readers = [Roles.CongressStaff, Roles.Leader, Roles.HandlingUnit, Roles.Representative, Roles.StationManager];
    public static readonly string[] ReplyUploaders = [Roles.CongressStaff, Roles.HandlingUnit];

    private static readonly string[] UnitHandlingStates = ["assigned", "in_progress", "replied"];

    /// <summary>Checks and cleans a citizen's photos: at most <see cref="MaxPhotos"/>, each an image by its bytes,
    /// at most 10 MB. The error (field <c>photos</c>) names the first file that fails.</summary>
    public static (List<SniffedFile> Files, string? Error) CheckPhotos(IReadOnlyList<UploadedFile> uploads, bool english = false)
    {
        var files = new List<SniffedFile>();
        if (uploads.Count > MaxPhotos)
            return (files, english ? $"At most {MaxPhotos} photos." : $"最多上传{MaxPhotos}张照片");
        for (var i = 0; i < uploads.Count; i++)
        {
            var (file, zh, en) = OpinionAttachmentsFiles.Accept(uploads[i].Bytes);
            if (file is null)
                return (files, english ? $"Photo {i + 1}: {en}" : $"第{i + 1}张照片：{zh}");
            files.Add(file);
        }
        return (files, null);
    }

    /// <summary>Adds cleaned files to an opinion in the caller's context (saved by the caller's SaveChanges).</summary>
    public void Add(long opinionId, string jurisdictionCode, string kind, IReadOnlyList<SniffedFile> files, IReadOnlyList<string?>? names = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < files.Count; i++)
        {
            var f = files[i];
            var name = CleanName(names is not null && i < names.Count ? names[i] : null, f.Extension)
                ?? $"{kind}-{now:yyyyMMddHHmmss}-{(i + 1).ToString(CultureInfo.InvariantCulture)}.{f.Extension}";
            db.Add(new OpinionAttachment
            {
                OpinionId = opinionId, JurisdictionCode = jurisdictionCode, Kind = kind, FileName = name, ContentType = f.ContentType,
                Size = f.Bytes.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(f.Bytes)), Bytes = f.Bytes,
                UploadedBy = me.UserName ?? "anonymous", UploadedAt = now,
            });
        }
    }

    public async Task<UseCaseResult<IReadOnlyList<OpinionAttachmentInfo>>> ListAsync(long opinionId, CancellationToken ct = default)
    {
        if (await VisibleAsync(opinionId, ct) is null) return UseCaseResult<IReadOnlyList<OpinionAttachmentInfo>>.NotFound();
        return UseCaseResult<IReadOnlyList<OpinionAttachmentInfo>>.Success(await InfosAsync(opinionId, ct));
    }

    /// <summary>One file with its bytes, for the caller who can see its opinion.</summary>
    public async Task<OpinionAttachment?> FindAsync(long opinionId, long attachmentId, CancellationToken ct = default)
    {
        if (await VisibleAsync(opinionId, ct) is null) return null;
        return await db.Set<OpinionAttachment>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId && a.OpinionId == opinionId, ct);
    }

    /// <summary>Adds reply files (images or PDF, checked by their bytes) to an opinion.</summary>
    public async Task<UseCaseResult<IReadOnlyList<OpinionAttachmentInfo>>> AddReplyFilesAsync(long opinionId, IReadOnlyList<UploadedFile> uploads,
        CancellationToken ct = default)
    {
        var opinion = await VisibleAsync(opinionId, ct);
        if (opinion is null) return UseCaseResult<IReadOnlyList<OpinionAttachmentInfo>>.NotFound();
        var isStaff = me.IsInRole(Roles.CongressStaff);
        var isUnit = me.IsInRole(Roles.HandlingUnit) && me.UnitId is { } unit && unit == opinion.UnitId;
        if (!isStaff && !isUnit)
            return UseCaseResult<IReadOnlyList<OpinionAttachmentInfo>>.Refused(403, "forbidden", "无权为此意见上传答复附件",
                "You may not add reply files to this opinion");
        if (!isStaff && !UnitHandlingStates.Contains(opinion.State))
            return UseCaseResult<IReadOnlyList<OpinionAttachmentInfo>>.Refused(409, "not-handling", "该意见当前不在办理中，不能上传答复附件",
                "The opinion is not being handled now; reply files cannot be added");
        if (uploads.Count == 0) return UseCaseResult<IReadOnlyList<OpinionAttachmentInfo>>.Invalid("file", "请选择要上传的文件");
        var existing = await db.Set<OpinionAttachment>().CountAsync(a => a.OpinionId == opinionId && a.Kind == OpinionAttachmentKinds.Reply, ct);
        if (existing + uploads.Count > MaxReplyFiles)
            return UseCaseResult<IReadOnlyList<OpinionAttachmentInfo>>.Invalid("file", $"每件意见最多{MaxReplyFiles}个答复附件");
        var files = new List<SniffedFile>();
        for (var i = 0; i < uploads.Count; i++)
        {
            var (file, zh, _) = OpinionAttachmentsFiles.Accept(uploads[i].Bytes, allowPdf: true);
            if (file is null) return UseCaseResult<IReadOnlyList<OpinionAttachmentInfo>>.Invalid("file", uploads.Count == 1 ? zh! : $"第{i + 1}个文件：{zh}");
            files.Add(file);
        }
        Add(opinion.Id, opinion.JurisdictionCode, OpinionAttachmentKinds.Reply, files, uploads.Select(u => u.FileName).ToList());
        await db.SaveChangesAsync(ct);
        return UseCaseResult<IReadOnlyList<OpinionAttachmentInfo>>.Success(await InfosAsync(opinionId, ct), 201);
    }

    /// <summary>The opinion if the caller can see it (jurisdiction by the global filter, then the role's own relation).</summary>
    public async Task<Opinion?> VisibleAsync(long opinionId, CancellationToken ct)
    {
        var o = await db.Set<Opinion>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == opinionId, ct);
        if (o is null) return null;
        if (me.IsInRole(Roles.CongressStaff) || me.IsInRole(Roles.Leader)) return o;
        if (me.IsInRole(Roles.HandlingUnit) && me.UnitId is { } unit && unit == o.UnitId) return o;
        if (me.IsInRole(Roles.Representative) && me.RepresentativeId is { } rep && rep == o.RepresentativeId) return o;
        if (me.IsInRole(Roles.StationManager) && o.StationId is { } sid)
        {
            var userId = me.UserId ?? "";
            if (me.StationId == sid || await db.Set<Station>().AnyAsync(s => s.Id == sid && s.ManagerUserId == userId, ct)) return o;
        }
        return null;
    }

    private async Task<IReadOnlyList<OpinionAttachmentInfo>> InfosAsync(long opinionId, CancellationToken ct) =>
        (await db.Set<OpinionAttachment>().AsNoTracking().Where(a => a.OpinionId == opinionId).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.Kind, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAt }).ToListAsync(ct))
        .Select(a => new OpinionAttachmentInfo(a.Id, a.Kind, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAt,
            $"/api/opinions/{opinionId.ToString(CultureInfo.InvariantCulture)}/attachments/{a.Id.ToString(CultureInfo.InvariantCulture)}"))
        .ToList();

    /// <summary>A reply file's name without a path, control or reserved characters, with the extension its bytes say.</summary>
    private static string? CleanName(string? name, string extension)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var baseName = Path.GetFileNameWithoutExtension(name.Replace('\\', '/').Split('/')[^1]);
        var clean = new string(baseName.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?' or ';')).ToArray()).Trim();
        if (clean.Length == 0) return null;
        var max = OpinionAttachment.MaxFileName - extension.Length - 1;
        return (clean.Length > max ? clean[..max] : clean) + "." + extension;
    }
}

internal sealed class OpinionAttachmentConfiguration : IEntityTypeConfiguration<OpinionAttachment>
{
    public void Configure(EntityTypeBuilder<OpinionAttachment> e)
    {
        e.ToTable("opinion_attachments");
        e.Property(a => a.JurisdictionCode).HasMaxLength(12);
        e.Property(a => a.Kind).HasMaxLength(16);
        e.Property(a => a.FileName).HasMaxLength(OpinionAttachment.MaxFileName);
        e.Property(a => a.ContentType).HasMaxLength(64);
        e.Property(a => a.Sha256).HasMaxLength(64);
        e.Property(a => a.UploadedBy).HasMaxLength(256);
        e.HasOne<Opinion>().WithMany().HasForeignKey(a => a.OpinionId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(a => new { a.OpinionId, a.Kind });
    }
}
