using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Renda.Platform.Spreadsheets;
using Renda.Platform.Validation;

namespace Renda.IntegrationTests.Representatives;

/// <summary>A row of a roster file, in the template's eleven columns.</summary>
public sealed record RosterLine(string Name, string Gender, string Ethnicity, string BirthDate, string IdNumber, string Phone,
    string Occupation, string Employer, string Constituency, string DelegationGroup, string ProfessionalGroup)
{
    public string[] Cells => [Name, Gender, Ethnicity, BirthDate, IdNumber, Phone, Occupation, Employer, Constituency, DelegationGroup, ProfessionalGroup];
}

/// <summary>Fictional people with valid, unique ID numbers (area 330521 德清县, never the demo's 330523)
/// and phone numbers, and the files staff would upload.</summary>
public static class RosterFiles
{
    public static readonly string[] Header = ["姓名", "性别", "民族", "出生日期", "身份证号码", "手机号码", "职业", "工作单位", "选区", "代表小组", "专业代表小组"];

    private static int _next;
    private static readonly HashSet<string> Issued = [];

    /// <summary>A valid ID number for a birth date and gender, never issued before in this test run.</summary>
    public static string IdNumber(DateOnly birth, bool male)
    {
        lock (Issued)
        {
            for (var n = 0; ; n++)
            {
                var sequence = (n + _next) % 499 * 2 + (male ? 1 : 2);
                var first17 = $"330521{birth:yyyyMMdd}{sequence:D3}";
                var id = first17 + ChineseId.CheckDigit(first17);
                if (Issued.Add(id)) return id;
            }
        }
    }

    public static string Phone()
    {
        var n = Interlocked.Increment(ref _next);
        return "139" + (n * 7919 % 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
    }

    public static RosterLine Person(string name, bool male = true, DateOnly? birth = null, string group = "递铺街道代表小组",
        string constituency = "递铺街道第1选区", string professional = "城市建设")
    {
        var b = birth ?? new DateOnly(1970 + Interlocked.Increment(ref _next) % 30, 1 + _next % 12, 1 + _next % 28);
        return new RosterLine(name, male ? "男" : "女", "汉族", b.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), IdNumber(b, male), Phone(),
            "教师", "安吉县实验小学", constituency, group, professional);
    }

    /// <summary>Distinct two- or three-character names, so searches can find exactly one.</summary>
    public static string Name(int i)
    {
        const string surnames = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜";
        const string given = "一乙二十丁厂七卜人入八九几儿了力乃刀又三于干亏士工土才寸下大丈与万上小口巾山千乞川亿个勺久凡及夕丸么广亡门义之尸弓己已子卫也女飞刃习叉马乡丰王井开夫天无元专云扎艺木五支厅不太犬区历尤友匹车巨牙屯比互切瓦止少日中冈贝内水见午牛手毛气升长仁什片仆化仇币仍仅斤爪反介父从今凶分乏公仓月氏勿欠风丹匀乌凤勾文六方火为斗忆订计户认心尺引丑巴孔队办以允予劝双书幻";
        return surnames[i % surnames.Length].ToString() + given[i / surnames.Length % given.Length] + given[(i * 7 + 3) % given.Length];
    }

    public static string CsvText(IEnumerable<string[]> rows) =>
        string.Concat(rows.Select(r => string.Join(",", r.Select(Quote)) + "\r\n"));

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    public static IEnumerable<string[]> WithHeader(IEnumerable<RosterLine> lines) => new[] { Header }.Concat(lines.Select(l => l.Cells));

    /// <summary>CSV as Excel in a Chinese Windows saves it: GB18030, no BOM.</summary>
    public static byte[] Gb18030Csv(IEnumerable<RosterLine> lines) => CsvReader.Gb18030.GetBytes(CsvText(WithHeader(lines)));

    public static byte[] Utf8Csv(IEnumerable<RosterLine> lines, bool bom)
    {
        var body = Encoding.UTF8.GetBytes(CsvText(WithHeader(lines)));
        return bom ? [0xEF, 0xBB, 0xBF, .. body] : body;
    }

    /// <summary>An .xlsx with the birth dates as real date cells.</summary>
    public static byte[] Xlsx(IEnumerable<RosterLine> lines)
    {
        var columns = Header.Select((h, i) => new XlsxColumn(h, 14, i == 3 ? XlsxCellType.Date : XlsxCellType.Text)).ToList();
        using var ms = new MemoryStream();
        XlsxWriter.Write(ms, "名册", columns, lines.Select(l => (IReadOnlyList<object?>)l.Cells
            .Select((c, i) => i == 3 ? DateOnly.ParseExact(c, "yyyy-MM-dd", CultureInfo.InvariantCulture) : (object?)c).ToList()));
        return ms.ToArray();
    }

    public static MultipartFormDataContent Upload(byte[] bytes, string fileName, string mediaType = "text/csv")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }
}
