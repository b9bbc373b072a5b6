using System.Globalization;
using Tagnn.Graphs;
using TorchSharp;

namespace Tagnn.Course;

// What a padded batch holds (notebook 03).
public static partial class Diagrams
{
    /// <summary>
    /// What a batch holds, example by example: on top the item at every position (<c>Items[b, Alias[b, p]]</c>; real
    /// clicks blue, padding grey), below the node list (<c>Items[b]</c>: real nodes blue, node 0 = item 0 of a padded
    /// example grey, and the 0s that fill the node list up to the batch's node count dashed). Positions beyond
    /// <paramref name="maxPositions"/> are summarised as "+k more".
    /// </summary>
    /// <param name="batch">The batch (its tensors are read once).</param>
    /// <param name="title">Title above the drawing.</param>
    /// <param name="maxExamples">Examples shown (the first ones).</param>
    /// <param name="maxPositions">Positions drawn before the rest is summarised.</param>
    public static HtmlFigure Batch(SessionBatch batch, string? title = null, int maxExamples = 8, int maxPositions = 20)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPositions, 2);
        var rows = Math.Min(batch.Count, maxExamples);
        int l = batch.Length, n = batch.NodeCount;
        long[] items, alias, lengths;
        using (torch.NewDisposeScope())
        {
            items = batch.Items.cpu().data<long>().ToArray();
            alias = batch.Alias.cpu().data<long>().ToArray();
            lengths = batch.Lengths.cpu().data<long>().ToArray();
        }
        const double cell = 30, gap = 3, left = 104, rowHeight = cell + 6;
        var shown = l <= maxPositions ? l : maxPositions - 1;
        var columns = Math.Max(l <= maxPositions ? l : maxPositions + 1, n);
        var width = left + columns * (cell + gap) + 20;
        var titleHeight = title is null ? 8.0 : 32.0;
        var positionsTop = titleHeight + 28;
        var nodesTop = positionsTop + rows * rowHeight + 34;
        var height = nodesTop + rows * rowHeight + 34;
        var description = $"batch of {batch.Count}: L = {l} positions, n = {n} nodes";
        var canvas = new SvgCanvas(width, height, (title is null ? "" : title + ": ") + description);
        if (title is not null) canvas.Text(10, 16, title, 14, anchor: "start", weight: "bold");
        canvas.Text(left, positionsTop - 14, $"positions: the item at each position, Items[b, Alias[b, p]]  (L = {l})", 12, SvgCanvas.Muted, anchor: "start");
        canvas.Text(left, nodesTop - 14, $"nodes: Items[b]  (n = {n})", 12, SvgCanvas.Muted, anchor: "start");
        for (var b = 0; b < rows; b++)
        {
            var y = positionsTop + b * rowHeight;
            canvas.Text(10, y + cell / 2, $"example {b} ({lengths[b]})", 11.5, anchor: "start");
            for (var p = 0; p < shown; p++)
            {
                var real = p < lengths[b];
                var item = items[b * n + alias[b * l + p]];
                var x = left + p * (cell + gap);
                canvas.Rect(x, y, cell, cell, real ? SvgCanvas.LightBlue : SvgCanvas.LightGrey, real ? SvgCanvas.Blue : SvgCanvas.Grey, rx: 3);
                canvas.Text(x + cell / 2, y + cell / 2, item.ToString(CultureInfo.InvariantCulture), ItemFont(item), real ? SvgCanvas.Ink : SvgCanvas.Muted);
            }
            if (shown < l)
            {
                var hidden = l - shown;
                var realHidden = Math.Max(0, (int)lengths[b] - shown);
                var x = left + shown * (cell + gap);
                canvas.Text(x + 4, y + cell / 2, realHidden == 0 ? $"… +{hidden} padding" : $"… +{hidden} ({realHidden} real)",
                    11, SvgCanvas.Muted, anchor: "start", style: "italic");
            }

            y = nodesTop + b * rowHeight;
            canvas.Text(10, y + cell / 2, $"example {b}", 11.5, anchor: "start");
            var lastReal = n - 1;
            while (lastReal > 0 && items[b * n + lastReal] == 0) lastReal--;
            for (var k = 0; k < n; k++)
            {
                var item = items[b * n + k];
                var x = left + k * (cell + gap);
                var (fill, stroke, dash) = item != 0 ? (SvgCanvas.LightBlue, SvgCanvas.Blue, (string?)null)
                    : k <= lastReal ? (SvgCanvas.LightGrey, SvgCanvas.Muted, (string?)null)
                    : ("white", SvgCanvas.Grey, "3 2");
                canvas.Rect(x, y, cell, cell, fill, stroke, rx: 3, dash: dash);
                canvas.Text(x + cell / 2, y + cell / 2, item.ToString(CultureInfo.InvariantCulture), ItemFont(item), item == 0 ? SvgCanvas.Muted : SvgCanvas.Ink);
            }
        }
        var legendY = height - 14;
        canvas.Rect(left, legendY - 6, 12, 12, SvgCanvas.LightBlue, SvgCanvas.Blue, rx: 2).Text(left + 17, legendY, "real click / node", 11, anchor: "start");
        canvas.Rect(left + 130, legendY - 6, 12, 12, SvgCanvas.LightGrey, SvgCanvas.Muted, rx: 2).Text(left + 147, legendY, "padding: item 0 (node 0)", 11, anchor: "start");
        canvas.Rect(left + 300, legendY - 6, 12, 12, "white", SvgCanvas.Grey, rx: 2, dash: "3 2").Text(left + 317, legendY, "0s filling the node list", 11, anchor: "start");
        return canvas.ToFigure();
    }

    private static double ItemFont(long item) => item >= 1000 ? 8.5 : item >= 100 ? 10 : 11.5;
}
