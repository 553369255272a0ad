using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Renda.Platform.Imaging;

namespace Renda.UnitTests.Imaging;

/// <summary>A strict PNG reader for tests: checks the signature and every chunk's CRC, reads IHDR and
/// pHYs, inflates the IDAT data and undoes the row filters. 8-bit grayscale only (what the encoder writes).</summary>
public sealed class PngReader
{
    public int Width { get; private set; }
    public int Height { get; private set; }
    public int BitDepth { get; private set; }
    public int ColorType { get; private set; }
    public int Interlace { get; private set; }
    public int? PixelsPerMetreX { get; private set; }
    public int? PixelsPerMetreY { get; private set; }
    public List<string> Chunks { get; } = [];
    /// <summary>The inflated IDAT stream: one filter byte then the row, for each row.</summary>
    public byte[] Raw { get; private set; } = [];
    public byte[] Pixels { get; private set; } = [];

    public byte this[int x, int y] => Pixels[y * Width + x];

    public static PngReader Read(byte[] png)
    {
        var r = new PngReader();
        Assert.True(png.AsSpan(0, 8).SequenceEqual(Png.Signature), "PNG signature");
        var idat = new MemoryStream();
        var pos = 8;
        while (pos < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            var type = Encoding.ASCII.GetString(png, pos + 4, 4);
            var data = png.AsSpan(pos + 8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + length));
            Assert.True(Crc32.Compute(png.AsSpan(pos + 4, 4 + length)) == crc, $"CRC of chunk {type}");
            r.Chunks.Add(type);
            switch (type)
            {
                case "IHDR":
                    r.Width = BinaryPrimitives.ReadInt32BigEndian(data);
                    r.Height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    r.BitDepth = data[8];
                    r.ColorType = data[9];
                    Assert.Equal(0, data[10]);
                    Assert.Equal(0, data[11]);
                    r.Interlace = data[12];
                    break;
                case "pHYs":
                    r.PixelsPerMetreX = BinaryPrimitives.ReadInt32BigEndian(data);
                    r.PixelsPerMetreY = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    Assert.Equal(1, data[8]);
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
            }
            pos += 12 + length;
        }
        Assert.Equal(pos, png.Length);
        Assert.Equal("IHDR", r.Chunks[0]);
        Assert.Equal("IEND", r.Chunks[^1]);

        using var z = new ZLibStream(new MemoryStream(idat.ToArray()), CompressionMode.Decompress);
        var raw = new MemoryStream();
        z.CopyTo(raw);
        r.Raw = raw.ToArray();
        Assert.Equal(8, r.BitDepth);
        Assert.Equal(0, r.ColorType);
        r.Pixels = Unfilter(r.Raw, r.Width, r.Height);
        return r;
    }

    private static byte[] Unfilter(byte[] raw, int width, int height)
    {
        Assert.Equal(height * (width + 1), raw.Length);
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (width + 1)];
            for (var x = 0; x < width; x++)
            {
                int v = raw[y * (width + 1) + 1 + x];
                int a = x > 0 ? pixels[y * width + x - 1] : 0, b = y > 0 ? pixels[(y - 1) * width + x] : 0;
                int c = x > 0 && y > 0 ? pixels[(y - 1) * width + x - 1] : 0;
                v += filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"filter {filter}"),
                };
                pixels[y * width + x] = (byte)v;
            }
        }
        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
