using Renda.Platform.Imaging;

namespace Renda.UnitTests.Imaging;

public sealed class RasterizerTests
{
    [Fact]
    public void A_rectangle_on_pixel_edges_is_solid_inside_and_untouched_outside()
    {
        var image = new GrayImage(30, 30);
        Rasterizer.Fill(image, new PathBuilder().Rectangle(10, 10, 10, 10));

        Assert.Equal(0, image[10, 10]);
        Assert.Equal(0, image[19, 19]);
        Assert.Equal(255, image[9, 15]);
        Assert.Equal(255, image[20, 15]);
        Assert.Equal(255, image[15, 9]);
        Assert.Equal(255, image[15, 20]);
        Assert.Equal(100, image.Pixels.Count(p => p == 0));
    }

    [Fact]
    public void A_pixel_half_covered_gets_half_the_ink()
    {
        var image = new GrayImage(20, 20);
        Rasterizer.Fill(image, new PathBuilder().Rectangle(5.5, 4, 5, 10));

        Assert.InRange(image[5, 8], 124, 131);   // half covered horizontally: exact span coverage
        Assert.Equal(0, image[6, 8]);
        Assert.InRange(image[10, 8], 124, 131);
    }

    [Fact]
    public void Overlapping_shapes_drawn_the_same_way_round_fill_by_the_non_zero_rule()
    {
        var image = new GrayImage(40, 40);
        Rasterizer.Fill(image, new PathBuilder().Rectangle(5, 5, 20, 20).Rectangle(15, 15, 20, 20));
        Assert.Equal(0, image[20, 20]); // the overlap is filled (even-odd would leave it empty)
    }

    [Fact]
    public void A_contour_the_other_way_round_cuts_a_hole()
    {
        var image = new GrayImage(40, 40);
        Rasterizer.Fill(image, new PathBuilder().Rectangle(5, 5, 30, 30).Rectangle(15, 15, 10, 10, counterClockwise: true));
        Assert.Equal(255, image[20, 20]);
        Assert.Equal(0, image[8, 20]);
    }

    [Fact]
    public void A_curve_is_flattened_close_to_the_true_shape()
    {
        // A quadratic from (0,20) through control (20,-20) to (40,20) peaks at y = 0.
        var image = new GrayImage(40, 40);
        Rasterizer.Fill(image, new PathBuilder().MoveTo(0, 20).QuadTo(20, -20, 40, 20).LineTo(40, 39).LineTo(0, 39));

        Assert.True(image[20, 0] < 128, "the apex is inked");
        Assert.Equal(255, image[2, 5]);          // outside the arch
        Assert.Equal(0, image[20, 10]);
        Assert.Contains(image.Pixels, p => p is > 0 and < 255);
    }

    [Fact]
    public void Ink_of_a_lighter_shade_blends_towards_that_shade()
    {
        var image = new GrayImage(10, 10);
        Rasterizer.Fill(image, new PathBuilder().Rectangle(0, 0, 10, 10), ink: 64);
        Assert.All(image.Pixels, p => Assert.Equal(64, p));
    }
}
