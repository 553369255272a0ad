using System.Buffers.Binary;

namespace Renda.Platform.Imaging;

/// <summary>A point of a glyph outline in font units (y up); off-curve points are quadratic control points.</summary>
public readonly record struct OutlinePoint(double X, double Y, bool OnCurve);

/// <summary>What the text renderer needs from a TrueType font: the character map (formats 4 and 12),
/// metrics (head, hhea, hmtx) and outlines (loca, glyf; simple and composite glyphs). Immutable once
/// read, so one instance serves every request.</summary>
public sealed class TrueTypeFont
{
    private const int MaxCompositeDepth = 8;

    private readonly byte[] _glyf;
    private readonly uint[] _loca;
    private readonly ushort[] _advances;

    private TrueTypeFont(IReadOnlyDictionary<string, byte[]> t)
    {
        var head = Table(t, "head");
        var hhea = Table(t, "hhea");
        var maxp = Table(t, "maxp");
        UnitsPerEm = Read.U16(head, 18);
        if (UnitsPerEm is < 16 or > 16384) throw new FontFormatException("head.unitsPerEm is out of range.");
        var longOffsets = Read.I16(head, 50) == 1;
        Ascender = Read.I16(hhea, 4);
        Descender = Read.I16(hhea, 6);
        var metricsCount = Read.U16(hhea, 34);
        GlyphCount = Read.U16(maxp, 4);
        if (metricsCount == 0 || metricsCount > GlyphCount) throw new FontFormatException("hhea.numberOfHMetrics is out of range.");

        var hmtx = Table(t, "hmtx");
        _advances = new ushort[GlyphCount];
        for (var g = 0; g < GlyphCount; g++) _advances[g] = Read.U16(hmtx, 4 * Math.Min(g, metricsCount - 1));

        var loca = Table(t, "loca");
        _loca = new uint[GlyphCount + 1];
        for (var g = 0; g <= GlyphCount; g++)
            _loca[g] = longOffsets ? Read.U32(loca, 4 * g) : 2u * Read.U16(loca, 2 * g);
        _glyf = Table(t, "glyf");
        Cmap = CharacterMap.Parse(Table(t, "cmap"));
    }

    public static TrueTypeFont Load(byte[] file) =>
        new(FontFile.ReadTables(file, tag => tag is "head" or "hhea" or "maxp" or "hmtx" or "loca" or "glyf" or "cmap"));

    public int UnitsPerEm { get; }
    public int Ascender { get; }
    public int Descender { get; }
    public int GlyphCount { get; }
    public CharacterMap Cmap { get; }

    /// <summary>The glyph of a Unicode code point; 0 (.notdef) when the font lacks it.</summary>
    public int GlyphIndex(int codePoint)
    {
        var g = Cmap.Lookup(codePoint);
        return g < GlyphCount ? g : 0;
    }

    public int Advance(int glyph) => _advances[Math.Clamp(glyph, 0, GlyphCount - 1)];

    /// <summary>The closed contours of a glyph in font units; empty for a blank glyph such as the space.</summary>
    public IReadOnlyList<IReadOnlyList<OutlinePoint>> Outline(int glyph) => Outline(glyph, 0);

    private List<IReadOnlyList<OutlinePoint>> Outline(int glyph, int depth)
    {
        if (glyph < 0 || glyph >= GlyphCount) throw new FontFormatException($"Glyph {glyph} does not exist.");
        var start = _loca[glyph];
        var end = _loca[glyph + 1];
        if (end <= start) return [];
        if (end > _glyf.Length) throw new FontFormatException($"Glyph {glyph} lies outside the glyf table.");
        var data = _glyf.AsSpan((int)start, (int)(end - start));
        var contours = Read.I16(data, 0);
        return contours >= 0 ? SimpleGlyph(data, contours) : CompositeGlyph(data, depth);
    }

    private static List<IReadOnlyList<OutlinePoint>> SimpleGlyph(ReadOnlySpan<byte> data, int contourCount)
    {
        var pos = 10;
        var ends = new int[contourCount];
        for (var i = 0; i < contourCount; i++, pos += 2) ends[i] = Read.U16(data, pos);
        var pointCount = contourCount == 0 ? 0 : ends[^1] + 1;
        pos += 2 + Read.U16(data, pos); // skip the hinting instructions

        var flags = new byte[pointCount];
        for (var i = 0; i < pointCount;)
        {
            var f = Read.U8(data, pos++);
            flags[i++] = f;
            if ((f & 8) != 0)
                for (var repeat = Read.U8(data, pos++); repeat > 0 && i < pointCount; repeat--) flags[i++] = f;
        }
        var xs = Coordinates(data, ref pos, flags, shortBit: 2, sameBit: 16);
        var ys = Coordinates(data, ref pos, flags, shortBit: 4, sameBit: 32);

        var result = new List<IReadOnlyList<OutlinePoint>>(contourCount);
        var first = 0;
        foreach (var last in ends)
        {
            if (last < first || last >= pointCount) throw new FontFormatException("A contour's end point is out of order.");
            var contour = new OutlinePoint[last - first + 1];
            for (var i = first; i <= last; i++) contour[i - first] = new OutlinePoint(xs[i], ys[i], (flags[i] & 1) != 0);
            result.Add(contour);
            first = last + 1;
        }
        return result;
    }

    /// <summary>Delta-coded coordinates: a byte with its sign in a flag, a repeat of the previous value, or a signed word.</summary>
    private static int[] Coordinates(ReadOnlySpan<byte> data, ref int pos, byte[] flags, int shortBit, int sameBit)
    {
        var values = new int[flags.Length];
        var value = 0;
        for (var i = 0; i < flags.Length; i++)
        {
            var f = flags[i];
            if ((f & shortBit) != 0)
            {
                int delta = Read.U8(data, pos++);
                value += (f & sameBit) != 0 ? delta : -delta;
            }
            else if ((f & sameBit) == 0)
            {
                value += Read.I16(data, pos);
                pos += 2;
            }
            values[i] = value;
        }
        return values;
    }

    private List<IReadOnlyList<OutlinePoint>> CompositeGlyph(ReadOnlySpan<byte> data, int depth)
    {
        const int ArgsAreWords = 0x1, ArgsAreXy = 0x2, HaveScale = 0x8, MoreComponents = 0x20,
            HaveXyScale = 0x40, HaveTwoByTwo = 0x80, ScaledOffset = 0x800, UnscaledOffset = 0x1000;
        if (depth >= MaxCompositeDepth) throw new FontFormatException("Composite glyphs nest too deeply.");

        var result = new List<IReadOnlyList<OutlinePoint>>();
        var pos = 10;
        int flags;
        do
        {
            flags = Read.U16(data, pos);
            var component = Read.U16(data, pos + 2);
            pos += 4;
            int arg1, arg2;
            if ((flags & ArgsAreWords) != 0)
            {
                arg1 = (flags & ArgsAreXy) != 0 ? Read.I16(data, pos) : Read.U16(data, pos);
                arg2 = (flags & ArgsAreXy) != 0 ? Read.I16(data, pos + 2) : Read.U16(data, pos + 2);
                pos += 4;
            }
            else
            {
                arg1 = (flags & ArgsAreXy) != 0 ? (sbyte)Read.U8(data, pos) : Read.U8(data, pos);
                arg2 = (flags & ArgsAreXy) != 0 ? (sbyte)Read.U8(data, pos + 1) : Read.U8(data, pos + 1);
                pos += 2;
            }
            double a = 1, b = 0, c = 0, d = 1;
            if ((flags & HaveScale) != 0) { a = d = Read.F2Dot14(data, pos); pos += 2; }
            else if ((flags & HaveXyScale) != 0) { a = Read.F2Dot14(data, pos); d = Read.F2Dot14(data, pos + 2); pos += 4; }
            else if ((flags & HaveTwoByTwo) != 0)
            {
                a = Read.F2Dot14(data, pos); b = Read.F2Dot14(data, pos + 2);
                c = Read.F2Dot14(data, pos + 4); d = Read.F2Dot14(data, pos + 6);
                pos += 8;
            }

            var parts = Outline(component, depth + 1);
            double dx, dy;
            if ((flags & ArgsAreXy) != 0)
            {
                (dx, dy) = (arg1, arg2);
                if ((flags & ScaledOffset) != 0 && (flags & UnscaledOffset) == 0)
                    (dx, dy) = (a * dx + c * dy, b * dx + d * dy);
            }
            else
            {
                // Point matching: move the component so that its point arg2 lands on the glyph's point arg1.
                var anchor = PointAt(result, arg1);
                var own = PointAt(parts, arg2);
                (dx, dy) = (anchor.X - (a * own.X + c * own.Y), anchor.Y - (b * own.X + d * own.Y));
            }
            foreach (var contour in parts)
                result.Add(contour.Select(p => new OutlinePoint(a * p.X + c * p.Y + dx, b * p.X + d * p.Y + dy, p.OnCurve)).ToArray());
        }
        while ((flags & MoreComponents) != 0);
        return result;
    }

    private static OutlinePoint PointAt(List<IReadOnlyList<OutlinePoint>> contours, int index)
    {
        foreach (var c in contours)
        {
            if (index < c.Count) return c[index];
            index -= c.Count;
        }
        throw new FontFormatException("A composite glyph anchors to a point that does not exist.");
    }

    private static byte[] Table(IReadOnlyDictionary<string, byte[]> tables, string tag) =>
        tables.TryGetValue(tag, out var t) ? t : throw new FontFormatException($"The font has no '{tag}' table.");
}

/// <summary>A font's map from Unicode code points to glyphs: format 12 (all planes) when the font has
/// it, else format 4 (the Basic Multilingual Plane).</summary>
public sealed class CharacterMap
{
    private readonly uint[] _starts;
    private readonly uint[] _ends;
    private readonly Func<int, uint, int> _glyph;

    private CharacterMap(uint[] starts, uint[] ends, Func<int, uint, int> glyph)
    {
        _starts = starts;
        _ends = ends;
        _glyph = glyph;
    }

    /// <summary>Reads only the cmap of a font file: enough to ask whether the font has a character.</summary>
    public static CharacterMap Of(byte[] file) =>
        Parse(FontFile.ReadTables(file, tag => tag == "cmap").GetValueOrDefault("cmap")
            ?? throw new FontFormatException("The font has no 'cmap' table."));

    public static CharacterMap Parse(byte[] cmap)
    {
        var count = Read.U16(cmap, 2);
        int? format12 = null, format4 = null;
        for (var i = 0; i < count; i++)
        {
            var platform = Read.U16(cmap, 4 + 8 * i);
            var encoding = Read.U16(cmap, 6 + 8 * i);
            var offset = (int)Read.U32(cmap, 8 + 8 * i);
            var unicode = platform == 0 || (platform == 3 && encoding is 1 or 10);
            if (!unicode) continue;
            var format = Read.U16(cmap, offset);
            if (format == 12) format12 ??= offset;
            if (format == 4) format4 ??= offset;
        }
        if (format12 is { } o12) return Format12(cmap, o12);
        if (format4 is { } o4) return Format4(cmap, o4);
        throw new FontFormatException("The font has no Unicode cmap of format 4 or 12.");
    }

    /// <summary>The glyph for a code point, 0 when unmapped.</summary>
    public int Lookup(int codePoint)
    {
        if (codePoint < 0) return 0;
        var cp = (uint)codePoint;
        int lo = 0, hi = _ends.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_ends[mid] < cp) lo = mid + 1;
            else if (_starts[mid] > cp) hi = mid - 1;
            else return _glyph(mid, cp);
        }
        return 0;
    }

    public bool Contains(int codePoint) => Lookup(codePoint) != 0;

    private static CharacterMap Format12(byte[] cmap, int offset)
    {
        var groups = (int)Read.U32(cmap, offset + 12);
        if (groups < 0 || offset + 16L + 12L * groups > cmap.Length) throw new FontFormatException("cmap format 12 is truncated.");
        var starts = new uint[groups];
        var ends = new uint[groups];
        var first = new uint[groups];
        for (var i = 0; i < groups; i++)
        {
            var p = offset + 16 + 12 * i;
            starts[i] = Read.U32(cmap, p);
            ends[i] = Read.U32(cmap, p + 4);
            first[i] = Read.U32(cmap, p + 8);
        }
        return new CharacterMap(starts, ends, (i, cp) => (int)Math.Min(first[i] + (cp - starts[i]), int.MaxValue));
    }

    private static CharacterMap Format4(byte[] cmap, int offset)
    {
        var segments = Read.U16(cmap, offset + 6) / 2;
        var endsAt = offset + 14;
        var startsAt = endsAt + 2 * segments + 2;
        var deltasAt = startsAt + 2 * segments;
        var rangesAt = deltasAt + 2 * segments;
        var starts = new uint[segments];
        var ends = new uint[segments];
        var deltas = new int[segments];
        var ranges = new int[segments];
        for (var i = 0; i < segments; i++)
        {
            ends[i] = Read.U16(cmap, endsAt + 2 * i);
            starts[i] = Read.U16(cmap, startsAt + 2 * i);
            deltas[i] = Read.I16(cmap, deltasAt + 2 * i);
            ranges[i] = Read.U16(cmap, rangesAt + 2 * i);
        }
        return new CharacterMap(starts, ends, (i, cp) =>
        {
            if (ranges[i] == 0) return (int)((cp + deltas[i]) & 0xFFFF);
            // idRangeOffset is relative to its own position in the array.
            var at = rangesAt + 2 * i + ranges[i] + 2 * (int)(cp - starts[i]);
            var glyph = Read.U16(cmap, at);
            return glyph == 0 ? 0 : (glyph + deltas[i]) & 0xFFFF;
        });
    }
}

/// <summary>Big-endian reads that fail as a font error, not an index exception, when the data is short.</summary>
internal static class Read
{
    public static byte U8(ReadOnlySpan<byte> s, int at) => (uint)at < (uint)s.Length ? s[at] : throw Short();
    public static ushort U16(ReadOnlySpan<byte> s, int at) => at >= 0 && at + 2 <= s.Length ? BinaryPrimitives.ReadUInt16BigEndian(s[at..]) : throw Short();
    public static short I16(ReadOnlySpan<byte> s, int at) => at >= 0 && at + 2 <= s.Length ? BinaryPrimitives.ReadInt16BigEndian(s[at..]) : throw Short();
    public static uint U32(ReadOnlySpan<byte> s, int at) => at >= 0 && at + 4 <= s.Length ? BinaryPrimitives.ReadUInt32BigEndian(s[at..]) : throw Short();
    public static double F2Dot14(ReadOnlySpan<byte> s, int at) => I16(s, at) / 16384.0;
    private static FontFormatException Short() => new("The font data ends early.");
}
