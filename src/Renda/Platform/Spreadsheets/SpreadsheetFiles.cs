namespace Renda.Platform.Spreadsheets;

/// <summary>One row of a sheet: its 1-based line (the xlsx row number, or the line of a CSV file where
/// the record starts, so a quoted line break inside a cell does not shift later lines) and its cells as
/// text, left to right, with empty strings for gaps.</summary>
public sealed record SheetRow(int Line, IReadOnlyList<string> Cells)
{
    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);

    public string Cell(int index) => index >= 0 && index < Cells.Count ? Cells[index] : "";
}

/// <summary>A file that cannot be read as the spreadsheet it claims to be. <see cref="Code"/> is stable
/// (<c>not_text</c>, <c>not_xlsx</c>, <c>xls_unsupported</c>, <c>unsupported_type</c>, <c>empty</c>); the
/// messages are for people.</summary>
public sealed class SpreadsheetFormatException(string code, string zh, string en) : Exception(en)
{
    public string Code { get; } = code;
    public string Zh { get; } = zh;
    public string En { get; } = en;
}

public enum SpreadsheetKind { Csv, Xlsx }

/// <summary>Tells what a file is by its bytes, and opens it with the right reader.</summary>
public static class SpreadsheetFiles
{
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleCompound = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static bool LooksLikeZip(ReadOnlySpan<byte> data) => data.StartsWith(Zip);
    public static bool LooksLikeOldExcel(ReadOnlySpan<byte> data) => data.StartsWith(OleCompound);

    /// <summary>The kind named by the file's extension (.xlsx or .csv; .txt is read as CSV); null for others.
    /// Without an extension the bytes decide: a zip is a workbook, anything else CSV.</summary>
    public static SpreadsheetKind? KindOf(string? fileName, ReadOnlySpan<byte> data)
    {
        var ext = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        return ext switch
        {
            ".xlsx" => SpreadsheetKind.Xlsx,
            ".csv" or ".txt" => SpreadsheetKind.Csv,
            "" => LooksLikeZip(data) ? SpreadsheetKind.Xlsx : SpreadsheetKind.Csv,
            _ => null,
        };
    }

    /// <summary>The rows of the file, checked against what its name says it is.</summary>
    /// <exception cref="SpreadsheetFormatException">empty, unsupported, or not what it claims to be.</exception>
    public static IEnumerable<SheetRow> Read(string? fileName, byte[] data)
    {
        if (data.Length == 0)
            throw new SpreadsheetFormatException("empty", "文件为空", "The file is empty");
        var kind = KindOf(fileName, data);
        if (LooksLikeOldExcel(data))
            throw new SpreadsheetFormatException("xls_unsupported", "不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV 后再上传",
                "Old Excel (.xls) files are not supported: save as .xlsx or CSV and upload again");
        return kind switch
        {
            SpreadsheetKind.Xlsx => XlsxReader.Read(new MemoryStream(data, writable: false)),
            SpreadsheetKind.Csv => CsvReader.Read(data),
            _ => throw new SpreadsheetFormatException("unsupported_type", "仅支持 .xlsx 和 .csv 文件", "Only .xlsx and .csv files are accepted"),
        };
    }
}
