namespace Entry.Client.Components.Monitoring;

/// <summary>
/// Places the map's labels so that none overlaps another: each starts at its district's centre and, when it would cover a
/// label already placed, moves to the nearest free spot around it (a leader line then points to the district). The boxes
/// are estimated from the text (an em tall per line, about 0.6 em per letter), a little larger than drawn.
/// </summary>
public static class MapLabels
{
    public sealed record Label(string Code, double X, double Y, IReadOnlyList<string> Lines);

    /// <summary>A label's place: <c>X</c>/<c>Y</c> its first line's baseline centre; <c>AnchorX</c>/<c>AnchorY</c> its district's centre.</summary>
    public sealed record Placed(string Code, double X, double Y, double AnchorX, double AnchorY, Box Bounds)
    {
        /// <summary>Moved away from its district: drawn with a leader line.</summary>
        public bool Moved => Math.Abs(X - AnchorX) > 0.01 || Math.Abs(Y - AnchorY) > 0.01;
    }

    public readonly record struct Box(double Left, double Top, double Right, double Bottom)
    {
        public bool Overlaps(Box other) => Left < other.Right && other.Left < Right && Top < other.Bottom && other.Top < Bottom;

        public bool Inside(double width, double height) => Left >= 0 && Top >= 0 && Right <= width && Bottom <= height;

        /// <summary>The point of the box nearest to (x, y): where a leader line from there meets it.</summary>
        public (double X, double Y) Nearest(double x, double y) => (Math.Clamp(x, Left, Right), Math.Clamp(y, Top, Bottom));
    }

    public const double LineHeight = 1.15;
    public const double LetterWidth = 0.6;

    /// <summary>The box of a label drawn centred on <paramref name="x"/> with its first baseline at <paramref name="y"/>.</summary>
    public static Box BoxOf(double x, double y, IReadOnlyList<string> lines, double size)
    {
        var width = lines.Max(l => l.Length) * LetterWidth * size;
        var top = y - 0.9 * size;
        return new Box(x - width / 2, top, x + width / 2, top + lines.Count * LineHeight * size);
    }

    /// <summary>
    /// Every label placed, in the order given; the first keep their centre, a later one that would overlap moves — upwards,
    /// downwards, then sideways, by growing steps — to the nearest spot that is free and inside the map.
    /// </summary>
    public static IReadOnlyList<Placed> Place(IReadOnlyList<Label> labels, double size, double width, double height)
    {
        var placed = new List<Placed>(labels.Count);
        var gap = 0.15 * size;
        foreach (var label in labels)
        {
            var spot = Candidates(size)
                .Select(o => (X: label.X + o.Dx, Y: label.Y + o.Dy))
                .Select(p => (p.X, p.Y, Box: BoxOf(p.X, p.Y, label.Lines, size)))
                .Where(p => p.Box.Inside(width, height) || p.X == label.X && p.Y == label.Y)
                .Select(p => ((double X, double Y, Box Box)?)p)
                .FirstOrDefault(p => !placed.Any(q => Grown(q.Bounds, gap).Overlaps(p!.Value.Box)));
            var (x, y, box) = spot ?? (label.X, label.Y, BoxOf(label.X, label.Y, label.Lines, size));
            placed.Add(new Placed(label.Code, x, y, label.X, label.Y, box));
        }
        return placed;
    }

    private static Box Grown(Box b, double by) => new(b.Left - by, b.Top - by, b.Right + by, b.Bottom + by);

    // The centre first, then rings of growing radius: straight up and down first (labels are wider than tall), then the sides.
    private static IEnumerable<(double Dx, double Dy)> Candidates(double size)
    {
        yield return (0, 0);
        for (var ring = 1; ring <= 16; ring++)
        {
            var r = ring * 0.5 * size;
            yield return (0, -r);
            yield return (0, r);
            yield return (r, -r);
            yield return (-r, -r);
            yield return (r, r);
            yield return (-r, r);
            yield return (2 * r, 0);
            yield return (-2 * r, 0);
        }
    }
}
