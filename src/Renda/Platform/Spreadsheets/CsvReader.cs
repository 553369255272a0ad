using System.Text;
using System.Text.Unicode;

namespace Renda.Platform.Spreadsheets;

/// <summary>Reads CSV as people in China save it: Excel writes GB18030 (its "CSV" in a Chinese
/// Windows is the ANSI code page 936, which GB18030 contains), WPS and newer Excel write UTF-8 with a
/// BOM, other tools UTF-8 without one. RFC 4180 quoting (doubled quotes, line breaks inside quotes);
/// comma-separated, or tab-separated when the first line has tabs and no commas (Excel's "Unicode
/// text", UTF-16 with a BOM).</summary>
public static class CsvReader
{
    public static Encoding Gb18030 { get; } = GetGb18030();

    private static Encoding GetGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ReplacementFallback);
    }

    /// <summary>UTF-8 BOM → UTF-8; UTF-16 BOM → UTF-16; bytes that are valid UTF-8 → UTF-8; else GB18030.
    /// Returns the encoding and the length of the BOM to skip.</summary>
    public static (Encoding Encoding, int Preamble) DetectEncoding(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return (new UTF8Encoding(false), 3);
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return (new UnicodeEncoding(false, false), 2);
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return (new UnicodeEncoding(true, false), 2);
        return Utf8.IsValid(data) ? (new UTF8Encoding(false), 0) : (Gb18030, 0);
    }

    /// <summary>Decodes the file (see <see cref="DetectEncoding"/>) and yields its records.</summary>
    /// <exception cref="SpreadsheetFormatException">the bytes are not text (a zip, an image, NUL bytes).</exception>
    public static IEnumerable<SheetRow> Read(byte[] data)
    {
        var (encoding, preamble) = DetectEncoding(data);
        var utf16 = encoding is UnicodeEncoding;
        if (!utf16 && (SpreadsheetFiles.LooksLikeZip(data) || data.AsSpan().Contains((byte)0)))
            throw new SpreadsheetFormatException("not_text", "文件内容不是 CSV 文本（可能是改了扩展名的其他文件）",
                "The file is not CSV text (perhaps another kind of file renamed)");
        var text = encoding.GetString(data, preamble, data.Length - preamble);
        if (utf16 && text.Contains('\0'))
            throw new SpreadsheetFormatException("not_text", "文件内容不是 CSV 文本", "The file is not CSV text");
        return Parse(text);
    }

    /// <summary>Splits decoded text into records; each carries the line it starts on.</summary>
    public static IEnumerable<SheetRow> Parse(string text)
    {
        var firstLineEnd = text.AsSpan().IndexOfAny('\r', '\n');
        var firstLine = firstLineEnd < 0 ? text.AsSpan() : text.AsSpan(0, firstLineEnd);
        var delimiter = firstLine.Contains('\t') && !firstLine.Contains(',') ? '\t' : ',';
        return Records(text, delimiter);
    }

    private static IEnumerable<SheetRow> Records(string text, char delimiter)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var atCellStart = true;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        cell.Append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    i++;
                    continue;
                }
                if (c == '\r' || c == '\n')
                {
                    line++;
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        cell.Append("\r\n");
                        i += 2;
                        continue;
                    }
                }
                cell.Append(c);
                i++;
                continue;
            }
            if (c == '"' && atCellStart)
            {
                quoted = true;
                atCellStart = false;
                i++;
                continue;
            }
            if (c == delimiter)
            {
                cells.Add(cell.ToString());
                cell.Clear();
                atCellStart = true;
                i++;
                continue;
            }
            if (c == '\r' || c == '\n')
            {
                cells.Add(cell.ToString());
                cell.Clear();
                yield return new SheetRow(recordLine, cells.ToArray());
                cells.Clear();
                atCellStart = true;
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                line++;
                recordLine = line;
                continue;
            }
            cell.Append(c);
            atCellStart = false;
            i++;
        }
        if (cells.Count > 0 || cell.Length > 0 || quoted)
        {
            cells.Add(cell.ToString());
            yield return new SheetRow(recordLine, cells.ToArray());
        }
    }
}
