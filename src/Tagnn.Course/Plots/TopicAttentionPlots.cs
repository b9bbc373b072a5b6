using System.Net;
using Plotly.NET;
using Tagnn.Evaluation;
using static Tagnn.Course.PlotlyExtras;

namespace Tagnn.Course;

/// <summary>Charts of a <see cref="TopicAttention"/> measurement (notebook 09).</summary>
public static class TopicAttentionPlots
{
    /// <summary>
    /// The mean share of attention on the candidate's own topic against chance (the share of the session's clicks
    /// in that topic), one line per series, with the diagonal "share = chance" that an attention blind to topics
    /// follows. Points are grouped by chance into bins of width 1/<paramref name="bins"/>; a bin with fewer than
    /// <paramref name="minPairs"/> pairs is left out.
    /// </summary>
    /// <param name="series">(name, share of each pair, chance of each pair) per line, e.g. the trained model's beta,
    /// an untrained model's beta and the trained model's alpha.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="bins">Number of chance bins over [0, 1].</param>
    /// <param name="minPairs">Smallest number of pairs a bin needs to be drawn.</param>
    public static GenericChart ShareByChance(IEnumerable<(string Name, IEnumerable<(double Share, double Chance)> Pairs)> series,
        string title, int bins = 10, int minPairs = 20)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var traces = new List<GenericChart>
        {
            Trace("scatter", ("x", new[] { 0.0, 1.0 }), ("y", new[] { 0.0, 1.0 }), ("mode", "lines"), ("name", "chance (attention blind to topics)"),
                ("line", Obj(("color", "#999"), ("dash", "dash")))),
        };
        foreach (var (name, pairs) in series)
        {
            var groups = Bin(pairs, bins).Where(b => b.Count >= minPairs).ToList();
            traces.Add(Trace("scatter", ("x", groups.Select(g => g.MeanChance).ToArray()), ("y", groups.Select(g => g.MeanShare).ToArray()),
                ("mode", "lines+markers"), ("name", name),
                ("text", groups.Select(g => $"{g.Count:N0} pairs").ToArray()),
                ("hovertemplate", "chance %{x:.2f}: share %{y:.2f} (%{text})<extra>" + WebUtility.HtmlEncode(name) + "</extra>")));
        }
        var chart = Plotly.NET.CSharp.Chart.Combine(traces);
        return WithLayout(chart,
            ("title", Obj(("text", WebUtility.HtmlEncode(title)), ("x", 0.01))),
            ("width", Plots.Width), ("height", Plots.Height),
            ("xaxis", Obj(("title", Obj(("text", "chance: share of the session's clicks in the candidate's topic"))), ("range", new[] { 0, 1 }))),
            ("yaxis", Obj(("title", Obj(("text", "mean share of attention on that topic"))), ("range", new[] { 0, 1.03 }))),
            // Bottom right: below the diagonal, where no attention that favours the topic can be.
            ("legend", Obj(("x", 0.98), ("y", 0.02), ("xanchor", "right"), ("yanchor", "bottom"), ("bgcolor", "rgba(255,255,255,0.8)"))));
    }

    /// <summary>Groups pairs into <paramref name="bins"/> equal bins of chance; per bin the number of pairs and the
    /// mean chance and share (bins without pairs are left out).</summary>
    internal static IEnumerable<(int Count, double MeanChance, double MeanShare)> Bin(IEnumerable<(double Share, double Chance)> pairs, int bins) =>
        pairs.GroupBy(p => Math.Min(bins - 1, (int)Math.Floor(p.Chance * bins)))
            .OrderBy(g => g.Key)
            .Select(g => (g.Count(), g.Average(p => p.Chance), g.Average(p => p.Share)));
}
