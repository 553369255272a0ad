using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Renda.Platform.Imaging;

/// <summary>Where a character's glyph is: a font and its glyph index, or nowhere (<see cref="Font"/> null).</summary>
public readonly record struct GlyphRef(TrueTypeFont? Font, int Glyph)
{
    public bool Missing => Font is null;
}

/// <summary>A primary font and fallbacks for the characters it lacks (e.g. the other subsets of a
/// web font split by Unicode range). Fallback files are opened lazily, in order: first only their
/// character map is read, and the whole font only when it has a character the caption needs.</summary>
public sealed class FontSet
{
    private readonly TrueTypeFont _primary;
    private readonly IReadOnlyList<string> _fallbackPaths;
    private readonly CharacterMap?[] _fallbackMaps;
    private readonly TrueTypeFont?[] _fallbackFonts;
    private readonly ConcurrentDictionary<int, GlyphRef> _resolved = new();
    private readonly Lock _lock = new();

    public FontSet(TrueTypeFont primary, IEnumerable<string>? fallbackPaths = null)
    {
        _primary = primary;
        _fallbackPaths = fallbackPaths?.ToList() ?? [];
        _fallbackMaps = new CharacterMap?[_fallbackPaths.Count];
        _fallbackFonts = new TrueTypeFont?[_fallbackPaths.Count];
    }

    public static FontSet Open(string primaryPath, IEnumerable<string>? fallbackPaths = null) =>
        new(TrueTypeFont.Load(File.ReadAllBytes(primaryPath)), fallbackPaths);

    /// <summary>The other files beside <paramref name="primaryPath"/> that end like it (the same weight and
    /// style: <c>…-400-normal.woff</c>), in ordinal order: the other subsets of the same web font.</summary>
    public static IEnumerable<string> SiblingSubsets(string primaryPath)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(primaryPath))!;
        var name = Path.GetFileName(primaryPath);
        var parts = name.Split('-');
        var suffix = parts.Length >= 3 ? "-" + string.Join('-', parts[^2..]) : Path.GetExtension(name);
        return Directory.EnumerateFiles(dir, "*" + suffix)
            .Where(f => !string.Equals(Path.GetFileName(f), name, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>How many fallback files have been read so far (their character maps).</summary>
    public int FallbacksProbed { get { lock (_lock) return _fallbackMaps.Count(m => m is not null); } }

    public GlyphRef Resolve(int codePoint) => _resolved.GetOrAdd(codePoint, Find);

    private GlyphRef Find(int codePoint)
    {
        var g = _primary.GlyphIndex(codePoint);
        if (g != 0) return new GlyphRef(_primary, g);
        lock (_lock)
        {
            for (var i = 0; i < _fallbackPaths.Count; i++)
            {
                var map = _fallbackMaps[i] ??= CharacterMap.Of(File.ReadAllBytes(_fallbackPaths[i]));
                if (!map.Contains(codePoint)) continue;
                var font = _fallbackFonts[i] ??= TrueTypeFont.Load(File.ReadAllBytes(_fallbackPaths[i]));
                var glyph = font.GlyphIndex(codePoint);
                if (glyph != 0) return new GlyphRef(font, glyph);
            }
        }
        return new GlyphRef(null, 0);
    }

    /// <summary>The advance of a character in em; a missing one is drawn as a 1 em box.</summary>
    public double AdvanceEm(Rune r)
    {
        var g = Resolve(r.Value);
        return g.Font is { } f ? (double)f.Advance(g.Glyph) / f.UnitsPerEm : 1.0;
    }
}

/// <summary>Lays out and draws one line of text: cleaned, shortened with an ellipsis to a width,
/// glyph outlines filled by the <see cref="Rasterizer"/>; a character no font has is drawn as an
/// outlined box, visibly, rather than silently dropped.</summary>
public static class TextRenderer
{
    public const string Ellipsis = "…";

    /// <summary>One line: control and format characters removed, every run of white space one space, trimmed.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var r in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(r)) { space = sb.Length > 0; continue; }
            var category = Rune.GetUnicodeCategory(r);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned) continue;
            if (space) sb.Append(' ');
            space = false;
            sb.Append(r.ToString());
        }
        return sb.ToString();
    }

    /// <summary>The text as it fits <paramref name="maxWidthEm"/>: whole, or cut at a character and ended with "…".</summary>
    public static string Fit(string text, double maxWidthEm, Func<Rune, double> advanceEm)
    {
        var runes = text.EnumerateRunes().ToList();
        var widths = runes.Select(advanceEm).ToList();
        if (widths.Sum() <= maxWidthEm) return text;
        var budget = maxWidthEm - advanceEm(Rune.GetRuneAt(Ellipsis, 0));
        var sb = new StringBuilder();
        var used = 0.0;
        for (var i = 0; i < runes.Count && used + widths[i] <= budget; i++)
        {
            used += widths[i];
            sb.Append(runes[i].ToString());
        }
        return sb.ToString().TrimEnd() + Ellipsis;
    }

    /// <summary>A rough advance for when no font is at hand (an SVG the viewer renders with its own
    /// fonts): wide East Asian characters 1 em, others 0.6 em.</summary>
    public static double EstimatedAdvanceEm(Rune r) => IsWide(r.Value) ? 1.0 : 0.6;

    public static double WidthEm(string text, Func<Rune, double> advanceEm) => text.EnumerateRunes().Sum(advanceEm);

    /// <summary>Draws <paramref name="text"/> centred on <paramref name="centerX"/> with its baseline at
    /// <paramref name="baseline"/>, <paramref name="sizePx"/> pixels to the em; shortened to <paramref name="maxWidthPx"/>.
    /// Returns the text as drawn.</summary>
    public static string DrawCentered(GrayImage image, FontSet fonts, string text, double sizePx, double centerX,
        double baseline, double maxWidthPx, byte ink = 0)
    {
        var line = Fit(Clean(text), maxWidthPx / sizePx, fonts.AdvanceEm);
        var x = centerX - WidthEm(line, fonts.AdvanceEm) * sizePx / 2;
        var path = new PathBuilder();
        foreach (var r in line.EnumerateRunes())
        {
            var g = fonts.Resolve(r.Value);
            if (g.Font is { } font)
            {
                var scale = sizePx / font.UnitsPerEm;
                AddOutline(path, font.Outline(g.Glyph), x, baseline, scale);
                x += font.Advance(g.Glyph) * scale;
            }
            else
            {
                AddMissingBox(path, x, baseline, sizePx);
                x += sizePx;
            }
        }
        Rasterizer.Fill(image, path, ink);
        return line;
    }

    /// <summary>A TrueType contour to path: between two off-curve points lies an implied on-curve midpoint.</summary>
    private static void AddOutline(PathBuilder path, IReadOnlyList<IReadOnlyList<OutlinePoint>> contours, double originX,
        double baseline, double scale)
    {
        foreach (var contour in contours)
        {
            if (contour.Count < 2) continue;
            (double X, double Y) P(OutlinePoint p) => (originX + p.X * scale, baseline - p.Y * scale);
            var n = contour.Count;
            var first = Enumerable.Range(0, n).FirstOrDefault(i => contour[i].OnCurve, -1);
            (double X, double Y) start;
            int from;
            if (first >= 0) { start = P(contour[first]); from = first; }
            else
            {
                // No on-curve point: start at the midpoint of the first two control points.
                var (a, b) = (P(contour[0]), P(contour[1]));
                start = ((a.X + b.X) / 2, (a.Y + b.Y) / 2);
                from = 0;
            }
            path.MoveTo(start.X, start.Y);
            (double X, double Y)? control = null;
            for (var k = 1; k <= n; k++)
            {
                var pt = contour[(from + k) % n];
                var p = P(pt);
                if (pt.OnCurve)
                {
                    if (control is { } c) path.QuadTo(c.X, c.Y, p.X, p.Y);
                    else path.LineTo(p.X, p.Y);
                    control = null;
                }
                else
                {
                    if (control is { } c) path.QuadTo(c.X, c.Y, (c.X + p.X) / 2, (c.Y + p.Y) / 2);
                    control = p;
                }
            }
            if (control is { } last) path.QuadTo(last.X, last.Y, start.X, start.Y);
            path.Close();
        }
    }

    /// <summary>The .notdef box: an outlined rectangle a little narrower than the em.</summary>
    private static void AddMissingBox(PathBuilder path, double x, double baseline, double size)
    {
        var (left, top, width, height, stroke) = (x + 0.12 * size, baseline - 0.8 * size, 0.76 * size, 0.88 * size, 0.07 * size);
        path.Rectangle(left, top, width, height);
        path.Rectangle(left + stroke, top + stroke, width - 2 * stroke, height - 2 * stroke, counterClockwise: true);
    }

    private static bool IsWide(int cp) =>
        cp is >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0x303E or >= 0x3041 and <= 0x33FF or >= 0x3400 and <= 0x4DBF
            or >= 0x4E00 and <= 0x9FFF or >= 0xA000 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6 or >= 0x1F300 and <= 0x1F64F
            or >= 0x1F900 and <= 0x1F9FF or >= 0x20000 and <= 0x3FFFD;
}
