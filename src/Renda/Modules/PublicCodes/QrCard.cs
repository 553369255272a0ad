using System.Globalization;
using System.Text;
using QRCoder;
using Renda.Platform.Imaging;

namespace Renda.Modules.PublicCodes;

/// <summary>The modules of a QR code (true = dark), without the quiet zone, from QRCoder at error
/// correction level Q (a quarter of the code can be soiled or torn and it still reads).</summary>
public sealed class QrMatrix
{
    private readonly bool[,] _dark;

    private QrMatrix(bool[,] dark) => _dark = dark;

    public int Size => _dark.GetLength(0);

    public bool this[int x, int y] => _dark[y, x];

    public static QrMatrix Encode(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.Q);
        var rows = data.ModuleMatrix;
        // QRCoder pads the matrix with the 4-module quiet zone; keep only the symbol.
        var pad = (rows.Count - (17 + 4 * data.Version)) / 2;
        var size = rows.Count - 2 * pad;
        var dark = new bool[size, size];
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
                dark[y, x] = rows[y + pad][x + pad];
        return new QrMatrix(dark);
    }
}

/// <summary>A printable card: the QR code with its quiet zone, the name under it, and a line that says
/// what the code is for. The same proportions in SVG (vector, 10 cm wide) and PNG (1200 px wide,
/// 300 dpi at 10 cm, with a pHYs chunk so print software sizes it right).</summary>
public static class QrCard
{
    public const int QuietZone = 4;
    public const int PngWidth = 1200;
    public const double WidthMm = 101.6; // 1200 px at 300 dpi
    public static readonly int PixelsPerMetre = Platform.Imaging.Png.PixelsPerMetre(300);

    // Proportions of the card, in card widths: the square code area on top, then the two lines.
    private const double TitleSize = 0.068, TitleBaseline = 1.0 + 0.03 + TitleSize * 0.88;
    private const double NoteSize = 0.038, NoteBaseline = TitleBaseline + TitleSize * 0.45 + NoteSize * 1.2;
    private const double Height = NoteBaseline + NoteSize * 1.1;
    private const double TextWidth = 0.9;

    public const string FontFamily = "'Noto Sans SC','Source Han Sans SC','Microsoft YaHei','PingFang SC','WenQuanYi Micro Hei',sans-serif";

    public static string Svg(QrMatrix qr, string title, string note)
    {
        var units = qr.Size + 2 * QuietZone; // one user unit = one module; the card is `units` wide
        var height = Height * units;
        var titleLine = TextRenderer.Fit(TextRenderer.Clean(title), TextWidth / TitleSize, TextRenderer.EstimatedAdvanceEm);
        var noteLine = TextRenderer.Fit(TextRenderer.Clean(note), TextWidth / NoteSize, TextRenderer.EstimatedAdvanceEm);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"""<svg xmlns="http://www.w3.org/2000/svg" width="{WidthMm}mm" height="{N(WidthMm * Height)}mm" viewBox="0 0 {units} {N(height)}" role="img">""");
        sb.Append("<title>").Append(XmlText(titleLine)).Append("</title>");
        sb.Append(CultureInfo.InvariantCulture, $"""<rect width="{units}" height="{N(height)}" fill="#fff"/>""");
        sb.Append("""<path fill="#000" shape-rendering="crispEdges" d=" """.TrimEnd());
        for (var y = 0; y < qr.Size; y++)
        {
            for (var x = 0; x < qr.Size; x++)
            {
                if (!qr[x, y]) continue;
                var run = 1;
                while (x + run < qr.Size && qr[x + run, y]) run++;
                sb.Append(CultureInfo.InvariantCulture, $"M{x + QuietZone} {y + QuietZone}h{run}v1h-{run}z");
                x += run - 1;
            }
        }
        sb.Append("\"/>");
        AppendText(sb, titleLine, units / 2.0, TitleBaseline * units, TitleSize * units, bold: true);
        AppendText(sb, noteLine, units / 2.0, NoteBaseline * units, NoteSize * units, bold: false);
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>The card as a PNG; <paramref name="fonts"/> draws the two lines (missing characters as boxes).</summary>
    public static byte[] Png(QrMatrix qr, string title, string note, FontSet fonts) =>
        Platform.Imaging.Png.EncodeGray(Render(qr, title, note, fonts), PixelsPerMetre);

    public static GrayImage Render(QrMatrix qr, string title, string note, FontSet fonts)
    {
        const int w = PngWidth;
        var units = qr.Size + 2 * QuietZone;
        var module = w / units;
        var offset = (w - module * units) / 2; // the square area is w × w; centre the code in it
        var image = new GrayImage(w, (int)Math.Ceiling(Height * w));
        for (var y = 0; y < qr.Size; y++)
            for (var x = 0; x < qr.Size; x++)
                if (qr[x, y]) image.FillRect(offset + (x + QuietZone) * module, offset + (y + QuietZone) * module, module, module, 0);
        TextRenderer.DrawCentered(image, fonts, title, TitleSize * w, w / 2.0, TitleBaseline * w, TextWidth * w);
        TextRenderer.DrawCentered(image, fonts, note, NoteSize * w, w / 2.0, NoteBaseline * w, TextWidth * w, ink: 64);
        return image;
    }

    /// <summary>Where module (x, y) of the symbol is drawn in <see cref="Render"/>'s image: its top-left pixel and size.</summary>
    public static (int Left, int Top, int Size) ModuleBox(QrMatrix qr, int x, int y)
    {
        var units = qr.Size + 2 * QuietZone;
        var module = PngWidth / units;
        var offset = (PngWidth - module * units) / 2;
        return (offset + (x + QuietZone) * module, offset + (y + QuietZone) * module, module);
    }

    private static void AppendText(StringBuilder sb, string text, double x, double baseline, double size, bool bold) =>
        sb.Append(CultureInfo.InvariantCulture,
            $"""<text x="{N(x)}" y="{N(baseline)}" font-size="{N(size)}" font-family="{FontFamily}" font-weight="{(bold ? 700 : 400)}" text-anchor="middle" fill="{(bold ? "#000" : "#404040")}">""")
          .Append(XmlText(text)).Append("</text>");

    /// <summary>Text safe in XML content and attributes: markup characters escaped; characters XML 1.0
    /// forbids (controls, lone surrogates) dropped.</summary>
    public static string XmlText(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var r in text.EnumerateRunes())
        {
            var v = r.Value;
            var allowed = v is 0x9 or 0xA or 0xD or >= 0x20 and <= 0xD7FF or >= 0xE000 and <= 0xFFFD or >= 0x10000;
            if (!allowed) continue;
            sb.Append(v switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '"' => "&quot;",
                '\'' => "&apos;",
                _ => r.ToString(),
            });
        }
        return sb.ToString();
    }

    private static string N(double v) => Math.Round(v, 3).ToString(CultureInfo.InvariantCulture);
}
