using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using Renda.Platform.Spreadsheets;

namespace Renda.Platform.Audit;

/// <summary>Writes audit entries to an .xlsx, SAX-style: rows go one at a time through an
/// <see cref="OpenXmlWriter"/> into a zip entry that is compressed as it is written, so an export
/// of 200,000 rows never holds them, nor their XML, in memory.</summary>
public static class AuditWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string SheetName = "审计日志";
    public const int DefaultMaxRows = 200_000;

    public static readonly IReadOnlyList<string> Headers =
        ["时间(UTC)", "操作人", "角色", "IP", "操作", "对象类型", "对象ID", "摘要", "结果", "区划", "哈希"];

    private static readonly double[] Widths = [20, 18, 22, 16, 24, 16, 38, 70, 9, 12, 68];


    // Style indexes into the stylesheet below.
    private const uint HeaderStyle = 1, TimeStyle = 2, NoteStyle = 3;

    public sealed record Result(int Rows, bool Capped);

    /// <summary>Writes up to <paramref name="maxRows"/> entries, then, if more were offered, a note
    /// row saying the export is incomplete. <paramref name="output"/> must be writable; it is not closed.</summary>
    public static async Task<Result> WriteAsync(Stream output, IAsyncEnumerable<AuditEntry> entries, int maxRows, CancellationToken ct = default)
    {
        // The SDK's own package API needs read access, and a read/write zip keeps every part in memory
        // until it is closed; so the (small, fixed) package parts are written here and the worksheet
        // goes straight into its zip entry through an OpenXmlWriter.
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        WritePart(zip, "[Content_Types].xml", ContentTypesXml);
        WritePart(zip, "_rels/.rels", RootRelsXml);
        WritePart(zip, "xl/_rels/workbook.xml.rels", WorkbookRelsXml);
        var workbook = new Workbook(new Sheets(new Sheet { Id = "rId1", SheetId = 1U, Name = SheetName }));
        workbook.AddNamespaceDeclaration("r", RelationshipsNs);
        WritePart(zip, "xl/workbook.xml", Declaration + workbook.OuterXml);
        WritePart(zip, "xl/styles.xml", Declaration + Stylesheet().OuterXml);

        var rows = 0;
        var capped = false;
        await using var sheetStream = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
        using (var w = OpenXmlWriter.Create(sheetStream, Encoding.UTF8))
        {
            w.WriteStartDocument(true);
            w.WriteStartElement(new Worksheet());
            w.WriteElement(new SheetViews(new SheetView(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
            { WorkbookViewId = 0U, TabSelected = true }));
            var columns = new Columns();
            for (var i = 0; i < Widths.Length; i++)
                columns.Append(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = Widths[i], CustomWidth = true });
            w.WriteElement(columns);

            w.WriteStartElement(new SheetData());
            w.WriteStartElement(new Row { RowIndex = 1U });
            for (var c = 0; c < Headers.Count; c++) WriteText(w, c, 1, Headers[c], HeaderStyle);
            w.WriteEndElement();

            await foreach (var e in entries.WithCancellation(ct))
            {
                if (rows == maxRows)
                {
                    capped = true;
                    break;
                }
                rows++;
                var r = (uint)rows + 1;
                w.WriteStartElement(new Row { RowIndex = r });
                WriteTime(w, 0, r, e.At);
                WriteText(w, 1, r, e.Actor);
                WriteText(w, 2, r, e.ActorRole);
                WriteText(w, 3, r, e.ClientIp);
                WriteText(w, 4, r, e.Action);
                WriteText(w, 5, r, e.EntityType);
                WriteText(w, 6, r, e.EntityId);
                WriteText(w, 7, r, e.Summary);
                WriteText(w, 8, r, e.Outcome);
                WriteText(w, 9, r, e.JurisdictionCode);
                WriteText(w, 10, r, e.Hash);
                w.WriteEndElement();
            }
            if (capped)
            {
                var r = (uint)rows + 2;
                w.WriteStartElement(new Row { RowIndex = r });
                WriteText(w, 0, r, CappedNote(maxRows), NoteStyle);
                w.WriteEndElement();
            }
            w.WriteEndElement(); // sheetData
            w.WriteElement(new AutoFilter { Reference = $"A1:{XlsxWriter.ColumnName(Headers.Count - 1)}{rows + 1}" });
            w.WriteEndElement(); // worksheet
        }
        return new Result(rows, capped);
    }

    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    private const string RelationshipsNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private const string ContentTypesXml = Declaration +
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
        "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
        "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" +
        "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>" +
        "</Types>";

    private const string RootRelsXml = Declaration +
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
        "<Relationship Id=\"rId1\" Type=\"" + RelationshipsNs + "/officeDocument\" Target=\"xl/workbook.xml\"/>" +
        "</Relationships>";

    private const string WorkbookRelsXml = Declaration +
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
        "<Relationship Id=\"rId1\" Type=\"" + RelationshipsNs + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
        "<Relationship Id=\"rId2\" Type=\"" + RelationshipsNs + "/styles\" Target=\"styles.xml\"/>" +
        "</Relationships>";

    private static void WritePart(ZipArchive zip, string name, string xml)
    {
        using var s = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        s.Write(Encoding.UTF8.GetBytes(xml));
    }

    public static string CappedNote(int maxRows) =>
        $"已达导出上限 {maxRows} 条，本文件不完整，请缩小筛选范围后分批导出。/ Export capped at {maxRows} rows: this file is incomplete; narrow the filters and export in parts.";

    public static string FileName(DateTimeOffset now) =>
        $"audit-{now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.xlsx";

    private static void WriteText(OpenXmlWriter w, int column, uint row, string? value, uint style = 0)
    {
        var cell = new Cell { CellReference = XlsxWriter.ColumnName(column) + row.ToString(CultureInfo.InvariantCulture), DataType = CellValues.InlineString };
        if (style != 0) cell.StyleIndex = style;
        w.WriteStartElement(cell);
        w.WriteElement(new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(XlsxWriter.CellText(value)) { Space = SpaceProcessingModeValues.Preserve }));
        w.WriteEndElement();
    }

    private static void WriteTime(OpenXmlWriter w, int column, uint row, DateTime utc)
    {
        w.WriteStartElement(new Cell { CellReference = XlsxWriter.ColumnName(column) + row.ToString(CultureInfo.InvariantCulture), StyleIndex = TimeStyle });
        w.WriteElement(new CellValue(utc.ToOADate().ToString("R", CultureInfo.InvariantCulture)));
        w.WriteEndElement();
    }

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164U, FormatCode = "yyyy-mm-dd hh:mm:ss" }) { Count = 1U },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "等线" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "等线" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new Color { Rgb = "FFB3121B" }, new FontName { Val = "等线" }))
        { Count = 3U },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFF0F2F5" }) { PatternType = PatternValues.Solid }))
        { Count = 3U },
        new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(),
                new BottomBorder(new Color { Rgb = "FF8C0E15" }) { Style = BorderStyleValues.Thin }, new DiagonalBorder()))
        { Count = 2U },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U }) { Count = 1U },
        new CellFormats(
            new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U },
            new CellFormat { NumberFormatId = 0U, FontId = 1U, FillId = 2U, BorderId = 1U, FormatId = 0U, ApplyFont = true, ApplyFill = true, ApplyBorder = true },
            new CellFormat { NumberFormatId = 164U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 0U, FontId = 2U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyFont = true })
        { Count = 4U },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0U, BuiltinId = 0U }) { Count = 1U });
}
