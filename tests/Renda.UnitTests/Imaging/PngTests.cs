using System.Text;
using Renda.Platform.Imaging;

namespace Renda.UnitTests.Imaging;

public sealed class PngTests
{
    [Fact]
    public void Crc32_matches_the_standard_check_value() =>
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));

    [Fact]
    public void A_grayscale_image_round_trips_through_the_encoder()
    {
        var image = new GrayImage(5, 3);
        image.FillRect(1, 1, 3, 1, 0);
        image.FillRect(4, 0, 1, 1, 128);

        var png = PngReader.Read(Png.EncodeGray(image, Png.PixelsPerMetre(300)));

        Assert.Equal(["IHDR", "pHYs", "IDAT", "IEND"], png.Chunks);
        Assert.Equal((5, 3), (png.Width, png.Height));
        Assert.Equal(0, png.Interlace);
        Assert.Equal(3 * (5 + 1), png.Raw.Length);
        Assert.Equal(11811, png.PixelsPerMetreX);
        Assert.Equal(11811, png.PixelsPerMetreY);
        Assert.Equal(image.Pixels, png.Pixels);
        Assert.Equal(0, png[2, 1]);
        Assert.Equal(128, png[4, 0]);
        Assert.Equal(255, png[0, 0]);
    }

    [Fact]
    public void Without_a_resolution_there_is_no_pHYs_chunk()
    {
        var png = PngReader.Read(Png.EncodeGray(new GrayImage(2, 2)));
        Assert.Equal(["IHDR", "IDAT", "IEND"], png.Chunks);
        Assert.All(png.Pixels, p => Assert.Equal(255, p));
    }

    [Fact]
    public void A_large_image_compresses_and_decodes_to_its_full_size()
    {
        var image = new GrayImage(1200, 900);
        for (var i = 0; i < 30; i++) image.FillRect(i * 40, i * 30, 40, 30, 0);

        var bytes = Png.EncodeGray(image);
        var png = PngReader.Read(bytes);

        Assert.Equal(900 * 1201, png.Raw.Length);
        Assert.Equal(image.Pixels, png.Pixels);
        Assert.True(bytes.Length < 20_000, $"{bytes.Length} bytes: the IDAT should be deflated");
    }
}
