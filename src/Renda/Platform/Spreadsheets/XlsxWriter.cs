using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Renda.Platform.Spreadsheets;

/// <summary>How a column's cells are written. Text is stored as inline strings (never evaluated as a
/// formula) in a column formatted as text (<c>@</c>), so an ID or phone number typed later stays text.</summary>
public enum XlsxCellType { Text, Integer, Number, Date, DateTime, Boolean, Percent }

/// <summary>A column of a sheet: its header, its width in characters, and the type of its cells.</summary>
public sealed record XlsxColumn(string Header, double Width = 14, XlsxCellType Type = XlsxCellType.Text);

/// <summary>One sheet of a workbook: its name, its columns and its rows (enumerated once, as written).</summary>
public sealed record XlsxSheet(string Name, IReadOnlyList<XlsxColumn> Columns, IEnumerable<IReadOnlyList<object?>> Rows);

/// <summary>Writes one sheet or several as an .xlsx workbook with the Open XML SDK's streaming writer: a bold,
/// frozen header row, column widths, and typed cells (text; whole and decimal numbers; dates and times
/// as serial numbers with a date format; booleans). Rows are written as they are enumerated, so a
/// large export never builds a document tree in memory. Characters XML cannot carry are dropped.</summary>
public static class XlsxWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // Cell formats of the stylesheet below, by index.
    private const uint StyleHeader = 1, StyleText = 2, StyleInteger = 3, StyleNumber = 4, StyleDate = 5, StyleDateTime = 6, StylePercent = 7;

    /// <summary>Writes the workbook to <paramref name="output"/>; a stream that cannot seek (an HTTP
    /// response) gets it through a temporary file, because the zip package needs to seek.</summary>
    public static Task WriteAsync(Stream output, string sheetName, IReadOnlyList<XlsxColumn> columns,
        IEnumerable<IReadOnlyList<object?>> rows, CancellationToken ct = default) =>
        WriteAsync(output, [new XlsxSheet(sheetName, columns, rows)], ct);

    /// <summary>Writes a workbook of several sheets, in order (the first is the one that opens).</summary>
    public static async Task WriteAsync(Stream output, IReadOnlyList<XlsxSheet> sheets, CancellationToken ct = default)
    {
        if (output.CanSeek)
        {
            Write(output, sheets);
            return;
        }
        var temp = Path.Combine(Path.GetTempPath(), $"renda-{Guid.NewGuid():N}.xlsx");
        await using var buffer = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        Write(buffer, sheets);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
    }

    /// <summary>Writes the workbook to a seekable stream, which is left open.</summary>
    public static void Write(Stream output, string sheetName, IReadOnlyList<XlsxColumn> columns, IEnumerable<IReadOnlyList<object?>> rows) =>
        Write(output, [new XlsxSheet(sheetName, columns, rows)]);

    /// <summary>Writes a workbook of several sheets to a seekable stream, which is left open. Sheet names are
    /// cleaned to Excel's rules (<see cref="SheetName"/>) and made unique with a numeric suffix.</summary>
    public static void Write(Stream output, IReadOnlyList<XlsxSheet> sheets)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sheets.Count);
        foreach (var s in sheets) ArgumentOutOfRangeException.ThrowIfZero(s.Columns.Count);
        using var doc = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = doc.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();
        styles.Stylesheet.Save();
        var list = new Sheets();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var n = 0; n < sheets.Count; n++)
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            WriteSheet(part, sheets[n], selected: n == 0);
            list.Append(new Sheet { Name = UniqueName(SheetName(sheets[n].Name), names), SheetId = (uint)(n + 1), Id = workbook.GetIdOfPart(part) });
        }
        workbook.Workbook.AppendChild(list);
        workbook.Workbook.Save();
    }

    private static string UniqueName(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            var suffix = $" ({i})";
            candidate = (name.Length + suffix.Length > 31 ? name[..(31 - suffix.Length)] : name) + suffix;
        }
        return candidate;
    }

    private static void WriteSheet(WorksheetPart sheet, XlsxSheet content, bool selected)
    {
        var columns = content.Columns;
        using var w = OpenXmlWriter.Create(sheet);
        w.WriteStartElement(new Worksheet());
        w.WriteStartElement(new SheetViews());
        w.WriteStartElement(new SheetView { WorkbookViewId = 0, TabSelected = selected });
        w.WriteElement(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
        w.WriteElement(new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } });
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement(new Columns());
        for (var i = 0; i < columns.Count; i++)
        {
            w.WriteElement(new Column
            {
                Min = (uint)(i + 1), Max = (uint)(i + 1), Width = columns[i].Width, CustomWidth = true,
                Style = columns[i].Type == XlsxCellType.Text ? StyleText : null,
            });
        }
        w.WriteEndElement();

        w.WriteStartElement(new SheetData());
        WriteRow(w, 1, columns.Select(c => (object?)c.Header).ToList(), null);
        var line = 1u;
        foreach (var row in content.Rows) WriteRow(w, ++line, row, columns);
        w.WriteEndElement();

        w.WriteEndElement();
    }

    private static void WriteRow(OpenXmlWriter w, uint line, IReadOnlyList<object?> values, IReadOnlyList<XlsxColumn>? columns)
    {
        w.WriteStartElement(new Row { RowIndex = line });
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            if (value is null) continue;
            var reference = ColumnName(i) + line.ToString(CultureInfo.InvariantCulture);
            var type = columns is null ? XlsxCellType.Text : i < columns.Count ? columns[i].Type : XlsxCellType.Text;
            w.WriteElement(columns is null ? TextCell(reference, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", StyleHeader) : Cell(reference, value, type));
        }
        w.WriteEndElement();
    }

    private static Cell Cell(string reference, object value, XlsxCellType type)
    {
        switch (value)
        {
            case DateOnly d:
                return NumberCell(reference, Serial(d.ToDateTime(TimeOnly.MinValue)), StyleDate);
            case DateTime dt:
                return NumberCell(reference, Serial(dt), type == XlsxCellType.Date ? StyleDate : StyleDateTime);
            case DateTimeOffset dto:
                return NumberCell(reference, Serial(dto.DateTime), type == XlsxCellType.Date ? StyleDate : StyleDateTime);
            case bool b:
                return new Cell { CellReference = reference, DataType = CellValues.Boolean, CellValue = new CellValue(b ? "1" : "0") };
            case int or long or short or byte or uint or ulong:
                return NumberCell(reference, Convert.ToDecimal(value, CultureInfo.InvariantCulture), type == XlsxCellType.Number ? StyleNumber : StyleInteger);
            case decimal or double or float:
                var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                return double.IsFinite(number)
                    ? NumberCell(reference, (decimal)number, type switch
                    {
                        XlsxCellType.Integer => StyleInteger,
                        XlsxCellType.Percent => StylePercent,
                        _ => StyleNumber,
                    })
                    : TextCell(reference, number.ToString(CultureInfo.InvariantCulture), StyleText);
            default:
                return TextCell(reference, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", StyleText);
        }
    }

    private static Cell NumberCell(string reference, decimal value, uint style) => new()
    {
        CellReference = reference,
        StyleIndex = style,
        CellValue = new CellValue(value.ToString(CultureInfo.InvariantCulture)),
    };

    private static Cell TextCell(string reference, string text, uint style)
    {
        text = CellText(text, replacement: "");
        var t = new DocumentFormat.OpenXml.Spreadsheet.Text(text);
        if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) || text.Contains('\n')))
            t.Space = SpaceProcessingModeValues.Preserve;
        return new Cell { CellReference = reference, DataType = CellValues.InlineString, StyleIndex = style, InlineString = new InlineString(t) };
    }

    /// <summary>Days since 1899-12-30, the 1900 date system as Excel counts it from March 1900 on.</summary>
    public static decimal Serial(DateTime d) =>
        Math.Round((decimal)(d - new DateTime(1899, 12, 30, 0, 0, 0, d.Kind)).TotalDays, 8);

    /// <summary>0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    /// <summary>At most 31 characters, none of []:*?/\ (Excel's rules for a sheet name).</summary>
    public static string SheetName(string name)
    {
        var cleaned = new string(name.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\')).ToArray()).Trim('\'');
        if (cleaned.Length == 0) cleaned = "Sheet1";
        return cleaned.Length > 31 ? cleaned[..31] : cleaned;
    }

    /// <summary>Excel's limit on the text of one cell.</summary>
    public const int MaxCellText = 32_767;

    /// <summary>Text a cell can carry: characters XML 1.0 cannot (control characters, lone surrogates)
    /// become <paramref name="replacement"/> (U+FFFD by default, so the loss shows; an empty string drops
    /// them), and text beyond Excel's cell limit is cut with "…".</summary>
    public static string CellText(string? value, string replacement = "\uFFFD")
    {
        if (string.IsNullOrEmpty(value)) return "";
        StringBuilder? sb = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                sb?.Append(c).Append(value[i + 1]);
                i++;
                continue;
            }
            var ok = c >= 0x20 && c < 0xD800 || c is '\t' or '\n' or '\r' || c >= 0xE000 && c <= 0xFFFD;
            if (ok)
            {
                sb?.Append(c);
                continue;
            }
            sb ??= new StringBuilder(value.Length).Append(value, 0, i);
            sb.Append(replacement);
        }
        var text = sb?.ToString() ?? value;
        if (text.Length <= MaxCellText) return text;
        var cut = MaxCellText - 1;
        if (char.IsHighSurrogate(text[cut - 1])) cut--;
        return text[..cut] + "…";
    }

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "yyyy-mm-dd hh:mm" })
        { Count = 2 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "宋体" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "宋体" }))
        { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFF0F2F5" }) { PatternType = PatternValues.Solid }))
        { Count = 3 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 49, FontId = 1, FillId = 2, BorderId = 0, FormatId = 0, ApplyFont = true, ApplyFill = true, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 49, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 1, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 10, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true })
        { Count = 8 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
}
