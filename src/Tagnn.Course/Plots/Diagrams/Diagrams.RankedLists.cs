using System.Globalization;

namespace Tagnn.Course;

// Ranked lists with their target (notebook 07).
public static partial class Diagrams
{
    /// <summary>
    /// Ranked lists drawn as rows of item boxes, the target highlighted: the top <paramref name="k"/> of each list,
    /// and, when the target ranks lower, where it is. The rank of the target is printed at the end of each row.
    /// </summary>
    /// <param name="examples">The lists.</param>
    /// <param name="k">The cut-off: boxes drawn per row.</param>
    /// <param name="label">How to print an item (default <c>v{id}</c>).</param>
    /// <param name="title">A title above the rows, or null.</param>
    /// <exception cref="ArgumentException">No list, or a list shorter than <paramref name="k"/>.</exception>
    public static HtmlFigure RankedLists(IReadOnlyList<RankedExample> examples, int k, Func<int, string>? label = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (examples.Count == 0) throw new ArgumentException("No ranked list.", nameof(examples));
        foreach (var e in examples)
            if (e.Ranking.Count < k) throw new ArgumentException($"'{e.Name}' ranks {e.Ranking.Count} items, fewer than k = {k}.", nameof(examples));
        label ??= id => $"v{id}";
        const double nameWidth = 96, box = 46, gap = 6, rowHeight = 40, top = 30;
        var outside = 150.0;
        var width = nameWidth + k * (box + gap) + outside + 90;
        var height = top + examples.Count * rowHeight + 28;
        var canvas = new SvgCanvas(width, height, title ?? $"{examples.Count} ranked lists, top {k}, target highlighted");
        if (title is not null) canvas.Text(0, 10, title, 13, anchor: "start", weight: "bold");
        for (var i = 0; i < k; i++) canvas.Text(nameWidth + i * (box + gap) + box / 2, top - 8, (i + 1).ToString(CultureInfo.InvariantCulture), 10, SvgCanvas.Muted);
        canvas.Text(nameWidth + k * (box + gap) + outside + 45, top - 8, "target's rank", 10, SvgCanvas.Muted);
        for (var r = 0; r < examples.Count; r++)
        {
            var e = examples[r];
            var y = top + r * rowHeight;
            canvas.Text(0, y + 16, e.Name, 12, anchor: "start");
            for (var i = 0; i < k; i++)
            {
                var x = nameWidth + i * (box + gap);
                var isTarget = e.Ranking[i] == e.Target;
                canvas.Rect(x, y, box, 32, isTarget ? SvgCanvas.Orange : SvgCanvas.LightBlue, isTarget ? SvgCanvas.Orange : SvgCanvas.Blue);
                canvas.Text(x + box / 2, y + 16, label(e.Ranking[i]), 11, isTarget ? "white" : SvgCanvas.Ink, weight: isTarget ? "bold" : "normal");
            }
            var rank = e.Rank;
            var after = nameWidth + k * (box + gap);
            canvas.Line(after - gap / 2, y - 4, after - gap / 2, y + 36, SvgCanvas.Muted, 1, dash: "4 3");
            if (rank is { } rr && rr > k)
            {
                canvas.Text(after + 8, y + 16, "…", 12, SvgCanvas.Muted, anchor: "start");
                canvas.Rect(after + 26, y, box, 32, "white", SvgCanvas.Orange, dash: "4 3");
                canvas.Text(after + 26 + box / 2, y + 16, label(e.Target), 11, SvgCanvas.Orange, weight: "bold");
                canvas.Text(after + 26 + box + 8, y + 16, "outside the top " + k.ToString(CultureInfo.InvariantCulture), 10, SvgCanvas.Muted, anchor: "start");
            }
            canvas.Text(after + outside + 45, y + 16, rank is { } x2 ? x2.ToString(CultureInfo.InvariantCulture) : "not ranked", 13,
                rank is { } x3 && x3 <= k ? SvgCanvas.Ink : SvgCanvas.Muted, weight: "bold");
        }
        canvas.Text(nameWidth + k * (box + gap) / 2, height - 10, $"top {k} (cut-off K = {k})", 11, SvgCanvas.Muted);
        return canvas.ToFigure();
    }
}
