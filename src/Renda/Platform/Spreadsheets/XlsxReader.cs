using System.Globalization;
using System.IO.Packaging;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Renda.Platform.Spreadsheets;

/// <summary>Reads the first worksheet of an .xlsx workbook with the Open XML SDK's SAX reader, one
/// row in memory at a time: shared strings (rich text joined, phonetic runs left out), inline strings,
/// formula results, booleans, and numbers — those formatted as dates (built-in formats 14–22, 45–47 or a
/// custom format with date parts) become <c>yyyy-MM-dd</c> (with <c>HH:mm:ss</c> when there is a time),
/// from the serial number in the 1900 or 1904 system; whole numbers are written without exponent
/// (<c>13812348000</c>, not <c>1.3812348E10</c>).</summary>
public static class XlsxReader
{
    /// <summary>Shared strings beyond this are refused: a defence against inflated files.</summary>
    public const int MaxSharedStrings = 2_000_000;

    /// <exception cref="SpreadsheetFormatException">not a zip, or a zip that is not a workbook.</exception>
    public static IEnumerable<SheetRow> Read(Stream stream)
    {
        Span<byte> head = stackalloc byte[8];
        var n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        if (n == 0) throw new SpreadsheetFormatException("empty", "文件为空", "The file is empty");
        if (SpreadsheetFiles.LooksLikeOldExcel(head[..n]))
            throw new SpreadsheetFormatException("xls_unsupported", "不支持旧版 Excel（.xls）文件，请另存为 .xlsx 后再上传",
                "Old Excel (.xls) files are not supported: save as .xlsx and upload again");
        if (!SpreadsheetFiles.LooksLikeZip(head[..n])) throw NotXlsx();

        SpreadsheetDocument? doc = null;
        WorksheetPart sheet;
        Context context;
        try
        {
            doc = SpreadsheetDocument.Open(stream, false);
            var workbook = doc.WorkbookPart ?? throw NotXlsx();
            var first = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw NotXlsx();
            sheet = first.Id?.Value is { } id && workbook.GetPartById(id) is WorksheetPart ws ? ws : throw NotXlsx();
            context = new Context(
                SharedStrings(workbook.SharedStringTablePart),
                DateStyles(workbook.WorkbookStylesPart?.Stylesheet),
                workbook.Workbook.WorkbookProperties?.Date1904?.Value == true);
        }
        catch (Exception e) when (e is OpenXmlPackageException or FileFormatException or InvalidDataException or XmlException
                                      or IOException or InvalidOperationException or ArgumentException)
        {
            doc?.Dispose();
            throw NotXlsx();
        }
        catch
        {
            doc?.Dispose();
            throw;
        }
        return Rows(doc, sheet, context);
    }

    private static SpreadsheetFormatException NotXlsx() =>
        new("not_xlsx", "文件不是有效的 Excel 工作簿（.xlsx）", "The file is not a valid Excel workbook (.xlsx)");

    private sealed record Context(List<string> Strings, HashSet<uint> DateStyles, bool Date1904);

    private static IEnumerable<SheetRow> Rows(SpreadsheetDocument doc, WorksheetPart sheet, Context context)
    {
        using (doc)
        {
            using var reader = OpenXmlReader.Create(sheet);
            var previous = 0;
            var ok = reader.Read();
            while (ok && !reader.EOF)
            {
                if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
                {
                    ok = reader.Read();
                    continue;
                }
                Row row;
                try
                {
                    row = (Row)reader.LoadCurrentElement()!;   // moves the reader past the row
                }
                catch (XmlException)
                {
                    throw NotXlsx();
                }
                var line = row.RowIndex?.Value is { } index ? (int)index : previous + 1;
                previous = line;
                yield return new SheetRow(line, Cells(row, context));
            }
        }
    }

    private static string[] Cells(Row row, Context context)
    {
        var cells = new List<string>();
        foreach (var cell in row.Elements<Cell>())
        {
            var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
            if (column < cells.Count) column = cells.Count;   // a malformed reference never overwrites
            while (cells.Count < column) cells.Add("");
            cells.Add(Value(cell, context));
        }
        return cells.ToArray();
    }

    private static string Value(Cell cell, Context context)
    {
        var raw = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < context.Strings.Count ? context.Strings[i] : "";
        if (type == CellValues.InlineString) return cell.InlineString is { } inline ? Join(inline) : raw;
        if (type == CellValues.Boolean) return raw == "1" ? "TRUE" : "FALSE";
        if (type == CellValues.String || type == CellValues.Error) return raw;
        if (type == CellValues.Date)
            return DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var iso) ? DateText(iso) : raw;
        if (raw.Length == 0) return "";
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return raw;
        if (cell.StyleIndex?.Value is { } style && context.DateStyles.Contains(style) && number is >= 0 and < 2_958_466)
            return DateText(FromSerial(number, context.Date1904));
        if (Math.Abs(number) < 1e15 && number == Math.Floor(number))
            return ((long)number).ToString(CultureInfo.InvariantCulture);
        return number.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>A serial number of the 1900 system (day 60 is Excel's phantom 29 February 1900) or of the 1904 system.</summary>
    public static DateTime FromSerial(double serial, bool date1904 = false)
    {
        if (date1904) return new DateTime(1904, 1, 1).AddDays(serial);
        if (serial < 60) serial += 1;   // before the phantom leap day, serial 1 is 1900-01-01
        return new DateTime(1899, 12, 30).AddDays(serial);
    }

    private static string DateText(DateTime d)
    {
        var rounded = new DateTime(d.Ticks - d.Ticks % TimeSpan.TicksPerSecond + (d.Ticks % TimeSpan.TicksPerSecond >= TimeSpan.TicksPerSecond / 2 ? TimeSpan.TicksPerSecond : 0));
        return rounded.TimeOfDay == TimeSpan.Zero
            ? rounded.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : rounded.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>"C12" → 2.</summary>
    public static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z') index = index * 26 + (c - 'A' + 1);
            else if (c is >= 'a' and <= 'z') index = index * 26 + (c - 'a' + 1);
            else break;
            if (index > 16_384) return 16_383;
        }
        return Math.Max(0, index - 1);
    }

    private static List<string> SharedStrings(SharedStringTablePart? part)
    {
        var strings = new List<string>();
        if (part is null) return strings;
        using var reader = OpenXmlReader.Create(part);
        var ok = reader.Read();
        while (ok && !reader.EOF)
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                if (strings.Count >= MaxSharedStrings) throw NotXlsx();
                strings.Add(Join((SharedStringItem)reader.LoadCurrentElement()!));
            }
            else ok = reader.Read();
        }
        return strings;
    }

    /// <summary>The text of a string item: its runs joined, phonetic guides (rPh) left out.</summary>
    private static string Join(OpenXmlElement item)
    {
        var sb = new StringBuilder();
        foreach (var t in item.Descendants<DocumentFormat.OpenXml.Spreadsheet.Text>())
            if (t.Parent is not PhoneticRun) sb.Append(t.Text);
        return sb.ToString();
    }

    /// <summary>The cell-format indexes whose number format shows a date.</summary>
    private static HashSet<uint> DateStyles(Stylesheet? styles)
    {
        var result = new HashSet<uint>();
        if (styles?.CellFormats is null) return result;
        var custom = styles.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode?.Value ?? "") ?? [];
        uint index = 0;
        foreach (var format in styles.CellFormats.Elements<CellFormat>())
        {
            var id = format.NumberFormatId?.Value ?? 0;
            if (IsDateFormat(id, custom.GetValueOrDefault(id))) result.Add(index);
            index++;
        }
        return result;
    }

    /// <summary>Built-in date formats, or a custom code with y, m, d, h or s outside quotes, brackets
    /// and escapes (so <c>"m²"</c> or <c>[Red]0</c> are not dates).</summary>
    public static bool IsDateFormat(uint id, string? code)
    {
        if (id is >= 14 and <= 22 or >= 45 and <= 47 or >= 27 and <= 36 or >= 50 and <= 58) return true;
        if (string.IsNullOrEmpty(code)) return false;
        var inQuotes = false;
        var inBrackets = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (inQuotes) { if (c == '"') inQuotes = false; continue; }
            if (inBrackets) { if (c == ']') inBrackets = false; continue; }
            switch (c)
            {
                case '"': inQuotes = true; break;
                case '[': inBrackets = true; break;
                case '\\' or '_' or '*': i++; break;
                case 'y' or 'Y' or 'm' or 'M' or 'd' or 'D' or 'h' or 'H' or 's' or 'S': return true;
            }
        }
        return false;
    }
}
