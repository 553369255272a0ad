using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Renda.Platform.Http;
using Renda.Platform.Spreadsheets;

namespace Renda.Modules.Representatives;

/// <summary><c>/api/representatives</c>: the roster of representatives, its import, export and groups.</summary>
public static class RepresentativesApi
{
    public sealed record RevealRequest(string? Field);

    public static void MapRepresentativesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/representatives").WithTags("Representatives")
            .RequireAuthorization(p => p.RequireRole(RosterAccess.Readers));
        var editors = RosterAccess.Editors;

        api.MapGet("", List);
        api.MapGet("/{id:long}", Detail);
        api.MapPost("", Create).RequireAuthorization(p => p.RequireRole(editors));
        api.MapPut("/{id:long}", Update).RequireAuthorization(p => p.RequireRole(editors));
        api.MapPost("/{id:long}/end-of-office", EndOfOffice).RequireAuthorization(p => p.RequireRole(editors));
        // Every reader may ask; the use case refuses other roles than congress staff and audits the refusal.
        api.MapPost("/{id:long}/reveal", Reveal);

        api.MapGet("/{id:long}/photo", Photo);
        api.MapPut("/{id:long}/photo", UploadPhoto).RequireAuthorization(p => p.RequireRole(editors)).DisableAntiforgery();
        api.MapDelete("/{id:long}/photo", DeletePhoto).RequireAuthorization(p => p.RequireRole(editors));

        api.MapGet("/export.xlsx", Export).RequireAuthorization(p => p.RequireRole(RosterAccess.PageReaders));
        api.MapGet("/import/template.xlsx", Template).RequireAuthorization(p => p.RequireRole(editors));
        api.MapPost("/import", Import).RequireAuthorization(p => p.RequireRole(editors)).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(RosterImport.MaxFileBytes + 4 * 1024 * 1024));

        api.MapGet("/groups", Groups);
        api.MapGet("/groups/{kind}/{id:long}", GroupHistory);
    }

    /// <summary>The roster in the caller's jurisdiction (scoped by the global filter), in roster order.
    /// <c>q</c> matches the name, the pinyin initials (<c>zwh</c> finds 张卫华), the occupation or the employer.</summary>
    private static async Task<IResult> List(RosterQueries queries, string? q, long? term, long? group, long? professionalGroup,
        string? township, string? level, string? status, int? page, int? pageSize, CancellationToken ct) =>
        (await queries.ListAsync(new RosterFilter(q, term, group, professionalGroup, township, level, status), page, pageSize, ct)).ToHttp();

    private static async Task<IResult> Detail(long id, RosterQueries queries, CancellationToken ct) =>
        await queries.DetailAsync(id, ct) is { } detail ? TypedResults.Ok(detail) : Problems.NotFound();

    private static async Task<IResult> Create(RepresentativeRequest? req, RepresentativeEditor editor, CancellationToken ct) =>
        req is null ? Problems.Validation("body", "必填 / required")
            : (await editor.CreateAsync(req, ct)).ToHttp(v => TypedResults.Created($"/api/representatives/{v.Id}", v));

    private static async Task<IResult> Update(long id, RepresentativeRequest? req, RepresentativeEditor editor, CancellationToken ct) =>
        req is null ? Problems.Validation("body", "必填 / required") : (await editor.UpdateAsync(id, req, ct)).ToHttp();

    private static async Task<IResult> EndOfOffice(long id, EndOfOfficeRequest? req, RepresentativeEditor editor, CancellationToken ct) =>
        req is null ? Problems.Validation("body", "必填 / required") : (await editor.EndOfOfficeAsync(id, req, ct)).ToHttp();

    private static async Task<IResult> Reveal(long id, RevealRequest? req, RepresentativeEditor editor, CancellationToken ct) =>
        (await editor.RevealAsync(id, req?.Field, ct)).ToHttp();

    private static async Task<IResult> Photo(long id, RepresentativePhotos photos, HttpContext ctx, CancellationToken ct)
    {
        var photo = await photos.FindAsync(id, ct);
        if (photo is null) return Problems.NotFound();
        ctx.Response.Headers.CacheControl = "private, max-age=3600";
        return TypedResults.Bytes(photo.Bytes, photo.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{photo.Sha256}\""));
    }

    private static async Task<IResult> UploadPhoto(long id, HttpRequest request, RepresentativePhotos photos, CancellationToken ct)
    {
        var (bytes, _, problem) = await ReadUploadAsync(request, RepresentativePhotos.MaxBytes, ct);
        if (problem is not null) return problem;
        return (await photos.SaveAsync(id, bytes!, ct)).ToHttp(url => TypedResults.Ok(new { photoUrl = url }));
    }

    private static async Task<IResult> DeletePhoto(long id, RepresentativePhotos photos, CancellationToken ct) =>
        (await photos.DeleteAsync(id, ct)).ToHttp();

    private static async Task<IResult> Export(RosterExport export, TimeProvider clock, HttpContext ctx, string? q, long? term, long? group,
        long? professionalGroup, string? township, string? level, string? status, CancellationToken ct)
    {
        var rows = await export.RowsAsync(new RosterFilter(q, term, group, professionalGroup, township, level, status), ct);
        if (!rows.Ok) return rows.ToHttp();
        ctx.Response.ContentType = XlsxWriter.ContentType;
        ctx.Response.Headers.ContentDisposition = ContentDisposition(RosterExport.FileName(clock.Today()));
        ctx.Response.Headers.CacheControl = "no-store";
        await RosterExport.WriteAsync(ctx.Response.Body, rows.Value!, ct);
        return TypedResults.Empty;
    }

    private static async Task Template(HttpContext ctx, CancellationToken ct)
    {
        ctx.Response.ContentType = XlsxWriter.ContentType;
        ctx.Response.Headers.ContentDisposition = ContentDisposition("代表名册导入模板.xlsx");
        await RosterImport.TemplateAsync(ctx.Response.Body, ct);
    }

    /// <summary>Multipart field <c>file</c>; <c>?commit=true</c> imports, otherwise a preview. 200 with the
    /// report; a commit of a file with errors imports nothing and answers 400 <c>import-has-errors</c>
    /// carrying the same report; a file that is empty, too large, not what it claims or too long is 400.</summary>
    private static async Task<IResult> Import(HttpContext ctx, bool? commit, RosterImport import, IAntiforgery antiforgery, CancellationToken ct)
    {
        // Browsers authenticate by cookie: they must also carry the antiforgery token. API clients use a bearer token.
        if (!ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && !await antiforgery.IsRequestValidAsync(ctx))
            return Problems.Make(400, "antiforgery", "请求缺少防伪令牌", "Missing or invalid antiforgery token");
        var (bytes, fileName, problem) = await ReadUploadAsync(ctx.Request, RosterImport.MaxFileBytes, ct);
        if (problem is not null) return problem;
        var result = commit == true ? await import.CommitAsync(fileName, bytes!, ct) : await import.PreviewAsync(fileName, bytes!, ct);
        if (!result.Ok) return result.ToHttp();
        var report = result.Value!;
        if (commit == true && !report.Committed)
        {
            return Problems.Make(400, "import-has-errors", "文件有错误，未导入任何数据", "The file has errors; nothing was imported",
                $"{report.ErrorCount} error(s); fix them and upload the file again.",
                new Dictionary<string, object?>
                {
                    ["rows"] = report.Rows, ["errors"] = report.Errors, ["errorCount"] = report.ErrorCount, ["newGroups"] = report.NewGroups,
                    ["newConstituencies"] = report.NewConstituencies, ["unknownColumns"] = report.UnknownColumns,
                    ["committed"] = false, ["imported"] = 0,
                });
        }
        return TypedResults.Ok(report);
    }

    /// <summary>The bytes of the multipart field <c>file</c>, refused with a reason when absent, empty or too large.</summary>
    internal static async Task<(byte[]? Bytes, string? FileName, IResult? Problem)> ReadUploadAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        var mb = maxBytes / (1024 * 1024);
        if (request.ContentLength > maxBytes + 1024 * 1024)
            return (null, null, Problems.Validation("file", $"文件超过 {mb} MB / the file is larger than {mb} MB"));
        if (!request.HasFormContentType)
            return (null, null, Problems.Validation("file", "请以 multipart/form-data 上传，字段名 file / upload as multipart/form-data in a field named file"));
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return (null, null, Problems.Validation("file", $"无法读取上传的文件（不超过 {mb} MB）/ the upload could not be read (at most {mb} MB)"));
        }
        var file = form.Files.GetFile("file");
        if (file is null) return (null, null, Problems.Validation("file", "请选择文件（字段名 file）/ no file in the field named file"));
        if (file.Length == 0) return (null, null, Problems.Validation("file", "文件为空 / the file is empty"));
        if (file.Length > maxBytes) return (null, null, Problems.Validation("file", $"文件超过 {mb} MB / the file is larger than {mb} MB"));
        using var ms = new MemoryStream((int)file.Length);
        await file.CopyToAsync(ms, ct);
        return (ms.ToArray(), file.FileName, null);
    }

    private static async Task<IResult> Groups(RosterGroups groups, long? term, CancellationToken ct) =>
        TypedResults.Ok(await groups.OverviewAsync(term, ct));

    private static async Task<IResult> GroupHistory(string kind, long id, RosterGroups groups, CancellationToken ct) =>
        await groups.HistoryAsync(kind, id, ct) is { } history ? TypedResults.Ok(history) : Problems.NotFound();

    /// <summary>An ASCII fallback name and the real (Chinese) one, RFC 6266.</summary>
    private static string ContentDisposition(string fileName) =>
        $"attachment; filename=\"roster.xlsx\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
}
