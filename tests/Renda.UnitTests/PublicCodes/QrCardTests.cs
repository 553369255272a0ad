using System.Xml.Linq;
using QRCoder;
using Renda.Modules.PublicCodes;
using Renda.Platform.Imaging;
using Renda.UnitTests.Imaging;

namespace Renda.UnitTests.PublicCodes;

public sealed class QrCardTests
{
    private const string Url = "https://rd.example.gov.cn/p/s/7k2m9q4xw8ha";
    private static readonly Lazy<FontSet> Fonts = new(() =>
    {
        var path = FontTests.NotoPath();
        return FontSet.Open(path, FontSet.SiblingSubsets(path));
    });

    [Fact]
    public void The_matrix_is_QRCoder_s_symbol_without_the_quiet_zone()
    {
        var qr = QrMatrix.Encode(Url);

        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(Url, QRCodeGenerator.ECCLevel.Q);
        Assert.Equal(17 + 4 * data.Version, qr.Size);
        var pad = (data.ModuleMatrix.Count - qr.Size) / 2;
        for (var y = 0; y < qr.Size; y++)
            for (var x = 0; x < qr.Size; x++)
                Assert.Equal(data.ModuleMatrix[y + pad][x + pad], qr[x, y]);
        // Finder patterns: the three corners start with a dark 7-module ring.
        Assert.True(qr[0, 0] && qr[6, 0] && qr[0, 6] && qr[qr.Size - 1, 0] && qr[0, qr.Size - 1]);
        Assert.False(qr[7, 7]);
    }

    [Fact]
    public void The_PNG_draws_every_module_of_the_matrix_inside_a_white_quiet_zone()
    {
        var qr = QrMatrix.Encode(Url);

        var png = PngReader.Read(QrCard.Png(qr, "递铺街道代表联络站", "扫码反映意见建议", Fonts.Value));

        Assert.Equal(QrCard.PngWidth, png.Width);
        Assert.Equal(11811, png.PixelsPerMetreX); // 300 dpi
        for (var y = 0; y < qr.Size; y++)
        {
            for (var x = 0; x < qr.Size; x++)
            {
                var (left, top, size) = QrCard.ModuleBox(qr, x, y);
                Assert.True(size >= 20, "modules are large enough to print");
                var centre = png[left + size / 2, top + size / 2];
                Assert.True(qr[x, y] ? centre == 0 : centre == 255, $"module ({x},{y})");
            }
        }
        var (qLeft, qTop, m) = QrCard.ModuleBox(qr, 0, 0);
        var quiet = QrCard.QuietZone * m;
        for (var y = qTop - quiet; y < qTop; y++)
            for (var x = qLeft - quiet; x < qLeft + qr.Size * m + quiet; x++)
                Assert.Equal(255, png[x, y]);
        var (_, bottom, _) = QrCard.ModuleBox(qr, 0, qr.Size - 1);
        for (var y = bottom + m; y < bottom + m + quiet; y++)
            for (var x = 0; x < png.Width; x++)
                Assert.Equal(255, png[x, y]);
    }

    [Fact]
    public void The_name_is_drawn_under_the_code()
    {
        var qr = QrMatrix.Encode(Url);
        var named = QrCard.Render(qr, "递铺街道代表联络站", "", Fonts.Value);
        var unnamed = QrCard.Render(qr, "", "", Fonts.Value);

        var (_, bottom, m) = QrCard.ModuleBox(qr, 0, qr.Size - 1);
        var captionTop = bottom + m * (1 + QrCard.QuietZone);
        var band = named.Height - captionTop;
        Assert.True(FontTests.Ink(named, 0, captionTop, named.Width, band) > 0.02, "the caption has ink");
        Assert.Equal(0, FontTests.Ink(unnamed, 0, captionTop, unnamed.Width, band), 5);
    }

    [Fact]
    public void A_very_long_name_is_shortened_to_stay_inside_the_card()
    {
        var qr = QrMatrix.Encode(Url);
        var image = QrCard.Render(qr, string.Concat(Enumerable.Repeat("很长的联络站名称", 20)), "", Fonts.Value);

        var (_, bottom, m) = QrCard.ModuleBox(qr, 0, qr.Size - 1);
        var captionTop = bottom + m * (1 + QrCard.QuietZone);
        var edge = image.Width / 25; // 4 % of the width: the text keeps to the middle 90 %
        Assert.Equal(0, FontTests.Ink(image, 0, captionTop, edge, image.Height - captionTop), 5);
        Assert.Equal(0, FontTests.Ink(image, image.Width - edge, captionTop, edge, image.Height - captionTop), 5);
        Assert.True(FontTests.Ink(image, edge, captionTop, image.Width / 10, image.Height - captionTop) > 0.02, "the text spans the line");
    }

    [Fact]
    public void The_SVG_escapes_a_hostile_name_and_stays_well_formed()
    {
        var svg = QrCard.Svg(QrMatrix.Encode(Url), "<script>x</script>&\u0001\"", "扫码反映意见建议");

        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.DoesNotContain(doc.Descendants(), e => e.Name.LocalName == "script");
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        var texts = doc.Descendants(ns + "text").Select(t => t.Value).ToList();
        Assert.Equal("<script>x</script>&\"", texts[0]);
        Assert.Equal("扫码反映意见建议", texts[1]);
        Assert.Equal("101.6mm", doc.Root!.Attribute("width")!.Value);
    }

    [Fact]
    public void The_SVG_draws_the_modules_of_the_matrix()
    {
        var qr = QrMatrix.Encode(Url);
        var svg = XDocument.Parse(QrCard.Svg(qr, "x", "y"));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var d = svg.Descendants(ns + "path").Single().Attribute("d")!.Value;

        var dark = new bool[qr.Size, qr.Size];
        foreach (var cmd in d.Split('M', StringSplitOptions.RemoveEmptyEntries))
        {
            // "x y h{run}v1h-{run}z", in card units (the symbol starts at the quiet zone)
            var parts = cmd.Split(' ', 'h', 'v');
            var (x, y, run) = (int.Parse(parts[0]) - QrCard.QuietZone, int.Parse(parts[1]) - QrCard.QuietZone, int.Parse(parts[2]));
            for (var i = 0; i < run; i++) dark[y, x + i] = true;
        }
        for (var y = 0; y < qr.Size; y++)
            for (var x = 0; x < qr.Size; x++)
                Assert.Equal(qr[x, y], dark[y, x]);
    }

    [Fact]
    public void The_SVG_shortens_a_very_long_name()
    {
        var svg = XDocument.Parse(QrCard.Svg(QrMatrix.Encode(Url), new string('长', 300), ""));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var title = svg.Descendants(ns + "text").First().Value;
        Assert.EndsWith("…", title);
        Assert.True(title.Length < 20, title);
    }
}
