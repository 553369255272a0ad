using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Renda.UnitTests.Imaging;

/// <summary>Builds a small TrueType font in memory, so that the parts of the reader the real subsets
/// never exercise (composite glyphs, point matching, contours without on-curve points) are tested too.
/// Glyphs: 0 .notdef (empty); 1 'A' a 500×500 square at (100, 0); 2 'B' composite: glyph 1, and glyph 1
/// scaled ½ and moved 700 right; 3 'C' four off-curve points only (a rounded diamond); 4 'D' composite
/// by point matching: glyph 1, and glyph 1 again with its point 0 on the first copy's point 2.</summary>
public static class TinyFont
{
    public const int UnitsPerEm = 1000;
    public const int Emoji = 0x1F600;

    /// <param name="format12">Map with a format 12 subtable (and U+1F600 to glyph 2) instead of format 4.</param>
    public static byte[] Ttf(bool format12 = false)
    {
        var glyphs = new[] { Array.Empty<byte>(), Square(), ScaledComposite(), OffCurveOnly(), PointMatchedComposite() };
        var glyf = new MemoryStream();
        var loca = new byte[4 * (glyphs.Length + 1)];
        for (var i = 0; i < glyphs.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(4 * i), (uint)glyf.Length);
            glyf.Write(glyphs[i]);
            while (glyf.Length % 4 != 0) glyf.WriteByte(0);
        }
        BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(4 * glyphs.Length), (uint)glyf.Length);

        var head = new byte[54];
        BinaryPrimitives.WriteUInt32BigEndian(head, 0x00010000);
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(12), 0x5F0F3CF5);
        BinaryPrimitives.WriteUInt16BigEndian(head.AsSpan(18), UnitsPerEm);
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1); // long loca offsets
        var hhea = new byte[36];
        BinaryPrimitives.WriteUInt32BigEndian(hhea, 0x00010000);
        BinaryPrimitives.WriteInt16BigEndian(hhea.AsSpan(4), 880);
        BinaryPrimitives.WriteInt16BigEndian(hhea.AsSpan(6), -120);
        BinaryPrimitives.WriteUInt16BigEndian(hhea.AsSpan(34), 3); // the last metric repeats for glyphs 3 and 4
        var maxp = new byte[6];
        BinaryPrimitives.WriteUInt32BigEndian(maxp, 0x00005000);
        BinaryPrimitives.WriteUInt16BigEndian(maxp.AsSpan(4), (ushort)glyphs.Length);
        var hmtx = new byte[3 * 4];
        ushort[] advances = [500, 700, 1100];
        for (var i = 0; i < 3; i++) BinaryPrimitives.WriteUInt16BigEndian(hmtx.AsSpan(4 * i), advances[i]);

        var tables = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["cmap"] = format12 ? CmapFormat12() : CmapFormat4(),
            ["glyf"] = glyf.ToArray(),
            ["head"] = head,
            ["hhea"] = hhea,
            ["hmtx"] = hmtx,
            ["loca"] = loca,
            ["maxp"] = maxp,
        };
        return Sfnt(tables);
    }

    /// <summary>The same font as WOFF 1.0, each table zlib-compressed when that makes it smaller.</summary>
    public static byte[] Woff(byte[] ttf)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(ttf.AsSpan(4));
        var entries = new List<(byte[] Tag, byte[] Stored, int Length)>();
        for (var i = 0; i < count; i++)
        {
            var rec = ttf.AsSpan(12 + 16 * i);
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(rec[8..]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(rec[12..]);
            var data = ttf.AsSpan(offset, length).ToArray();
            var packed = new MemoryStream();
            using (var z = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(data);
            entries.Add((rec[..4].ToArray(), packed.Length < data.Length ? packed.ToArray() : data, length));
        }
        var output = new MemoryStream();
        var header = new byte[44 + 20 * count];
        BinaryPrimitives.WriteUInt32BigEndian(header, 0x774F4646);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(12), count);
        output.Write(header);
        for (var i = 0; i < count; i++)
        {
            var e = entries[i];
            var dir = header.AsSpan(44 + 20 * i);
            e.Tag.CopyTo(dir);
            BinaryPrimitives.WriteUInt32BigEndian(dir[4..], (uint)output.Length);
            BinaryPrimitives.WriteUInt32BigEndian(dir[8..], (uint)e.Stored.Length);
            BinaryPrimitives.WriteUInt32BigEndian(dir[12..], (uint)e.Length);
            output.Write(e.Stored);
            while (output.Length % 4 != 0) output.WriteByte(0);
        }
        var bytes = output.ToArray();
        header.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), (uint)bytes.Length);
        return bytes;
    }

    private static byte[] Square() => Simple([(100, 0, true), (100, 500, true), (600, 500, true), (600, 0, true)]);

    private static byte[] OffCurveOnly() => Simple([(500, 0, false), (0, 500, false), (500, 1000, false), (1000, 500, false)]);

    private static byte[] Simple((int X, int Y, bool On)[] points)
    {
        var s = new MemoryStream();
        var w = new BinaryWriterBE(s);
        w.I16(1);
        w.I16((short)points.Min(p => p.X)); w.I16((short)points.Min(p => p.Y));
        w.I16((short)points.Max(p => p.X)); w.I16((short)points.Max(p => p.Y));
        w.U16((ushort)(points.Length - 1)); // end point of the one contour
        w.U16(0);                           // no instructions
        foreach (var p in points) s.WriteByte(p.On ? (byte)1 : (byte)0); // word deltas for x and y
        var last = 0;
        foreach (var p in points) { w.I16((short)(p.X - last)); last = p.X; }
        last = 0;
        foreach (var p in points) { w.I16((short)(p.Y - last)); last = p.Y; }
        return s.ToArray();
    }

    private static byte[] ScaledComposite()
    {
        const ushort words = 0x1, xy = 0x2, scale = 0x8, more = 0x20;
        var s = new MemoryStream();
        var w = new BinaryWriterBE(s);
        w.I16(-1); w.I16(100); w.I16(0); w.I16(1050); w.I16(500);
        w.U16(words | xy | more); w.U16(1); w.I16(0); w.I16(0);
        w.U16(words | xy | scale); w.U16(1); w.I16(700); w.I16(0); w.I16(8192); // 0.5 in F2Dot14
        return s.ToArray();
    }

    private static byte[] PointMatchedComposite()
    {
        const ushort words = 0x1, more = 0x20; // no ARGS_ARE_XY_VALUES: the arguments are point numbers
        var s = new MemoryStream();
        var w = new BinaryWriterBE(s);
        w.I16(-1); w.I16(100); w.I16(0); w.I16(1100); w.I16(1000);
        w.U16(words | 0x2 | more); w.U16(1); w.I16(0); w.I16(0);
        w.U16(words); w.U16(1); w.U16(2); w.U16(0);
        return s.ToArray();
    }

    private static byte[] CmapFormat4()
    {
        // One segment 'A'..'D' → glyphs 1..4 by delta, and the required 0xFFFF end segment.
        var sub = new MemoryStream();
        var w = new BinaryWriterBE(sub);
        w.U16(4); w.U16(32); w.U16(0); w.U16(4); w.U16(4); w.U16(1); w.U16(0);
        w.U16('D'); w.U16(0xFFFF); // end codes
        w.U16(0);                  // reserved pad
        w.U16('A'); w.U16(0xFFFF); // start codes
        w.I16((short)(1 - 'A')); w.I16(1); // deltas
        w.U16(0); w.U16(0);        // range offsets
        return Cmap(3, 1, sub.ToArray());
    }

    private static byte[] CmapFormat12()
    {
        var sub = new MemoryStream();
        var w = new BinaryWriterBE(sub);
        w.U16(12); w.U16(0); w.U32(16 + 12 * 2); w.U32(0); w.U32(2);
        w.U32('A'); w.U32('D'); w.U32(1);
        w.U32(Emoji); w.U32(Emoji); w.U32(2);
        return Cmap(3, 10, sub.ToArray());
    }

    private static byte[] Cmap(ushort platform, ushort encoding, byte[] subtable)
    {
        var s = new MemoryStream();
        var w = new BinaryWriterBE(s);
        w.U16(0); w.U16(1); w.U16(platform); w.U16(encoding); w.U32(12);
        s.Write(subtable);
        return s.ToArray();
    }

    private static byte[] Sfnt(SortedDictionary<string, byte[]> tables)
    {
        var s = new MemoryStream();
        var w = new BinaryWriterBE(s);
        w.U32(0x00010000); w.U16((ushort)tables.Count); w.U16(0); w.U16(0); w.U16(0);
        var offset = 12 + 16 * tables.Count;
        var body = new MemoryStream();
        foreach (var (tag, data) in tables)
        {
            s.Write(Encoding.ASCII.GetBytes(tag));
            w.U32(0); w.U32((uint)(offset + body.Length)); w.U32((uint)data.Length);
            body.Write(data);
            while (body.Length % 4 != 0) body.WriteByte(0);
        }
        body.Position = 0;
        body.CopyTo(s);
        return s.ToArray();
    }

    private sealed class BinaryWriterBE(Stream s)
    {
        public void U16(int v) { Span<byte> b = stackalloc byte[2]; BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)v); s.Write(b); }
        public void I16(short v) { Span<byte> b = stackalloc byte[2]; BinaryPrimitives.WriteInt16BigEndian(b, v); s.Write(b); }
        public void U32(uint v) { Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteUInt32BigEndian(b, v); s.Write(b); }
        public void U32(int v) => U32((uint)v);
    }
}
