using System.Buffers.Binary;
using System.Text;
using Renda.Modules.Opinions;

namespace Renda.UnitTests.Opinions;

/// <summary>Real byte fixtures built segment by segment, chunk by chunk: what a phone's photo carries
/// (Exif with GPS, XMP, comments, text chunks) goes; the picture and what it needs to be drawn stays.</summary>
public sealed class OpinionAttachmentsFilesTests
{
    private static readonly byte[] Gps = Encoding.ASCII.GetBytes("GPSLatitude 30.63N GPSLongitude 119.68E");

    // ---------- fixtures ----------

    public static byte[] JpegSegment(byte marker, byte[] data)
    {
        var s = new byte[4 + data.Length];
        s[0] = 0xFF; s[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(s.AsSpan(2), (ushort)(data.Length + 2));
        data.CopyTo(s, 4);
        return s;
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    private static readonly byte[] ScanData = [0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD0, 0x78, 0xFF, 0xD9];

    private static readonly byte[] Jfif = JpegSegment(0xE0, Concat(Ascii("JFIF\0"), [1, 1, 0, 0, 1, 0, 1, 0, 0]));
    private static readonly byte[] Icc = JpegSegment(0xE2, Concat(Ascii("ICC_PROFILE\0"), [1, 1, 9, 9, 9]));
    private static readonly byte[] Adobe = JpegSegment(0xEE, Concat(Ascii("Adobe"), [0, 100, 0, 0, 0, 0, 1]));
    private static readonly byte[] Tables = Concat(
        JpegSegment(0xDB, Concat([0], Enumerable.Repeat((byte)1, 64).ToArray())),
        JpegSegment(0xC0, [8, 0, 16, 0, 16, 1, 1, 0x11, 0]),
        JpegSegment(0xC4, Concat([0], Enumerable.Repeat((byte)0, 16).ToArray())),
        JpegSegment(0xDA, [1, 1, 0, 0, 63, 0]));

    /// <summary>SOI, JFIF, Exif with GPS, XMP, an ICC profile, IPTC, Adobe, a comment, tables, a frame, a scan and EOI.</summary>
    public static byte[] Jpeg() => Concat(
        [0xFF, 0xD8],
        Jfif,
        JpegSegment(0xE1, Concat(Ascii("Exif\0\0MM\0*"), Gps)),
        JpegSegment(0xE1, Concat(Ascii("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>"), Gps, Ascii("</x:xmpmeta>"))),
        Icc,
        JpegSegment(0xED, Encoding.UTF8.GetBytes("Photoshop 3.0\0IPTC city 安吉")),
        Adobe,
        JpegSegment(0xFE, Ascii("taken by Wang Xiaoming 13812348000")),
        Tables,
        ScanData);

    public static byte[] PngChunk(string type, byte[] data)
    {
        var c = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(c, (uint)data.Length);
        Ascii(type).CopyTo(c, 4);
        data.CopyTo(c, 8);
        BinaryPrimitives.WriteUInt32BigEndian(c.AsSpan(8 + data.Length), Crc32(c.AsSpan(4, 4 + data.Length)));
        return c;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Ihdr = [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];
    private static readonly byte[] Idat = [0x78, 0x9C, 0x63, 0x60, 0, 0, 0, 2, 0, 1];

    public static byte[] Png() => Concat(PngSignature,
        PngChunk("IHDR", Ihdr),
        PngChunk("iCCP", Concat(Ascii("sRGB\0\0"), [0x78, 0x9C])),
        PngChunk("tEXt", Concat(Ascii("Author\0"), Ascii("Wang Xiaoming"))),
        PngChunk("zTXt", Concat(Ascii("Comment\0\0"), [0x78, 0x9C, 1, 2])),
        PngChunk("iTXt", Concat(Ascii("XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>"), Gps)),
        PngChunk("eXIf", Concat(Ascii("MM\0*"), Gps)),
        PngChunk("tIME", [0x07, 0xEA, 3, 2, 9, 0, 0]),
        PngChunk("IDAT", Idat),
        PngChunk("IEND", []));

    public static byte[] WebPChunk(string fourCc, byte[] data)
    {
        var padded = data.Length + (data.Length & 1);
        var c = new byte[8 + padded];
        Ascii(fourCc).CopyTo(c, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(c.AsSpan(4), (uint)data.Length);
        data.CopyTo(c, 8);
        return c;
    }

    public static byte[] WebP(params byte[][] chunks)
    {
        var body = Concat(chunks);
        var riff = new byte[12 + body.Length];
        Ascii("RIFF").CopyTo(riff, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(riff.AsSpan(4), (uint)(4 + body.Length));
        Ascii("WEBP").CopyTo(riff, 8);
        body.CopyTo(riff, 12);
        return riff;
    }

    private static readonly byte[] Vp8L = [0x2F, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xFE, 0x07, 0x00, 0x01];   // odd length: padded

    public static byte[] WebPWithMetadata() => WebP(
        WebPChunk("VP8X", [0x08 | 0x04 | 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        WebPChunk("ALPH", [0, 1, 2]),
        WebPChunk("VP8L", Vp8L),
        WebPChunk("EXIF", Concat(Ascii("MM\0*"), Gps)),
        WebPChunk("XMP ", Concat(Ascii("<x:xmpmeta>"), Gps)));

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    // ---------- sniffing ----------

    [Fact]
    public void Types_are_told_by_their_bytes_only()
    {
        Assert.Equal(OpinionAttachmentsFiles.Jpeg, OpinionAttachmentsFiles.Sniff(Jpeg()));
        Assert.Equal(OpinionAttachmentsFiles.Png, OpinionAttachmentsFiles.Sniff(Png()));
        Assert.Equal(OpinionAttachmentsFiles.WebP, OpinionAttachmentsFiles.Sniff(WebPWithMetadata()));
        Assert.Null(OpinionAttachmentsFiles.Sniff(Ascii("GIF89a\x01\0\x01\0")));
        Assert.Null(OpinionAttachmentsFiles.Sniff(Ascii("<html><script>alert(1)</script></html>")));
        Assert.Null(OpinionAttachmentsFiles.Sniff(Ascii("RIFF\x24\0\0\0WAVEfmt ")));
        Assert.Null(OpinionAttachmentsFiles.Sniff(Ascii("MZ\x90\0")));
        Assert.Null(OpinionAttachmentsFiles.Sniff([0xFF, 0xD8]));
        Assert.Null(OpinionAttachmentsFiles.Sniff(Ascii("%PDF-1.7\n")));
        Assert.Equal(OpinionAttachmentsFiles.Pdf, OpinionAttachmentsFiles.Sniff(Ascii("%PDF-1.7\n"), allowPdf: true));
    }

    [Fact]
    public void Accept_refuses_empty_oversized_foreign_and_broken_files_with_a_reason()
    {
        Assert.Contains("空", OpinionAttachmentsFiles.Accept([]).Zh);
        var huge = new byte[OpinionAttachmentsFiles.MaxBytes + 1];
        Jpeg().CopyTo(huge, 0);
        Assert.Contains("10MB", OpinionAttachmentsFiles.Accept(huge).Zh);
        Assert.Contains("JPEG", OpinionAttachmentsFiles.Accept(Ascii("%PDF-1.4 a pdf renamed photo.jpg")).Zh);
        Assert.Contains("损坏", OpinionAttachmentsFiles.Accept(Jpeg()[..30]).Zh);
        var ok = OpinionAttachmentsFiles.Accept(Png());
        Assert.Equal(("image/png", "png"), (ok.File!.ContentType, ok.File.Extension));
        Assert.NotNull(OpinionAttachmentsFiles.Accept(Ascii("%PDF-1.4\n%%EOF"), allowPdf: true).File);
    }

    // ---------- JPEG ----------

    [Fact]
    public void Jpeg_loses_exif_gps_xmp_iptc_and_comments_and_keeps_jfif_icc_adobe_tables_and_the_scan()
    {
        var clean = OpinionAttachmentsFiles.StripJpeg(Jpeg())!;
        Assert.False(Contains(clean, Gps));
        Assert.False(Contains(clean, Ascii("Exif\0\0")));
        Assert.False(Contains(clean, Ascii("http://ns.adobe.com/xap")));
        Assert.False(Contains(clean, Ascii("Photoshop")));
        Assert.False(Contains(clean, Ascii("13812348000")));
        Assert.True(Contains(clean, Ascii("JFIF\0")));
        Assert.True(Contains(clean, Ascii("ICC_PROFILE\0")));
        Assert.True(Contains(clean, Ascii("Adobe")));
        Assert.Equal([0xFF, 0xD8], clean[..2]);
        Assert.Equal(ScanData, clean[^ScanData.Length..]);
        Assert.Equal(Concat([0xFF, 0xD8], Jfif, Icc, Adobe, Tables, ScanData), clean);
        // Stripping is stable: a clean file stays as it is.
        Assert.Equal(clean, OpinionAttachmentsFiles.StripJpeg(clean));
    }

    [Fact]
    public void A_jpeg_whose_segment_runs_past_the_end_or_that_has_no_marker_where_one_belongs_is_refused()
    {
        var file = Jpeg();
        Assert.Null(OpinionAttachmentsFiles.StripJpeg(file[..40]));
        var bad = (byte[])file.Clone();
        bad[2] = 0x00;   // not a marker after SOI
        Assert.Null(OpinionAttachmentsFiles.StripJpeg(bad));
        Assert.Null(OpinionAttachmentsFiles.StripJpeg([0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF]));
    }

    // ---------- PNG ----------

    [Fact]
    public void Png_loses_exif_text_and_time_chunks_and_keeps_the_rest_byte_for_byte()
    {
        var clean = OpinionAttachmentsFiles.StripPng(Png())!;
        var expected = Concat(PngSignature, PngChunk("IHDR", Ihdr), PngChunk("iCCP", Concat(Ascii("sRGB\0\0"), [0x78, 0x9C])),
            PngChunk("IDAT", Idat), PngChunk("IEND", []));
        Assert.Equal(expected, clean);
        Assert.False(Contains(clean, Gps));
        Assert.False(Contains(clean, Ascii("Wang")));
    }

    [Fact]
    public void A_png_without_ihdr_first_without_iend_or_with_a_chunk_past_the_end_is_refused()
    {
        Assert.Null(OpinionAttachmentsFiles.StripPng(Concat(PngSignature, PngChunk("IDAT", Idat), PngChunk("IEND", []))));
        Assert.Null(OpinionAttachmentsFiles.StripPng(Concat(PngSignature, PngChunk("IHDR", Ihdr), PngChunk("IDAT", Idat))));
        var png = Png();
        Assert.Null(OpinionAttachmentsFiles.StripPng(png[..(png.Length - 5)]));
        var lying = Concat(PngSignature, PngChunk("IHDR", Ihdr));
        BinaryPrimitives.WriteUInt32BigEndian(lying.AsSpan(8), 0x7FFFFFF0);
        Assert.Null(OpinionAttachmentsFiles.StripPng(lying));
    }

    // ---------- WebP ----------

    [Fact]
    public void WebP_loses_exif_and_xmp_chunks_and_their_vp8x_flags_and_gets_its_riff_size_right()
    {
        var clean = OpinionAttachmentsFiles.StripWebP(WebPWithMetadata())!;
        var expected = WebP(WebPChunk("VP8X", [0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0]), WebPChunk("ALPH", [0, 1, 2]), WebPChunk("VP8L", Vp8L));
        Assert.Equal(expected, clean);
        Assert.Equal((uint)(clean.Length - 8), BinaryPrimitives.ReadUInt32LittleEndian(clean.AsSpan(4)));
        Assert.False(Contains(clean, Gps));
    }

    [Fact]
    public void A_simple_webp_passes_unchanged_and_a_broken_one_is_refused()
    {
        var simple = WebP(WebPChunk("VP8L", Vp8L));
        Assert.Equal(simple, OpinionAttachmentsFiles.StripWebP(simple));
        Assert.Null(OpinionAttachmentsFiles.StripWebP(WebP()));
        var truncated = WebPWithMetadata();
        BinaryPrimitives.WriteUInt32LittleEndian(truncated.AsSpan(4), (uint)(truncated.Length + 100));
        Assert.Null(OpinionAttachmentsFiles.StripWebP(truncated));
        var lyingChunk = WebP(WebPChunk("VP8L", Vp8L));
        BinaryPrimitives.WriteUInt32LittleEndian(lyingChunk.AsSpan(16), 1000);
        Assert.Null(OpinionAttachmentsFiles.StripWebP(lyingChunk));
    }
}
