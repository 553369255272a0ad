using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Renda.Platform.Documents;

/// <summary>A Word document built block by block and written as .docx with the Open XML SDK, in the
/// layout a standing committee prints: A4, 公文 margins (37/35/28/26 mm), a centred title in 黑体,
/// headings in 黑体, body text in 仿宋 with a two-character first-line indent, tables with borders.
/// Every module that hands out a document (a compilation of suggestions, a duty report) builds it
/// here, so they look alike and read back alike (<see cref="DocxText"/>).</summary>
public sealed class DocxDocument
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const string Heiti = "黑体", Fangsong = "仿宋", Songti = "宋体";
    private readonly List<OpenXmlElement> _blocks = [];

    /// <summary>The document's title: centred, 二号 (22 pt) 黑体 (use it once, at the top).</summary>
    public DocxDocument Title(string text)
    {
        _blocks.Add(Para(text, Heiti, 44, bold: false, JustificationValues.Center, indent: false, spaceAfter: 240));
        return this;
    }

    /// <summary>A centred line under the title (e.g. the date or the issuing office), 三号 楷体-like 仿宋.</summary>
    public DocxDocument Subtitle(string text)
    {
        _blocks.Add(Para(text, Fangsong, 32, bold: false, JustificationValues.Center, indent: false, spaceAfter: 240));
        return this;
    }

    /// <summary>A heading: level 1 is 三号 黑体, level 2 is 三号 楷体 bold (rendered as 仿宋 bold).</summary>
    public DocxDocument Heading(string text, int level = 1)
    {
        _blocks.Add(level <= 1
            ? Para(text, Heiti, 32, bold: false, JustificationValues.Left, indent: false, spaceAfter: 120, spaceBefore: 240)
            : Para(text, Fangsong, 32, bold: true, JustificationValues.Left, indent: false, spaceAfter: 60, spaceBefore: 120));
        return this;
    }

    /// <summary>A body paragraph in 三号 仿宋 with a two-character first-line indent. Line breaks in the
    /// text become separate paragraphs.</summary>
    public DocxDocument Paragraph(string text, bool bold = false)
    {
        foreach (var line in (text ?? "").Replace("\r\n", "\n").Split('\n'))
            _blocks.Add(Para(line, Fangsong, 32, bold, JustificationValues.Both, indent: true, spaceAfter: 0));
        return this;
    }

    /// <summary>A "label：value" line without indent, e.g. 领衔代表：张三.</summary>
    public DocxDocument Field(string label, string? value)
    {
        var p = new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "0", Line = "360", LineRule = LineSpacingRuleValues.Auto }));
        p.Append(RunOf(label + "：", Heiti, 28, bold: false));
        p.Append(RunOf(value ?? "", Fangsong, 28, bold: false));
        _blocks.Add(p);
        return this;
    }

    /// <summary>A table with a bold header row, in 小四 宋体, full width, single borders.</summary>
    public DocxDocument Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })));
        table.Append(Row(headers, bold: true, header: true));
        foreach (var r in rows) table.Append(Row(r, bold: false, header: false));
        _blocks.Add(table);
        _blocks.Add(Para("", Songti, 24, false, JustificationValues.Left, indent: false, spaceAfter: 0));
        return this;
    }

    /// <summary>Starts a new page.</summary>
    public DocxDocument PageBreak()
    {
        _blocks.Add(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
        return this;
    }

    /// <summary>Writes the document to <paramref name="output"/> (left open). A stream that cannot seek
    /// (an HTTP response) gets it through memory, because the zip package needs to seek.</summary>
    public async Task WriteAsync(Stream output, CancellationToken ct = default)
    {
        if (output.CanSeek)
        {
            Write(output);
            return;
        }
        using var buffer = new MemoryStream();
        Write(buffer);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
    }

    public void Write(Stream output)
    {
        using var doc = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        var main = doc.AddMainDocumentPart();
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = Fangsong },
                new FontSize { Val = "32" }, new Languages { Val = "en-US", EastAsia = "zh-CN" })),
            new ParagraphPropertiesDefault()));
        styles.Styles.Save();
        var body = new Body();
        foreach (var b in _blocks) body.Append(b.CloneNode(true));
        body.Append(new SectionProperties(
            new PageSize { Width = 11906, Height = 16838 },
            new PageMargin { Top = 2098, Bottom = 1984, Left = 1588, Right = 1474, Header = 851, Footer = 992, Gutter = 0 }));
        main.Document = new Document(body);
        main.Document.Save();
    }

    public byte[] ToBytes()
    {
        using var ms = new MemoryStream();
        Write(ms);
        return ms.ToArray();
    }

    private static TableRow Row(IReadOnlyList<string?> cells, bool bold, bool header)
    {
        var row = new TableRow();
        if (header) row.Append(new TableRowProperties(new TableHeader()));
        foreach (var c in cells)
            row.Append(new TableCell(
                new TableCellProperties(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }),
                Para(c ?? "", Songti, 24, bold, header ? JustificationValues.Center : JustificationValues.Left, indent: false, spaceAfter: 0)));
        return row;
    }

    private static Paragraph Para(string text, string font, int halfPoints, bool bold, JustificationValues align, bool indent,
        int spaceAfter, int spaceBefore = 0)
    {
        var props = new ParagraphProperties(
            new SpacingBetweenLines { Before = spaceBefore.ToString(), After = spaceAfter.ToString(), Line = "560", LineRule = LineSpacingRuleValues.Exact },
            new Justification { Val = align });
        if (indent) props.Append(new Indentation { FirstLineChars = 200 });
        var p = new Paragraph(props);
        if (text.Length > 0) p.Append(RunOf(text, font, halfPoints, bold));
        return p;
    }

    private static Run RunOf(string text, string font, int halfPoints, bool bold)
    {
        var rp = new RunProperties(new RunFonts { EastAsia = font, Ascii = "Times New Roman", HighAnsi = "Times New Roman" });
        if (bold) rp.Append(new Bold());
        rp.Append(new FontSize { Val = halfPoints.ToString() });
        return new Run(rp, new DocumentFormat.OpenXml.Wordprocessing.Text(Clean(text)) { Space = SpaceProcessingModeValues.Preserve });
    }

    /// <summary>Drops the characters XML 1.0 cannot carry (control characters a pasted text may hold).</summary>
    private static string Clean(string s)
    {
        if (s.All(XmlConvertValid)) return s;
        return new string(s.Where(XmlConvertValid).ToArray());
    }

    private static bool XmlConvertValid(char c) => c is '\t' or '\n' or '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
}

/// <summary>Reads the text of a .docx back, paragraph by paragraph (table cells included): what tests
/// and imports need to check what a document says.</summary>
public static class DocxText
{
    public static IReadOnlyList<string> Paragraphs(Stream docx)
    {
        using var doc = WordprocessingDocument.Open(docx, false);
        var body = doc.MainDocumentPart?.Document?.Body;
        if (body is null) return [];
        return body.Descendants<Paragraph>().Select(p => string.Concat(p.Descendants<DocumentFormat.OpenXml.Wordprocessing.Text>().Select(t => t.Text))).ToList();
    }

    public static IReadOnlyList<string> Paragraphs(byte[] docx)
    {
        using var ms = new MemoryStream(docx);
        return Paragraphs(ms);
    }
}
