using System.Globalization;

namespace Tagnn.Course;

// The whole model in one picture (notebook 05; the paper's Figure 1 idea, with tensor shapes).
public static partial class Diagrams
{
    /// <summary>
    /// TAGNN from a session to its scores, as the authors' code computes it for a batch: the session graph
    /// (Section 2.1), the gated graph network (Eq. 1-5), target attention (Eq. 6-7), the local and global embeddings
    /// (Eq. 8-9), their combination (Eq. 10) and the scores, softmax and loss of Section 2.5, each box with the shape of
    /// what it produces and the notebook that takes it apart. The item embeddings feed the GNN (the nodes' first
    /// states), target attention (the candidates v_t) and the scores.
    /// </summary>
    /// <param name="items">N, the number of candidate items, printed in the legend (e.g. the sample's 1,352).</param>
    /// <param name="batch">B, examples per batch (the reference's 100).</param>
    /// <param name="hidden">d, the hidden size (the reference's 100).</param>
    public static HtmlFigure Model(int? items = null, int batch = 100, int hidden = 100)
    {
        const double width = 1195, height = 470, boxHeight = 104, mainTop = 190;
        var canvas = new SvgCanvas(width, height, "TAGNN in one picture: session graph, gated graph network, target attention, local and global embeddings, combination, scores");
        canvas.Text(10, 16, "TAGNN in one picture: one batch of B sessions through the model (shapes as the authors' code builds them)", 14, anchor: "start", weight: "bold");

        void Box(double x, double y, double w, double h, string title, string[] lines, string tag, bool target = false)
        {
            canvas.Rect(x, y, w, h, target ? SvgCanvas.LightOrange : SvgCanvas.LightBlue, target ? SvgCanvas.Orange : SvgCanvas.Blue);
            canvas.Text(x + w / 2, y + 16, title, 12.5, weight: "bold");
            for (var i = 0; i < lines.Length; i++) canvas.Text(x + w / 2, y + 36 + i * 17, lines[i], 11.5);
            canvas.Text(x + w / 2, y + h - 12, tag, 10.5, SvgCanvas.Muted, style: "italic");
        }
        void Arrow(double x1, double y1, double x2, double y2, string color = SvgCanvas.Ink) => canvas.Line(x1, y1, x2, y2, color, 1.4, arrow: true);

        // The main path, left to right.
        Box(10, mainTop, 150, boxHeight, "session", ["sₙ clicks v_s,1 … v_s,sₙ", "padded to L positions", "(B, L) item ids"], "notebooks 01-02");
        Box(185, mainTop, 165, boxHeight, "session graph", ["nodes: distinct items", "A_s = [A_in | A_out]", "(B, n, 2n)"], "Section 2.1 · notebook 03");
        Box(375, mainTop, 175, boxHeight, "gated graph network", ["Eq. 1-5, one step", "node vectors (B, n, d)", "per click v_i: (B, L, d)"], "notebook 04");
        Arrow(160, mainTop + boxHeight / 2, 185, mainTop + boxHeight / 2);
        Arrow(350, mainTop + boxHeight / 2, 375, mainTop + boxHeight / 2);

        // The three session representations.
        const double rx = 590, rw = 230;
        Box(rx, 96, rw, 112, "target attention", ["Eq. 6-7: each candidate v_t weighs", "the clicks: β (B, N, L)", "s_target for every t: (B, N, d)"], "notebook 05 · TAGNN only", target: true);
        Box(rx, 222, rw, 70, "local embedding", ["s_local = v_sₙ (the last click): (B, d)"], "Section 2.4 · notebook 05");
        Box(rx, 306, rw, 92, "global embedding", ["Eq. 8-9: α (B, L)", "s_global: (B, d)"], "notebook 05");
        foreach (var y in new[] { 152.0, 257, 352 }) Arrow(550, mainTop + boxHeight / 2, rx, y);

        // Combination, scores, loss and ranking.
        Box(850, mainTop, 150, boxHeight, "combination", ["Eq. 10: s_t", "one session vector", "per candidate: (B, N, d)"], "notebook 05");
        foreach (var y in new[] { 152.0, 257, 352 }) Arrow(rx + rw, y, 850, mainTop + boxHeight / 2);
        Box(1018, mainTop - 20, 170, boxHeight + 40, "scores", ["ẑ_t = v_t^T s_t: (B, N)", "softmax over all N items", "cross-entropy (training)", "top 20: P@20, MRR@20"], "Section 2.5 · notebooks 06-07");
        Arrow(1000, mainTop + boxHeight / 2, 1018, mainTop + boxHeight / 2);

        // The item embeddings feed three places.
        canvas.Rect(375, 40, 813, 36, SvgCanvas.LightGrey, SvgCanvas.Muted);
        canvas.Text(781, 58, "item embeddings v (N + 1, d): row 0 is padding; rows 1..N are the candidates v_t", 12);
        Arrow(462, 76, 462, mainTop);
        Arrow(705, 76, 705, 96, SvgCanvas.Orange);
        Arrow(1103, 76, 1103, mainTop - 20);
        canvas.Text(470, 120, "first node states", 10.5, SvgCanvas.Muted, anchor: "start");
        canvas.Text(1095, 120, "candidates v_t", 10.5, SvgCanvas.Muted, anchor: "end");

        // Legend.
        var n = items is { } count ? count.ToString("N0", CultureInfo.InvariantCulture) : "N";
        canvas.Text(10, 425, "B examples per batch, L padded positions, n nodes per session graph, d hidden size, N candidate items (the paper's |V| = m).", 11.5, SvgCanvas.Muted, anchor: "start");
        canvas.Text(10, 445, $"Here B = {batch}, d = {hidden}, N = {n}. Orange: what TAGNN adds to SR-GNN. The (B, N, d) tensors are how the authors' code computes Eq. 7 and 10;", 11.5, SvgCanvas.Muted, anchor: "start");
        canvas.Text(10, 463, "section 7 of notebook 05 shows the exact rewrite this library uses instead, which never builds them.", 11.5, SvgCanvas.Muted, anchor: "start");
        return canvas.ToFigure();
    }
}
