using System.Buffers.Binary;

namespace Renda.Modules.Opinions;

/// <summary>A file recognised by its bytes, with what the app stores and serves it as.</summary>
public sealed record SniffedFile(string ContentType, string Extension, byte[] Bytes);

/// <summary>Recognises uploads by their bytes (magic numbers; never the name or the declared content type)
/// and strips what an image carries besides the picture: EXIF (GPS, camera, time), XMP, comments and text
/// chunks. Written in house (docs/adr/0020): no image library is available, and none is needed, because
/// stripping is removing whole segments or chunks, never decoding pixels. A file whose structure does not
/// hold together (a truncated segment, a chunk running past the end) is refused, not repaired.</summary>
public static class OpinionAttachmentsFiles
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public const string Jpeg = "image/jpeg", Png = "image/png", WebP = "image/webp", Pdf = "application/pdf";

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The type the bytes say, or null: JPEG, PNG, WebP (and PDF when <paramref name="allowPdf"/>).</summary>
    public static string? Sniff(ReadOnlySpan<byte> b, bool allowPdf = false)
    {
        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return Jpeg;
        if (b.Length >= 8 && b[..8].SequenceEqual(PngSignature)) return Png;
        if (b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8)) return WebP;
        if (allowPdf && b.Length >= 5 && b[..5].SequenceEqual("%PDF-"u8)) return Pdf;
        return null;
    }

    /// <summary>Checks and cleans one upload: null with a reason (zh, en) when it is not an accepted file.</summary>
    public static (SniffedFile? File, string? Zh, string? En) Accept(byte[] bytes, bool allowPdf = false)
    {
        if (bytes.Length == 0) return (null, "文件是空的", "The file is empty.");
        if (bytes.Length > MaxBytes) return (null, "单个文件不能超过10MB", "A file may not exceed 10 MB.");
        var type = Sniff(bytes, allowPdf);
        byte[]? clean = type switch
        {
            Jpeg => StripJpeg(bytes),
            Png => StripPng(bytes),
            WebP => StripWebP(bytes),
            Pdf => bytes,
            _ => null,
        };
        if (type is null)
            return allowPdf
                ? (null, "只接受JPEG、PNG、WebP图片或PDF文件", "Only JPEG, PNG or WebP images or PDF files are accepted.")
                : (null, "只接受JPEG、PNG或WebP图片", "Only JPEG, PNG or WebP images are accepted.");
        if (clean is null) return (null, "文件已损坏或格式不完整", "The file is damaged or incomplete.");
        var ext = type switch { Jpeg => "jpg", Png => "png", WebP => "webp", _ => "pdf" };
        return (new SniffedFile(type, ext, clean), null, null);
    }

    /// <summary>JPEG: keeps every segment but APP1 (Exif, XMP), APP2 other than ICC_PROFILE, APP3–APP13,
    /// APP15 and COM; keeps APP0 (JFIF/JFXX), APP2 ICC profiles and APP14 (Adobe colour transform, which
    /// a CMYK picture needs). From the first SOS on, the entropy-coded data is copied as it is.
    /// Returns null when the segment structure is broken.</summary>
    public static byte[]? StripJpeg(ReadOnlySpan<byte> b)
    {
        if (b.Length < 4 || b[0] != 0xFF || b[1] != 0xD8) return null;
        using var output = new MemoryStream(b.Length);
        output.Write([0xFF, 0xD8]);
        var i = 2;
        while (true)
        {
            if (i >= b.Length || b[i] != 0xFF) return null;
            while (i < b.Length && b[i] == 0xFF) i++;    // fill bytes
            if (i >= b.Length) return null;
            var marker = b[i++];
            if (marker == 0xD9) { output.Write([0xFF, 0xD9]); return output.ToArray(); }   // EOI before any scan
            if (marker is >= 0xD0 and <= 0xD7 or 0x01) { output.Write([0xFF, marker]); continue; }
            if (i + 2 > b.Length) return null;
            var length = BinaryPrimitives.ReadUInt16BigEndian(b[i..]);
            if (length < 2 || i + length > b.Length) return null;
            var segment = b.Slice(i + 2, length - 2);
            if (marker == 0xDA)
            {
                output.Write([0xFF, marker]);
                output.Write(b[i..]);
                return output.ToArray();
            }
            if (KeepJpegSegment(marker, segment))
            {
                output.Write([0xFF, marker]);
                output.Write(b.Slice(i, length));
            }
            i += length;
        }
    }

    private static bool KeepJpegSegment(byte marker, ReadOnlySpan<byte> data) => marker switch
    {
        0xE0 => data.StartsWith("JFIF\0"u8) || data.StartsWith("JFXX\0"u8),
        0xE2 => data.StartsWith("ICC_PROFILE\0"u8),
        0xEE => data.StartsWith("Adobe"u8),
        >= 0xE1 and <= 0xEF => false,
        0xFE => false,   // COM: free text, may name a person or a place
        _ => true,
    };

    private static readonly HashSet<string> PngDropped = ["eXIf", "tEXt", "zTXt", "iTXt", "tIME"];

    /// <summary>PNG: drops the eXIf, tEXt, zTXt, iTXt and tIME chunks; the first chunk must be IHDR and the
    /// file must reach IEND. Returns null when the chunk structure is broken.</summary>
    public static byte[]? StripPng(ReadOnlySpan<byte> b)
    {
        if (b.Length < 8 || !b[..8].SequenceEqual(PngSignature)) return null;
        using var output = new MemoryStream(b.Length);
        output.Write(PngSignature);
        var i = 8;
        var first = true;
        while (true)
        {
            if (i + 12 > b.Length) return null;
            var length = BinaryPrimitives.ReadUInt32BigEndian(b[i..]);
            if (length > int.MaxValue || i + 12 + (long)length > b.Length) return null;
            var type = System.Text.Encoding.ASCII.GetString(b.Slice(i + 4, 4));
            if (first && type != "IHDR") return null;
            first = false;
            var total = 12 + (int)length;
            if (!PngDropped.Contains(type)) output.Write(b.Slice(i, total));
            i += total;
            if (type == "IEND") return output.ToArray();
        }
    }

    /// <summary>WebP: drops the EXIF and XMP chunks, clears their flags in VP8X and rewrites the RIFF size.
    /// Returns null when the chunk structure is broken.</summary>
    public static byte[]? StripWebP(ReadOnlySpan<byte> b)
    {
        if (b.Length < 12 || !b[..4].SequenceEqual("RIFF"u8) || !b[8..12].SequenceEqual("WEBP"u8)) return null;
        var riffEnd = 8L + BinaryPrimitives.ReadUInt32LittleEndian(b[4..]);
        if (riffEnd > b.Length || riffEnd < 12) return null;
        using var output = new MemoryStream(b.Length);
        output.Write("RIFF"u8);
        output.Write(stackalloc byte[4]);   // the size, written at the end
        output.Write("WEBP"u8);
        var i = 12;
        var chunks = 0;
        while (i < riffEnd)
        {
            if (i + 8 > riffEnd) return null;
            var size = BinaryPrimitives.ReadUInt32LittleEndian(b[(i + 4)..]);
            var padded = 8L + size + (size & 1);
            if (i + 8L + size > riffEnd) return null;
            var total = (int)Math.Min(padded, riffEnd - i);
            var fourCc = b.Slice(i, 4);
            chunks++;
            if (fourCc.SequenceEqual("EXIF"u8) || fourCc.SequenceEqual("XMP "u8)) { i += total; continue; }
            var chunk = b.Slice(i, total).ToArray();
            if (fourCc.SequenceEqual("VP8X"u8) && size >= 1) chunk[8] &= unchecked((byte)~(0x08 | 0x04));   // EXIF and XMP flags
            output.Write(chunk);
            i += total;
        }
        if (chunks == 0) return null;
        var result = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4), (uint)(result.Length - 8));
        return result;
    }
}
