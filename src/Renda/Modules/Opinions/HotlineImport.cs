using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Antiforgery;
using Renda.Modules.Representatives;
using Renda.Platform.Auth;
using Renda.Platform.Calendar;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Spreadsheets;

namespace Renda.Modules.Opinions;

/// <summary>One ticket of the 12345 hotline as it arrives (a CSV row or a JSON object).</summary>
public sealed record HotlineTicket(int Line, string? ExternalId, string? Content, string? Category, string? Phone, string? Time, string? Location);

public static class HotlineOutcomes
{
    public const string Created = "created", AlreadyPresent = "already_present", Rejected = "rejected";
}

public sealed record HotlineRowResult(int Line, string? ExternalId, string Outcome, long? OpinionId, IReadOnlyList<string> Reasons);

public sealed record HotlineImportReport(int Created, int AlreadyPresent, int Rejected, IReadOnlyList<HotlineRowResult> Rows);

/// <summary>12345 热线工单导入: a CSV (GB18030 or UTF-8, with a header row) or a JSON array of tickets becomes
/// opinions on channel <c>hotline</c> with ExternalSource <c>12345</c> and the ticket's id. Importing the same
/// batch again creates nothing twice (the unique ExternalSource+ExternalId index is the backstop); the report
/// tells, row by row, what was created, what was already there, and what was rejected and why. Each row is
/// its own transaction, so a bad row loses nothing of the good ones.</summary>
public sealed class HotlineImport(AppDbContext db, SubmitOpinion submit, ICurrentUser user, IConfiguration config, TimeProvider clock)
{
    public const string Source = "12345";
    public const int MaxRows = 5000;
    public const long MaxBytes = 10 * 1024 * 1024;

    private static readonly Dictionary<string, string[]> Headers = new()
    {
        ["externalId"] = ["externalid", "external_id", "id", "工单编号", "工单号", "编号"],
        ["content"] = ["content", "内容", "诉求内容", "来电内容", "反映内容"],
        ["category"] = ["category", "类别", "分类", "诉求类别", "问题类别"],
        ["phone"] = ["phone", "电话", "来电号码", "联系电话", "手机号码"],
        ["time"] = ["time", "时间", "来电时间", "受理时间"],
        ["location"] = ["location", "地点", "地址", "发生地点", "事发地点"],
    };

    /// <summary>Reads a file by its bytes: a JSON array when it starts with '[' (after a BOM and blanks), else CSV.</summary>
    public async Task<UseCaseResult<HotlineImportReport>> ImportFileAsync(byte[] data, CancellationToken ct = default)
    {
        if (data.Length == 0) return UseCaseResult<HotlineImportReport>.Invalid("file", "文件是空的");
        if (data.Length > MaxBytes) return UseCaseResult<HotlineImportReport>.Invalid("file", "文件不能超过10MB");
        List<HotlineTicket> tickets;
        try
        {
            tickets = LooksLikeJson(data) ? ParseJson(data) : ParseCsv(data);
        }
        catch (SpreadsheetFormatException e)
        {
            return UseCaseResult<HotlineImportReport>.Invalid("file", e.Zh);
        }
        catch (JsonException)
        {
            return UseCaseResult<HotlineImportReport>.Invalid("file", "JSON 格式有误：应为工单对象的数组");
        }
        catch (FormatException e)
        {
            return UseCaseResult<HotlineImportReport>.Invalid("file", e.Message);
        }
        if (tickets.Count > MaxRows) return UseCaseResult<HotlineImportReport>.Invalid("file", $"一次最多导入{MaxRows}条");
        return UseCaseResult<HotlineImportReport>.Success(await ImportAsync(tickets, ct));
    }

    public async Task<HotlineImportReport> ImportAsync(IReadOnlyList<HotlineTicket> tickets, CancellationToken ct = default)
    {
        var rows = new List<HotlineRowResult>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var jurisdiction = user.ScopeCode is { Length: > 0 } s && s != HttpCurrentUser.NoScope ? s : null;
        foreach (var t in tickets)
        {
            var id = t.ExternalId?.Trim();
            if (string.IsNullOrEmpty(id)) { rows.Add(Reject(t, "缺少工单编号")); continue; }
            if (id.Length > 128) { rows.Add(Reject(t, "工单编号超过128个字符")); continue; }
            if (!seen.Add(id) || await ExistingAsync(id, ct) is not null)
            {
                rows.Add(new HotlineRowResult(t.Line, id, HotlineOutcomes.AlreadyPresent, await ExistingAsync(id, ct), []));
                continue;
            }
            var reasons = new List<string>();
            var category = MapCategory(t.Category, out var categoryKnown);
            if (!categoryKnown) reasons.Add($"类别“{t.Category}”无对应，已置为未分类");
            DateTime? at = null;
            if (!string.IsNullOrWhiteSpace(t.Time))
            {
                if (ParseTime(t.Time) is { } parsed && parsed <= clock.GetUtcNow().UtcDateTime) at = parsed;
                else { rows.Add(Reject(t, $"时间“{t.Time}”无法识别或晚于当前时间")); continue; }
            }
            var input = new OpinionInput { Content = t.Content, Category = category, Phone = t.Phone, Location = t.Location };
            var origin = new OpinionOrigin(OpinionChannels.Hotline, ExternalSource: Source, ExternalId: id, JurisdictionCode: jurisdiction, PhoneOptional: true);
            try
            {
                var result = await submit.SubmitAsync(input, origin, user, ct, o => { if (at is { } v) o.CreatedAt = v; });
                if (result.Ok) rows.Add(new HotlineRowResult(t.Line, id, HotlineOutcomes.Created, result.Value!.Id, reasons));
                else rows.Add(Reject(t, result.Errors is { } errors ? errors.SelectMany(e => e.Value).ToArray() : [result.Zh ?? "无法导入"]));
            }
            catch (DbUpdateException)
            {
                // Another import of the same ticket won the unique index: it is there now.
                db.ChangeTracker.Clear();
                rows.Add(new HotlineRowResult(t.Line, id, HotlineOutcomes.AlreadyPresent, await ExistingAsync(id, ct), []));
            }
        }
        return new HotlineImportReport(
            rows.Count(r => r.Outcome == HotlineOutcomes.Created), rows.Count(r => r.Outcome == HotlineOutcomes.AlreadyPresent),
            rows.Count(r => r.Outcome == HotlineOutcomes.Rejected), rows);
    }

    private static HotlineRowResult Reject(HotlineTicket t, params string[] reasons) =>
        new(t.Line, string.IsNullOrWhiteSpace(t.ExternalId) ? null : t.ExternalId.Trim(), HotlineOutcomes.Rejected, null, reasons);

    private async Task<long?> ExistingAsync(string id, CancellationToken ct) =>
        await db.Set<Opinion>().IgnoreQueryFilters().Where(o => o.ExternalSource == Source && o.ExternalId == id)
            .Select(o => (long?)o.Id).FirstOrDefaultAsync(ct);

    /// <summary>A category code, its Chinese or English label, or a label mapped in
    /// <c>Opinions:Hotline:Categories:{label}</c>; anything else is left uncategorized (for triage).</summary>
    private string? MapCategory(string? raw, out bool known)
    {
        known = true;
        var v = raw?.Trim();
        if (string.IsNullOrEmpty(v)) return null;
        if (config[$"Opinions:Hotline:Categories:{v}"] is { } mapped && OpinionCategories.IsKnown(mapped)) return mapped;
        if (OpinionCategories.All.FirstOrDefault(c => c.Code == v || c.Zh == v || string.Equals(c.En, v, StringComparison.OrdinalIgnoreCase)) is { } c)
            return c.Code;
        known = false;
        return null;
    }

    /// <summary>A time as the hotline writes it, in China Standard Time unless it carries an offset.</summary>
    public static DateTime? ParseTime(string text)
    {
        var t = text.Trim();
        if (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset)
            && (t.EndsWith('Z') || t.Contains('+') || t.LastIndexOf('-') > 9))
            return withOffset.UtcDateTime;
        string[] formats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm", "yyyy-MM-dd", "yyyy/M/d", "yyyy-MM-ddTHH:mm:ss"];
        return DateTime.TryParseExact(t, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? DateTime.SpecifyKind(local - ChinaTime.Offset, DateTimeKind.Utc)
            : null;
    }

    private static bool LooksLikeJson(byte[] data)
    {
        var (encoding, preamble) = CsvReader.DetectEncoding(data);
        var head = encoding.GetString(data, preamble, Math.Min(data.Length - preamble, 64)).TrimStart();
        return head.StartsWith('[');
    }

    private static List<HotlineTicket> ParseJson(byte[] data)
    {
        var (encoding, preamble) = CsvReader.DetectEncoding(data);
        using var doc = JsonDocument.Parse(encoding.GetString(data, preamble, data.Length - preamble));
        if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new JsonException("not an array");
        var list = new List<HotlineTicket>();
        var i = 0;
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            i++;
            if (e.ValueKind != JsonValueKind.Object) { list.Add(new HotlineTicket(i, null, null, null, null, null, null)); continue; }
            string? P(string field) => Headers[field].Select(n => Prop(e, n)).FirstOrDefault(v => v is not null);
            list.Add(new HotlineTicket(i, P("externalId"), P("content"), P("category"), P("phone"), P("time"), P("location")));
        }
        return list;
    }

    private static string? Prop(JsonElement e, string name)
    {
        foreach (var p in e.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                return p.Value.ValueKind switch
                {
                    JsonValueKind.String => p.Value.GetString(),
                    JsonValueKind.Number => p.Value.GetRawText(),
                    _ => null,
                };
        return null;
    }

    private static List<HotlineTicket> ParseCsv(byte[] data)
    {
        var rows = CsvReader.Read(data).Where(r => !r.IsBlank).ToList();
        if (rows.Count == 0) throw new FormatException("文件没有内容");
        var header = rows[0].Cells.Select(c => c.Trim().ToLowerInvariant()).ToList();
        var columns = Headers.ToDictionary(h => h.Key, h => header.FindIndex(c => h.Value.Contains(c)));
        var missing = new[] { "externalId", "content" }.Where(k => columns[k] < 0).ToList();
        if (missing.Count > 0)
            throw new FormatException($"表头缺少列：{string.Join("、", missing.Select(k => Headers[k][3]))}（第一行应为表头：工单编号,内容,类别,电话,时间,地点）");
        string? Cell(SheetRow r, string key) => columns[key] < 0 ? null : r.Cell(columns[key]) is { Length: > 0 } v ? v : null;
        return rows.Skip(1).Select(r => new HotlineTicket(r.Line, Cell(r, "externalId"), Cell(r, "content"), Cell(r, "category"),
            Cell(r, "phone"), Cell(r, "time"), Cell(r, "location"))).ToList();
    }
}

public static class HotlineImportApi
{
    public static IEndpointRouteBuilder MapHotlineImportApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/opinions/hotline-import", async (HttpContext ctx, HotlineImport import, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            // Browsers authenticate by cookie and must carry the antiforgery token; API clients use a bearer token.
            if (!ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                && !await antiforgery.IsRequestValidAsync(ctx))
                return Problems.Make(400, "antiforgery", "请求缺少防伪令牌", "Missing or invalid antiforgery token");
            byte[] data;
            if (ctx.Request.HasFormContentType)
            {
                var (bytes, _, problem) = await RepresentativesApi.ReadUploadAsync(ctx.Request, HotlineImport.MaxBytes, ct);
                if (problem is not null) return problem;
                data = bytes!;
            }
            else
            {
                // A JSON array or CSV text as the body itself.
                if (ctx.Request.ContentLength > HotlineImport.MaxBytes) return Problems.Validation("file", "文件不能超过10MB / at most 10 MB");
                using var ms = new MemoryStream();
                await ctx.Request.Body.CopyToAsync(ms, ct);
                if (ms.Length > HotlineImport.MaxBytes) return Problems.Validation("file", "文件不能超过10MB / at most 10 MB");
                data = ms.ToArray();
            }
            return (await import.ImportFileAsync(data, ct)).ToHttp();
        }).RequireAuthorization(p => p.RequireRole(Roles.CongressStaff)).DisableAntiforgery().WithTags("Opinions (feeds)");
        return app;
    }
}
