using System.Buffers.Binary;
using System.IO.Compression;

namespace Renda.Platform.Imaging;

/// <summary>An 8-bit grayscale raster, row-major, 0 = black and 255 = white; starts white.</summary>
public sealed class GrayImage
{
    public GrayImage(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)width * height, 64L * 1024 * 1024);
        Width = width;
        Height = height;
        Pixels = new byte[width * height];
        Array.Fill(Pixels, (byte)255);
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; }

    public byte this[int x, int y] => Pixels[y * Width + x];

    /// <summary>Paints the rectangle (clipped to the image) with <paramref name="value"/>.</summary>
    public void FillRect(int x, int y, int width, int height, byte value)
    {
        var x0 = Math.Max(0, x);
        var x1 = Math.Min(Width, x + width);
        for (var row = Math.Max(0, y); row < Math.Min(Height, y + height); row++)
            if (x1 > x0) Pixels.AsSpan(row * Width + x0, x1 - x0).Fill(value);
    }

    /// <summary>Moves the pixel towards <paramref name="ink"/> by <paramref name="coverage"/> (0..1).</summary>
    internal void Blend(int x, int y, double coverage, byte ink)
    {
        ref var p = ref Pixels[y * Width + x];
        p = (byte)Math.Clamp(Math.Round(p + (ink - p) * coverage), 0, 255);
    }
}

/// <summary>A minimal PNG writer: 8-bit grayscale, no interlace, filter type 0 on every row, one
/// zlib-compressed IDAT, and optionally a pHYs chunk so that print software knows the physical size.</summary>
public static class Png
{
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <param name="pixelsPerMetre">The print resolution (11811 is 300 dpi); null writes no pHYs chunk.</param>
    public static byte[] EncodeGray(GrayImage image, int? pixelsPerMetre = null)
    {
        using var output = new MemoryStream();
        output.Write(Signature);

        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr[4..], image.Height);
        ihdr[8] = 8;  // bit depth
        ihdr[9] = 0;  // colour type: grayscale
        ihdr[10] = 0; // compression: deflate
        ihdr[11] = 0; // filter method 0
        ihdr[12] = 0; // no interlace
        WriteChunk(output, "IHDR", ihdr);

        if (pixelsPerMetre is { } ppm)
        {
            Span<byte> phys = stackalloc byte[9];
            BinaryPrimitives.WriteInt32BigEndian(phys, ppm);
            BinaryPrimitives.WriteInt32BigEndian(phys[4..], ppm);
            phys[8] = 1; // unit: metre
            WriteChunk(output, "pHYs", phys);
        }

        using (var compressed = new MemoryStream())
        {
            using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                for (var y = 0; y < image.Height; y++)
                {
                    z.WriteByte(0); // filter type None
                    z.Write(image.Pixels, y * image.Width, image.Width);
                }
            }
            WriteChunk(output, "IDAT", compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        }
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>Pixels per metre for a resolution in dots per inch (300 dpi → 11811).</summary>
    public static int PixelsPerMetre(double dpi) => (int)Math.Round(dpi / 0.0254);

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, data.Length);
        for (var i = 0; i < 4; i++) header[4 + i] = (byte)type[i];
        output.Write(header);
        output.Write(data);
        var crc = Crc32.Append(Crc32.Append(Crc32.Start, header[4..]), data);
        Span<byte> trailer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(trailer, Crc32.Finish(crc));
        output.Write(trailer);
    }
}

/// <summary>CRC-32 (ISO 3309, the one PNG and zlib's gzip use), table-driven.</summary>
public static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public const uint Start = 0xFFFFFFFF;

    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    public static uint Finish(uint crc) => crc ^ 0xFFFFFFFF;

    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Append(Start, data));

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
