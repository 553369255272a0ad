namespace Renda.Platform.Imaging;

/// <summary>A shape as closed polygons in pixel coordinates (y down): lines, and quadratic Béziers
/// flattened into lines as they are added.</summary>
public sealed class PathBuilder
{
    /// <summary>How far (pixels) a flattened curve may stray from the true one.</summary>
    private const double Tolerance = 0.1;

    private readonly List<Edge> _edges = [];
    private double _startX, _startY, _x, _y;
    private bool _open;

    public readonly record struct Edge(double X0, double Y0, double X1, double Y1);

    public IReadOnlyList<Edge> Edges => _edges;

    public PathBuilder MoveTo(double x, double y)
    {
        Close();
        (_startX, _startY, _x, _y, _open) = (x, y, x, y, true);
        return this;
    }

    public PathBuilder LineTo(double x, double y)
    {
        if (_y != y) _edges.Add(new Edge(_x, _y, x, y)); // horizontal edges never cross a scanline
        (_x, _y) = (x, y);
        return this;
    }

    public PathBuilder QuadTo(double cx, double cy, double x, double y)
    {
        // A quadratic strays at most |p0 - 2c + p2| / 4 from its chord; n pieces divide that by n².
        var deviation = Math.Sqrt(Sq(_x - 2 * cx + x) + Sq(_y - 2 * cy + y)) / 4;
        var n = Math.Clamp((int)Math.Ceiling(Math.Sqrt(deviation / Tolerance)), 1, 100);
        var (x0, y0) = (_x, _y);
        for (var i = 1; i <= n; i++)
        {
            var t = (double)i / n;
            var u = 1 - t;
            LineTo(u * u * x0 + 2 * u * t * cx + t * t * x, u * u * y0 + 2 * u * t * cy + t * t * y);
        }
        return this;
    }

    public PathBuilder Close()
    {
        if (_open) LineTo(_startX, _startY);
        _open = false;
        return this;
    }

    /// <summary>An axis-aligned rectangle, clockwise on screen (counter-clockwise to cut a hole in a clockwise one).</summary>
    public PathBuilder Rectangle(double x, double y, double width, double height, bool counterClockwise = false)
    {
        MoveTo(x, y);
        if (counterClockwise) LineTo(x, y + height).LineTo(x + width, y + height).LineTo(x + width, y);
        else LineTo(x + width, y).LineTo(x + width, y + height).LineTo(x, y + height);
        return Close();
    }

    private static double Sq(double v) => v * v;
}

/// <summary>Fills a path with the non-zero winding rule and anti-aliased edges: each pixel row is
/// sampled on <see cref="SubScanlines"/> horizontal lines, and along each line a span's coverage of
/// its end pixels is exact, so a pixel's ink is the fraction of its area inside the shape.</summary>
public static class Rasterizer
{
    public const int SubScanlines = 5;

    public static void Fill(GrayImage image, PathBuilder path, byte ink = 0)
    {
        path.Close();
        var edges = path.Edges;
        if (edges.Count == 0) return;
        var top = Math.Max(0, (int)Math.Floor(edges.Min(e => Math.Min(e.Y0, e.Y1))));
        var bottom = Math.Min(image.Height, (int)Math.Ceiling(edges.Max(e => Math.Max(e.Y0, e.Y1))));
        var coverage = new double[image.Width + 1];
        var crossings = new List<(double X, int Winding)>();
        const double weight = 1.0 / SubScanlines;

        for (var row = top; row < bottom; row++)
        {
            Array.Clear(coverage);
            for (var s = 0; s < SubScanlines; s++)
            {
                var y = row + (s + 0.5) * weight;
                crossings.Clear();
                foreach (var e in edges)
                {
                    // Half-open in y, so a vertex shared by two edges is counted once.
                    if (e.Y0 <= y && y < e.Y1) crossings.Add((e.X0 + (y - e.Y0) * (e.X1 - e.X0) / (e.Y1 - e.Y0), 1));
                    else if (e.Y1 <= y && y < e.Y0) crossings.Add((e.X0 + (y - e.Y0) * (e.X1 - e.X0) / (e.Y1 - e.Y0), -1));
                }
                crossings.Sort((a, b) => a.X.CompareTo(b.X));
                var winding = 0;
                var spanStart = 0.0;
                foreach (var (x, w) in crossings)
                {
                    var before = winding;
                    winding += w;
                    if (before == 0 && winding != 0) spanStart = x;
                    else if (before != 0 && winding == 0) AddSpan(coverage, image.Width, spanStart, x, weight);
                }
            }
            for (var x = 0; x < image.Width; x++)
                if (coverage[x] > 0) image.Blend(x, row, Math.Min(1, coverage[x]), ink);
        }
    }

    private static void AddSpan(double[] coverage, int width, double from, double to, double weight)
    {
        from = Math.Clamp(from, 0, width);
        to = Math.Clamp(to, 0, width);
        if (to <= from) return;
        var first = (int)from;
        var last = (int)to;
        if (first == last)
        {
            coverage[first] += (to - from) * weight;
            return;
        }
        coverage[first] += (first + 1 - from) * weight;
        for (var x = first + 1; x < last; x++) coverage[x] += weight;
        coverage[last] += (to - last) * weight; // coverage has one spare cell for last == width
    }
}
