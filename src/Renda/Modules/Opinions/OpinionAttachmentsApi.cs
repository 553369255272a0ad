using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Renda.Platform.Http;

namespace Renda.Modules.Opinions;

/// <summary><c>GET /api/opinions/{id}/attachments</c>, <c>GET …/attachments/{attachmentId}</c> (the bytes, with
/// <c>Content-Disposition</c> and <c>nosniff</c>), <c>POST …/attachments</c> (multipart, field <c>file</c>, one or
/// more: a reply file, image or PDF). Only those who can see the opinion (<see cref="OpinionAttachments"/>).</summary>
public static class OpinionAttachmentsApi
{
    /// <summary>The request body of an upload: every file at its largest, and the multipart framing.</summary>
    private const long MaxUploadBody = (long)OpinionAttachments.MaxReplyFiles * OpinionAttachmentsFiles.MaxBytes + 1024 * 1024;

    public static IEndpointRouteBuilder MapOpinionAttachmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/opinions/{id:long}/attachments").WithTags("Opinion attachments")
            .RequireAuthorization(p => p.RequireRole(OpinionAttachments.Readers));
        api.MapGet("", async (long id, OpinionAttachments attachments, CancellationToken ct) => (await attachments.ListAsync(id, ct)).ToHttp());
        api.MapGet("/{attachmentId:long}", Download);
        api.MapPost("", Upload).RequireAuthorization(p => p.RequireRole(OpinionAttachments.ReplyUploaders)).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBody), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxUploadBody });
        return app;
    }

    private static async Task<IResult> Download(long id, long attachmentId, OpinionAttachments attachments, HttpContext ctx, CancellationToken ct)
    {
        if (await attachments.FindAsync(id, attachmentId, ct) is not { } a) return Problems.NotFound();
        var disposition = new ContentDispositionHeaderValue(a.ContentType == OpinionAttachmentsFiles.Pdf ? "attachment" : "inline");
        disposition.SetHttpFileName(a.FileName);
        ctx.Response.Headers.ContentDisposition = disposition.ToString();
        ctx.Response.Headers.XContentTypeOptions = "nosniff";
        ctx.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Bytes(a.Bytes, a.ContentType);
    }

    private static async Task<IResult> Upload(long id, HttpContext ctx, OpinionAttachments attachments, IAntiforgery antiforgery, CancellationToken ct)
    {
        // Browsers authenticate by cookie and must carry the antiforgery token; API clients use a bearer token.
        if (!ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && !await antiforgery.IsRequestValidAsync(ctx))
            return Problems.Make(400, "antiforgery", "请求缺少防伪令牌", "Missing or invalid antiforgery token");
        if (!ctx.Request.HasFormContentType)
            return Problems.Validation("file", "请以 multipart/form-data 上传，字段名 file / upload as multipart/form-data in a field named file");
        IFormCollection form;
        try
        {
            form = await ctx.Request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Problems.Validation("file", "上传内容无法读取或过大 / the upload could not be read or is too large");
        }
        var uploads = await ReadFilesAsync(form.Files.GetFiles("file"), ct);
        if (uploads is null) return Problems.Validation("file", "单个文件不能超过10MB / a file may not exceed 10 MB");
        return (await attachments.AddReplyFilesAsync(id, uploads, ct)).ToHttp(v => TypedResults.Created($"/api/opinions/{id}/attachments", v));
    }

    /// <summary>The bytes of each file, or null when one is larger than a file may be (not read further).</summary>
    public static async Task<List<UploadedFile>?> ReadFilesAsync(IEnumerable<IFormFile> files, CancellationToken ct)
    {
        var list = new List<UploadedFile>();
        foreach (var f in files)
        {
            if (f.Length > OpinionAttachmentsFiles.MaxBytes) return null;
            if (f.Length == 0 && string.IsNullOrEmpty(f.FileName)) continue;   // an empty file input
            using var ms = new MemoryStream((int)f.Length);
            await f.CopyToAsync(ms, ct);
            list.Add(new UploadedFile(f.FileName, ms.ToArray()));
        }
        return list;
    }
}
