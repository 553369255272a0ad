using System.IO.Compression;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renda.Platform.Audit;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Documents;
using Renda.Platform.Http;

namespace Renda.Modules.Suggestions;

/// <summary>Reply documents (答复函): the lead unit uploads a .docx or a PDF for the current round while it
/// handles the suggestion. The type is decided by the bytes, never by the name or the declared type: a PDF
/// starts with <c>%PDF-</c>; a .docx is a zip package holding <c>word/document.xml</c>.</summary>
public sealed class ReplyDocuments(AppDbContext db, ICurrentUser me, TimeProvider clock)
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const string PdfType = "application/pdf";

    /// <summary>The content type the bytes really are, or null when they are neither a PDF nor a .docx.</summary>
    public static string? Sniff(byte[] bytes)
    {
        if (bytes.Length >= 5 && bytes[0] == '%' && bytes[1] == 'P' && bytes[2] == 'D' && bytes[3] == 'F' && bytes[4] == '-') return PdfType;
        if (bytes.Length < 4 || bytes[0] != 'P' || bytes[1] != 'K' || bytes[2] != 3 || bytes[3] != 4) return null;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            return zip.GetEntry("word/document.xml") is not null && zip.GetEntry("[Content_Types].xml") is not null ? DocxDocument.ContentType : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    public async Task<UseCaseResult<DocumentView>> UploadAsync(long id, string? fileName, byte[] bytes, CancellationToken ct = default)
    {
        var s = await SuggestionAccess.LoadAsync(db, id, ct);
        if (s is null) return UseCaseResult<DocumentView>.NotFound();
        if (!me.IsInRole(Roles.HandlingUnit) || me.UnitId is null || me.UnitId != s.LeadUnitId)
            return UseCaseResult<DocumentView>.Refused(403, "not-lead-unit", "只有主办单位可以上传答复函", "Only the lead unit uploads the reply");
        if (s.State != "in_progress")
            return UseCaseResult<DocumentView>.Refused(409, "not-in-progress", "签收后、答复前方可上传答复函", "Upload the reply while the suggestion is in progress");
        if (bytes.Length == 0) return UseCaseResult<DocumentView>.Invalid("file", "请选择文件");
        if (bytes.Length > MaxBytes) return UseCaseResult<DocumentView>.Invalid("file", "文件不能超过10MB");
        var type = Sniff(bytes);
        if (type is null) return UseCaseResult<DocumentView>.Invalid("file", "只接受 .docx 或 PDF 文件（按文件内容判断）");
        var ext = type == PdfType ? ".pdf" : ".docx";
        var name = Path.GetFileNameWithoutExtension(fileName ?? "").Trim();
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('/' or '\\' or '"')).ToArray());
        if (name.Length == 0) name = "答复函";
        if (name.Length > 150) name = name[..150];
        var doc = new SuggestionDocument
        {
            SuggestionId = s.Id, JurisdictionCode = s.JurisdictionCode, Round = s.Round, FileName = name + ext, ContentType = type,
            Content = bytes, UploadedAt = clock.GetUtcNow().UtcDateTime, UploadedBy = me.UserName ?? "",
        };
        db.Add(doc);
        await db.SaveChangesAsync(ct);
        new AuditTrail(db).Record(new AuditRecord("suggestion.document.upload", nameof(SuggestionDocument), doc.Id.ToString(),
            JsonSerializer.Serialize(new { suggestionId = s.Id, round = doc.Round, type, size = bytes.Length }),
            JurisdictionCode: s.JurisdictionCode));
        await db.SaveChangesAsync(ct);
        return UseCaseResult<DocumentView>.Success(new DocumentView(doc.Id, doc.Round, doc.FileName, doc.ContentType, bytes.Length, doc.UploadedAt), 201);
    }

    public async Task<SuggestionDocument?> FindAsync(long id, long documentId, CancellationToken ct = default)
    {
        if (await SuggestionAccess.Visible(db, me).AnyAsync(s => s.Id == id, ct) is false) return null;
        return await db.Set<SuggestionDocument>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.SuggestionId == id, ct);
    }
}
