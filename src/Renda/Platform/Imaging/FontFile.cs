using System.Buffers.Binary;
using System.IO.Compression;

namespace Renda.Platform.Imaging;

/// <summary>A font file that could not be read.</summary>
public sealed class FontFormatException(string message) : Exception(message);

/// <summary>The tables of a TrueType font, from a bare sfnt file (.ttf) or a WOFF 1.0 file (.woff,
/// each table zlib-compressed on its own). WOFF 2 (Brotli, transformed glyf) and CFF-flavoured
/// fonts are refused with a clear message.</summary>
public static class FontFile
{
    private const uint Woff = 0x774F4646;      // 'wOFF'
    private const uint Woff2 = 0x774F4632;     // 'wOF2'
    private const uint TrueType = 0x00010000;
    private const uint AppleTrue = 0x74727565; // 'true'
    private const uint Cff = 0x4F54544F;       // 'OTTO'
    private const int MaxTableSize = 64 * 1024 * 1024;

    /// <summary>The tables of the font, by tag; only those <paramref name="wanted"/> accepts (all when null)
    /// are decompressed, so that probing a font's cmap costs little.</summary>
    public static IReadOnlyDictionary<string, byte[]> ReadTables(byte[] file, Func<string, bool>? wanted = null)
    {
        if (file.Length < 12) throw new FontFormatException("The file is too short to be a font.");
        var signature = BinaryPrimitives.ReadUInt32BigEndian(file);
        return signature switch
        {
            Woff => ReadWoff(file, wanted),
            TrueType or AppleTrue => ReadSfnt(file, wanted),
            Woff2 => throw new FontFormatException("WOFF 2 fonts are not supported; use the .woff (WOFF 1) file."),
            Cff => throw new FontFormatException("CFF-flavoured (PostScript outline) fonts are not supported; use a TrueType-flavoured font."),
            _ => throw new FontFormatException("Not a TrueType or WOFF font."),
        };
    }

    private static Dictionary<string, byte[]> ReadSfnt(byte[] file, Func<string, bool>? wanted)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(4));
        var tables = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var record = Slice(file, 12 + 16 * i, 16);
            var tag = Tag(record);
            if (wanted is not null && !wanted(tag)) continue;
            var offset = BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
            var length = BinaryPrimitives.ReadUInt32BigEndian(record[12..]);
            tables[tag] = Slice(file, offset, length).ToArray();
        }
        return tables;
    }

    private static Dictionary<string, byte[]> ReadWoff(byte[] file, Func<string, bool>? wanted)
    {
        var flavor = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(4));
        if (flavor == Cff) throw new FontFormatException("CFF-flavoured WOFF fonts are not supported; use a TrueType-flavoured font.");
        var count = BinaryPrimitives.ReadUInt16BigEndian(Slice(file, 12, 2));
        var tables = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var entry = Slice(file, 44 + 20 * i, 20);
            var tag = Tag(entry);
            if (wanted is not null && !wanted(tag)) continue;
            var offset = BinaryPrimitives.ReadUInt32BigEndian(entry[4..]);
            var compressedLength = BinaryPrimitives.ReadUInt32BigEndian(entry[8..]);
            var length = BinaryPrimitives.ReadUInt32BigEndian(entry[12..]);
            if (length > MaxTableSize || compressedLength > length)
                throw new FontFormatException($"WOFF table '{tag}' has an impossible size.");
            var stored = Slice(file, offset, compressedLength);
            tables[tag] = compressedLength == length ? stored.ToArray() : Inflate(stored, (int)length, tag);
        }
        return tables;
    }

    private static byte[] Inflate(ReadOnlySpan<byte> compressed, int length, string tag)
    {
        var output = new byte[length];
        using var z = new ZLibStream(new MemoryStream(compressed.ToArray()), CompressionMode.Decompress);
        try
        {
            z.ReadExactly(output);
            if (z.ReadByte() != -1) throw new FontFormatException($"WOFF table '{tag}' is longer than its header says.");
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new FontFormatException($"WOFF table '{tag}' does not decompress: {e.Message}");
        }
        return output;
    }

    private static string Tag(ReadOnlySpan<byte> record) =>
        string.Create(4, record[..4].ToArray(), (chars, bytes) => { for (var i = 0; i < 4; i++) chars[i] = (char)bytes[i]; });

    private static ReadOnlySpan<byte> Slice(byte[] file, long offset, long length) =>
        offset >= 0 && length >= 0 && offset + length <= file.Length
            ? file.AsSpan((int)offset, (int)length)
            : throw new FontFormatException("A table or record lies outside the font file.");
}
