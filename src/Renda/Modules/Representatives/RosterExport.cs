using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renda.Platform.Audit;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Spreadsheets;

namespace Renda.Modules.Representatives;

/// <summary>The filtered roster as an .xlsx workbook, phone and ID number masked as on screen. Each
/// export is audited (who, which filters, how many rows).</summary>
public sealed class RosterExport(AppDbContext db, RosterQueries queries, AuditTrail audit)
{
    public const string ExportAction = "representatives.export";

    public static readonly IReadOnlyList<XlsxColumn> Columns =
    [
        new("姓名", 10), new("性别", 6), new("民族", 8), new("出生日期", 12, XlsxCellType.Date), new("身份证号码", 22),
        new("手机号码", 14), new("职业", 18), new("工作单位", 30), new("代表层级", 12), new("选区", 20), new("代表小组", 20),
        new("专业代表小组", 14), new("乡镇（街道）", 14), new("状态", 8), new("离任日期", 12, XlsxCellType.Date), new("离任原因", 24),
    ];

    public static string FileName(DateOnly today) => $"代表名册-{today:yyyyMMdd}.xlsx";

    /// <summary>Checks the filters and loads the rows; the caller then writes them.</summary>
    public async Task<UseCaseResult<IReadOnlyList<IReadOnlyList<object?>>>> RowsAsync(RosterFilter f, CancellationToken ct = default)
    {
        if (RosterQueries.Validate(f) is { } errors) return UseCaseResult<IReadOnlyList<IReadOnlyList<object?>>>.Invalid(errors);
        var reps = await queries.Filtered(f).OrderBy(r => r.JurisdictionCode).ThenBy(r => r.Id)
            .Select(r => new
            {
                r.Name, r.Gender, r.Ethnicity, r.BirthDate, r.IdNumberMasked, r.PhoneMasked, r.Occupation, r.Employer, r.Levels,
                r.Constituency, Group = r.DelegationGroup!.Name, Professional = r.ProfessionalGroup == null ? null : r.ProfessionalGroup.Name,
                r.JurisdictionCode, r.Status, r.OfficeEndedOn, r.EndOfOfficeReason,
            })
            .ToListAsync(ct);
        var codes = reps.Select(r => r.JurisdictionCode).Distinct().ToList();
        var names = await db.Jurisdictions.AsNoTracking().Where(j => codes.Contains(j.Code)).ToDictionaryAsync(j => j.Code, j => j.Name, ct);
        IReadOnlyList<IReadOnlyList<object?>> rows = reps.Select(r => (IReadOnlyList<object?>)
        [
            r.Name, r.Gender == Gender.Male ? "男" : "女", r.Ethnicity, r.BirthDate, r.IdNumberMasked, r.PhoneMasked, r.Occupation, r.Employer,
            RepresentativeFields.LevelsLabel(r.Levels, english: false), r.Constituency, r.Group, r.Professional,
            names.GetValueOrDefault(r.JurisdictionCode), StatusLabel(r.Status, english: false), r.OfficeEndedOn, r.EndOfOfficeReason,
        ]).ToList();
        audit.Record(new AuditRecord(ExportAction, nameof(Representative), "", JsonSerializer.Serialize(new { filter = f, rows = rows.Count })));
        await db.SaveChangesAsync(ct);
        return UseCaseResult<IReadOnlyList<IReadOnlyList<object?>>>.Success(rows);
    }

    public static Task WriteAsync(Stream output, IReadOnlyList<IReadOnlyList<object?>> rows, CancellationToken ct = default) =>
        XlsxWriter.WriteAsync(output, "代表名册", Columns, rows, ct);

    public static string StatusLabel(RepresentativeStatus status, bool english) => (status, english) switch
    {
        (RepresentativeStatus.InOffice, false) => "在任",
        (RepresentativeStatus.Resigned, false) => "辞职",
        (RepresentativeStatus.Terminated, false) => "终止",
        (RepresentativeStatus.InOffice, true) => "In office",
        (RepresentativeStatus.Resigned, true) => "Resigned",
        _ => "Terminated",
    };
}
