using System.Globalization;
using Tagnn.Data;

namespace Tagnn.Course;

// Prefix augmentation: the training examples one session gives (notebook 02).
public static partial class Diagrams
{
    /// <summary>
    /// Prefix augmentation drawn out: a session [v1..vk] on the first row, then its k - 1 examples, longest prefix
    /// first (the reference's order): the prefix in blue, the target (the next click) in orange, the clicks the
    /// example does not see as empty dashed boxes.
    /// </summary>
    /// <param name="session">The clicks, oldest first.</param>
    /// <param name="label">How to label an item (default: its id).</param>
    /// <param name="title">Title above the drawing.</param>
    /// <exception cref="ArgumentException">Fewer than two clicks (no example).</exception>
    public static HtmlFigure Augmentation(IReadOnlyList<int> session, Func<int, string>? label = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Count < 2) throw new ArgumentException("A session of fewer than two clicks gives no example.", nameof(session));
        label ??= i => i.ToString(CultureInfo.InvariantCulture);
        var examples = PreprocessingSteps.Prefixes(session);
        var k = session.Count;
        var box = Math.Clamp(560.0 / k - 6, 24, 40);
        const double gap = 6, left = 110, rowHeight = 40;
        var font = box >= 34 ? 13 : box >= 28 ? 11 : 9.5;
        var right = left + k * (box + gap) + 12;
        var width = Math.Max(right + 190, left + 540);
        var top = title is null ? 14.0 : 38.0;
        var height = top + (examples.Count + 1) * rowHeight + 26;
        var canvas = new SvgCanvas(width, height, (title is null ? "" : title + ": ") +
            $"a session of {k} clicks gives {examples.Count} examples, longest prefix first");
        if (title is not null) canvas.Text(10, 16, title, 14, anchor: "start", weight: "bold");
        double X(int p) => left + p * (box + gap);
        for (var p = 0; p < k; p++)
        {
            canvas.Rect(X(p), top, box, box - 8, "white", SvgCanvas.Ink);
            canvas.Text(X(p) + box / 2, top + (box - 8) / 2, label(session[p]), font, weight: "bold");
        }
        canvas.Text(10, top + (box - 8) / 2, "session", 12.5, anchor: "start", weight: "bold");
        canvas.Text(right, top + (box - 8) / 2, $"{k} clicks", 12, SvgCanvas.Muted, anchor: "start");
        canvas.Line(10, top + rowHeight - 4, right + 170, top + rowHeight - 4, SvgCanvas.Grey, 1);
        for (var e = 0; e < examples.Count; e++)
        {
            var y = top + (e + 1) * rowHeight + 6;
            var prefix = examples[e].Prefix.Length;
            canvas.Text(10, y + (box - 8) / 2, $"example {e + 1}", 12, anchor: "start");
            for (var p = 0; p < k; p++)
            {
                if (p < prefix)
                {
                    canvas.Rect(X(p), y, box, box - 8, SvgCanvas.LightBlue, SvgCanvas.Blue);
                    canvas.Text(X(p) + box / 2, y + (box - 8) / 2, label(session[p]), font);
                }
                else if (p == prefix)
                {
                    canvas.Rect(X(p), y, box, box - 8, SvgCanvas.LightOrange, SvgCanvas.Orange, strokeWidth: 2);
                    canvas.Text(X(p) + box / 2, y + (box - 8) / 2, label(session[p]), font, weight: "bold");
                }
                else
                {
                    canvas.Rect(X(p), y, box, box - 8, "white", SvgCanvas.Grey, dash: "3 3");
                }
            }
            canvas.Text(right, y + (box - 8) / 2, $"prefix of {prefix} → target {label(examples[e].Target)}", 12, SvgCanvas.Muted, anchor: "start");
        }
        var legendY = height - 12;
        canvas.Rect(left, legendY - 6, 12, 12, SvgCanvas.LightBlue, SvgCanvas.Blue, rx: 2).Text(left + 17, legendY, "prefix (the model's input)", 11, anchor: "start");
        canvas.Rect(left + 180, legendY - 6, 12, 12, SvgCanvas.LightOrange, SvgCanvas.Orange, rx: 2).Text(left + 197, legendY, "target (the next click)", 11, anchor: "start");
        canvas.Rect(left + 350, legendY - 6, 12, 12, "white", SvgCanvas.Grey, rx: 2, dash: "3 3").Text(left + 367, legendY, "not seen by this example", 11, anchor: "start");
        return canvas.ToFigure();
    }
}
