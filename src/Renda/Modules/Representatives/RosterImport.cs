using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Renda.Modules.Congress;
using Renda.Platform.Audit;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Spreadsheets;
using Renda.Platform.Validation;

namespace Renda.Modules.Representatives;

/// <summary>One bad value of an imported file: the 1-based line of the file (the header is line 1), the
/// API field and the file's column, a stable reason code and a message in Chinese and English.</summary>
public sealed record ImportError(int Line, string Field, string Column, string Reason, string Message)
{
    [System.Text.Json.Serialization.JsonIgnore] public string Zh { get; init; } = Message;
    [System.Text.Json.Serialization.JsonIgnore] public string En { get; init; } = Message;
}

/// <summary>What an import preview or commit found. <see cref="Rows"/> counts the data rows (blank lines
/// are skipped); <see cref="Errors"/> lists every bad value (at most <see cref="RosterImport.MaxErrorsShown"/>,
/// <see cref="ErrorCount"/> says how many in all); new delegation groups and constituencies are created
/// by the commit; unknown columns are ignored.</summary>
public sealed record ImportReport(
    int Rows, IReadOnlyList<ImportError> Errors, int ErrorCount, IReadOnlyList<string> NewGroups, IReadOnlyList<string> NewConstituencies,
    IReadOnlyList<string> UnknownColumns, bool Committed, int Imported, string Term, long TermId);

/// <summary>Imports a roster from .xlsx or .csv (GB18030 as Excel in China saves it, UTF-8 with or
/// without BOM): a preview that lists every bad row with its line and reason, then an all-or-nothing
/// commit of a file without errors — in one transaction, with one audit entry for the import besides
/// the entry per created row. The template (<see cref="TemplateAsync"/>) has the header row and one
/// example row.</summary>
public sealed class RosterImport(AppDbContext db, PersonalData pd, TimeProvider clock, RosterTerms terms, IOptions<RosterOptions> options,
    AuditTrail audit, ILogger<RosterImport> log)
{
    public const long MaxFileBytes = 20L * 1024 * 1024;
    public const int MaxRows = 50_000;
    public const int MaxErrorsShown = 1_000;
    public const string ImportAction = "representatives.import";

    /// <summary>A column of the file: the API field, its header in the template, whether the header must
    /// be present, and other headers people use for it.</summary>
    public sealed record Column(string Field, string Header, bool Required, params string[] Aliases);

    /// <summary>The template's columns in order (the eleven of the roster), then the optional ones.</summary>
    public static readonly IReadOnlyList<Column> Columns =
    [
        new("name", "姓名", true),
        new("gender", "性别", true),
        new("ethnicity", "民族", true),
        new("birthDate", "出生日期", true, "出生年月"),
        new("idNumber", "身份证号码", true, "身份证号", "公民身份号码", "身份证"),
        new("phone", "手机号码", true, "手机号", "手机", "联系电话", "移动电话"),
        new("occupation", "职业", false, "职务"),
        new("employer", "工作单位", false, "单位"),
        new("constituency", "选区", true, "选举单位", "选区或选举单位", "选区（选举单位）"),
        new("delegationGroup", "代表小组", true, "所在代表小组"),
        new("professionalGroup", "专业代表小组", false, "专业小组", "所在专业代表小组"),
        new("levels", "代表层级", false, "层级", "代表级别"),
        new("township", "乡镇（街道）", false, "乡镇", "所属乡镇", "乡镇街道", "所属乡镇（街道）"),
        new("officeStartedOn", "任职起始日期", false, "任职日期", "当选日期"),
    ];

    /// <summary>The ID number of the template's example row: an import that still holds it is told so.</summary>
    public static readonly string ExampleIdNumber = "33052319750308123" + ChineseId.CheckDigit("33052319750308123");

    public static readonly IReadOnlyList<string> ExampleRow =
        ["张卫华", "男", "汉族", "1975-03-08", ExampleIdNumber, "13800000000", "村党组织书记", "安吉县递铺街道鹤鹿溪村", "递铺街道第1选区", "递铺街道代表小组", "农业农村", "县级", "递铺街道", ""];

    public Task<UseCaseResult<ImportReport>> PreviewAsync(string? fileName, byte[] data, CancellationToken ct = default) =>
        RunAsync(fileName, data, commit: false, ct);

    /// <summary>Imports the file when it has no errors; otherwise imports nothing and returns the report
    /// with <c>Committed = false</c>.</summary>
    public Task<UseCaseResult<ImportReport>> CommitAsync(string? fileName, byte[] data, CancellationToken ct = default) =>
        RunAsync(fileName, data, commit: true, ct);

    private async Task<UseCaseResult<ImportReport>> RunAsync(string? fileName, byte[] data, bool commit, CancellationToken ct)
    {
        if (data.Length == 0) return Refused("import-empty", "文件为空", "The file is empty");
        if (data.Length > MaxFileBytes) return Refused("import-too-large", "文件超过 20 MB", "The file is larger than 20 MB");
        var term = await terms.ResolveAsync(null, ct);
        if (term is null) return Refused("no-current-term", "您所在行政区划没有当届人大，无法导入", "There is no current term in your jurisdiction to import into");

        var watch = Stopwatch.StartNew();
        await using var tx = commit ? await db.BeginWriteTransactionAsync(ct) : null;
        var places = await RosterPlaces.LoadAsync(db, term, ct);
        var onRoster = (await db.Set<Representative>().Where(r => r.TermId == term.Id && r.IdNumberIndex != null)
            .Select(r => r.IdNumberIndex!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

        Parsed parsed;
        try
        {
            parsed = Parse(SpreadsheetFiles.Read(fileName, data), term, places, onRoster);
        }
        catch (SpreadsheetFormatException e)
        {
            return Refused("import-bad-file", e.Zh, e.En, e.Code);
        }
        catch (TooManyRowsException)
        {
            return Refused("import-too-many-rows", $"数据超过 {MaxRows:N0} 行", $"The file has more than {MaxRows:N0} rows");
        }
        if (parsed.Rows == 0 && parsed.Errors.Count == 0) return Refused("import-empty", "文件中没有数据行", "The file has no data rows");

        var imported = 0;
        if (commit && parsed.Errors.Count == 0)
        {
            try
            {
                imported = await SaveAsync(parsed, term, places, data, ct);
                await tx!.CommitAsync(ct);
            }
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
            {
                // A unique index held against a change made since the check (the same person added meanwhile).
                log.LogWarning("Roster import into term {TermId} rolled back: {Error}", term.Id, e.GetType().Name);
                return UseCaseResult<ImportReport>.Refused(409, "import-conflict", "名册在导入期间被修改，未导入任何数据，请重新检查文件",
                    "The roster changed during the import; nothing was imported: check the file again");
            }
            log.LogInformation("Roster import: {Rows} representatives into term {TermId} in {Elapsed} ms", imported, term.Id, watch.ElapsedMilliseconds);
        }
        var errors = parsed.Errors.OrderBy(e => e.Line).ThenBy(e => FieldOrder(e.Field)).ToList();
        return UseCaseResult<ImportReport>.Success(new ImportReport(parsed.Rows, errors.Take(MaxErrorsShown).ToList(), errors.Count,
            places.NewGroups, places.NewConstituencies, parsed.UnknownColumns, imported > 0, imported,
            term.Congress!.Name + term.Title, term.Id));
    }

    private sealed class TooManyRowsException : Exception;

    private sealed record Row(int Line, RepresentativeValues Values);

    private sealed record Parsed(int Rows, List<ImportError> Errors, List<Row> Good, List<string> UnknownColumns);

    private Parsed Parse(IEnumerable<SheetRow> sheet, Term term, RosterPlaces places, HashSet<string> onRoster)
    {
        var errors = new List<ImportError>();
        var good = new List<Row>();
        var unknown = new List<string>();
        Dictionary<string, (int Index, string Header)>? map = null;
        var electingUnits = false;
        var rows = 0;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var today = clock.Today();
        var professional = options.Value.ProfessionalGroupNames;
        SheetRow? firstNonBlank = null;

        foreach (var row in sheet)
        {
            if (row.IsBlank) continue;
            if (map is null)
            {
                firstNonBlank ??= row;
                // The header is the first row naming 姓名 (a title row above it is allowed), within the first ten.
                if (!row.Cells.Any(c => Normalize(c) == "姓名"))
                {
                    if (row.Line - firstNonBlank.Line >= 10) break;
                    continue;
                }
                (map, unknown, electingUnits) = Header(row, errors);
                if (errors.Count > 0) break;   // without its columns no row can be read
                continue;
            }
            if (++rows > MaxRows) throw new TooManyRowsException();
            string Cell(string field) => map.TryGetValue(field, out var c) ? row.Cell(c.Index) : "";
            var input = new RepresentativeInput
            {
                Name = Cell("name"), Gender = Cell("gender"), Ethnicity = Cell("ethnicity"), BirthDate = Cell("birthDate"),
                IdNumber = Cell("idNumber"), Phone = Cell("phone"), Occupation = Cell("occupation"), Employer = Cell("employer"),
                Levels = Cell("levels"), Constituency = Cell("constituency"), ConstituencyKind = electingUnits ? "electing_unit" : null,
                DelegationGroup = Cell("delegationGroup"), ProfessionalGroup = Cell("professionalGroup"), Township = Cell("township"),
                OfficeStartedOn = Cell("officeStartedOn"),
            };
            var rowErrors = new List<FieldError>();
            var values = RepresentativeFields.Check(input, professional, today, rowErrors);

            // Duplicates are checked on any well-formed ID number, whatever else is wrong with the row.
            var id = ChineseId.Check(input.IdNumber?.Trim().TrimStart('\'')) == ChineseId.Problem.None ? ChineseId.Normalize(input.IdNumber!.Trim().TrimStart('\'')) : null;
            if (id is not null)
            {
                if (id == ExampleIdNumber)
                    rowErrors.Add(new("idNumber", "template_example", "这是模板中的示例行，请删除", "this is the template's example row: delete it"));
                else if (seen.TryGetValue(id, out var first))
                    rowErrors.Add(new("idNumber", "duplicate_in_file", $"身份证号码与第 {first} 行重复", $"same ID number as line {first}"));
                else
                {
                    seen[id] = row.Line;
                    if (onRoster.Contains(pd.BlindIndex(id)!))
                        rowErrors.Add(new("idNumber", "duplicate_in_roster", "本届名册中已有该身份证号码的代表", "already on this term's roster (same ID number)"));
                }
            }
            var township = RepresentativeFields.Clean(input.Township);
            string? townshipCode = null;
            if (township is not null && (townshipCode = places.Township(township)) is null)
                rowErrors.Add(new("township", "unknown_township", "不是本行政区划的乡镇（街道）", "not a township of this jurisdiction"));
            if (values?.OfficeStartedOn is { } started && !term.Covers(started))
                rowErrors.Add(new("officeStartedOn", RepresentativeFields.Reasons.InvalidDate, "任职起始日期不在本届任期内", "not within the term"));

            // Name the groups and constituencies the file brings, so the preview can say which are new.
            var groupName = RepresentativeFields.Clean(input.DelegationGroup);
            if (groupName is { Length: <= RepresentativeFields.GroupMax })
            {
                var jurisdiction = places.JurisdictionFor(groupName, townshipCode);
                places.Group(groupName, jurisdiction);
                if (RepresentativeFields.Clean(input.Constituency) is { Length: <= RepresentativeFields.ConstituencyMax } constituency)
                    places.Constituency(constituency, electingUnits ? ConstituencyKind.ElectingUnit : ConstituencyKind.Constituency, jurisdiction);
            }

            foreach (var e in rowErrors)
                errors.Add(new ImportError(row.Line, e.Field, map.TryGetValue(e.Field, out var col) ? col.Header : HeaderOf(e.Field), e.Reason, e.Message)
                    { Zh = e.Zh, En = e.En });
            if (rowErrors.Count == 0 && values is not null) good.Add(new Row(row.Line, values));
        }
        if (map is null && firstNonBlank is not null)
            errors.Add(new ImportError(firstNonBlank.Line, "name", "姓名", "missing_column", "找不到表头（应有“姓名”等列）/ no header row (a 姓名 column is expected)")
                { Zh = "找不到表头（应有“姓名”等列）", En = "no header row (a 姓名 column is expected)" });
        return new Parsed(rows, errors, good, unknown);
    }

    private static (Dictionary<string, (int, string)>, List<string>, bool) Header(SheetRow row, List<ImportError> errors)
    {
        var map = new Dictionary<string, (int, string)>(StringComparer.Ordinal);
        var unknown = new List<string>();
        var electingUnits = false;
        for (var i = 0; i < row.Cells.Count; i++)
        {
            var header = row.Cells[i].Trim();
            if (header.Length == 0) continue;
            var n = Normalize(header);
            var column = Columns.FirstOrDefault(c => Normalize(c.Header) == n || c.Aliases.Any(a => Normalize(a) == n));
            if (column is null)
            {
                unknown.Add(header);
                continue;
            }
            if (map.ContainsKey(column.Field))
            {
                errors.Add(new ImportError(row.Line, column.Field, header, "duplicate_column", $"列“{header}”重复 / the column appears twice")
                    { Zh = $"列“{header}”重复", En = "the column appears twice" });
                continue;
            }
            map[column.Field] = (i, header);
            if (column.Field == "constituency" && n == "选举单位") electingUnits = true;
        }
        foreach (var c in Columns.Where(c => c.Required && !map.ContainsKey(c.Field)))
            errors.Add(new ImportError(row.Line, c.Field, c.Header, "missing_column", $"缺少“{c.Header}”列 / the {c.Header} column is missing")
                { Zh = $"缺少“{c.Header}”列", En = $"the {c.Header} column is missing" });
        return (map, unknown, electingUnits);
    }

    /// <summary>Headers as people type them: spaces, required-field stars and full-width brackets do not matter.</summary>
    private static string Normalize(string header) =>
        new string(header.Where(c => !char.IsWhiteSpace(c) && c is not ('*' or '＊')).ToArray()).Replace('(', '（').Replace(')', '）');

    private static string HeaderOf(string field) => Columns.FirstOrDefault(c => c.Field == field)?.Header ?? field;

    private static int FieldOrder(string field)
    {
        for (var i = 0; i < Columns.Count; i++) if (Columns[i].Field == field) return i;
        return Columns.Count;
    }

    private async Task<int> SaveAsync(Parsed parsed, Term term, RosterPlaces places, byte[] data, CancellationToken ct)
    {
        var congressLevel = RepresentativeFields.LevelOfCongress(term.Congress!.Level);
        var reps = new List<Representative>(parsed.Good.Count);
        foreach (var (_, v) in parsed.Good)
        {
            var township = places.Township(v.Township);
            var jurisdiction = places.JurisdictionFor(v.DelegationGroup, township);
            var rep = new Representative
            {
                TermId = term.Id,
                JurisdictionCode = jurisdiction,
                Gender = v.Gender,
                Ethnicity = v.Ethnicity,
                BirthDate = v.BirthDate,
                Occupation = v.Occupation,
                Employer = v.Employer,
                Levels = v.Levels | congressLevel,
                Constituency = v.Constituency,
                ConstituencyRecord = places.Constituency(v.Constituency, v.ConstituencyKind, jurisdiction),
                DelegationGroup = places.Group(v.DelegationGroup, jurisdiction),
                ProfessionalGroup = places.Professional(v.ProfessionalGroup),
                Status = RepresentativeStatus.InOffice,
                OfficeStartedOn = v.OfficeStartedOn,
                PublicCode = PublicCodes.New(),
            };
            rep.SetName(v.Name);
            rep.SetIdNumber(pd, v.IdNumber);
            rep.SetPhone(pd, v.Phone);
            reps.Add(rep);
        }

        // New groups and constituencies first (audited by SaveChanges), with the import's own entry.
        places.Attach(db);
        audit.Record(new AuditRecord(ImportAction, nameof(Representative), term.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(new
            {
                termId = term.Id, rows = reps.Count, newGroups = places.NewGroups.Count, newConstituencies = places.NewConstituencies.Count,
                sha256 = Convert.ToHexStringLower(SHA256.HashData(data)),
            }),
            JurisdictionCode: term.JurisdictionCode));
        await db.SaveChangesAsync(ct);

        // Then the representatives in bulk, each audited as a created row, and their opening memberships.
        foreach (var r in reps)
        {
            r.DelegationGroupId = r.DelegationGroup!.Id;
            r.ProfessionalGroupId = r.ProfessionalGroup?.Id;
            r.ConstituencyId = r.ConstituencyRecord?.Id;
        }
        await BulkInsert.InsertAsync(db, reps, new BulkInsert.ReadBack<Representative>(nameof(Representative.PublicCode), r => r.PublicCode, (r, id) => r.Id = id), ct);
        BulkInsert.AuditCreated(db, audit, reps, r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r => r.JurisdictionCode);
        await db.SaveChangesAsync(ct);
        var memberships = new List<GroupMembership>(reps.Count * 2);
        foreach (var r in reps)
        {
            var start = r.OfficeStartedOn ?? term.StartsOn;
            memberships.Add(new GroupMembership { RepresentativeId = r.Id, Kind = GroupKind.Delegation, DelegationGroupId = r.DelegationGroupId, StartsOn = start, JurisdictionCode = r.JurisdictionCode });
            if (r.ProfessionalGroupId is { } pg)
                memberships.Add(new GroupMembership { RepresentativeId = r.Id, Kind = GroupKind.Professional, ProfessionalGroupId = pg, StartsOn = start, JurisdictionCode = r.JurisdictionCode });
        }
        await BulkInsert.InsertAsync(db, memberships, null, ct);
        return reps.Count;
    }

    private static UseCaseResult<ImportReport> Refused(string slug, string zh, string en, string? detail = null) =>
        UseCaseResult<ImportReport>.Refused(400, slug, zh, en, detail);

    /// <summary>The template: the header row and one example row, the ID and phone columns formatted as text.</summary>
    public static async Task TemplateAsync(Stream output, CancellationToken ct = default)
    {
        var columns = Columns.Select(c => new XlsxColumn(c.Header, c.Field switch
        {
            "idNumber" => 22, "employer" => 28, "constituency" or "delegationGroup" => 20, "phone" => 14, _ => 12,
        })).ToList();
        await XlsxWriter.WriteAsync(output, "代表名册", columns, [ExampleRow.Cast<object?>().ToList()], ct);
    }
}
