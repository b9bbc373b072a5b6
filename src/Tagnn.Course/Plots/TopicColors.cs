using System.Globalization;
using System.Net;

namespace Tagnn.Course;

/// <summary>
/// One colour per planted topic of the bundled sample (topics 1..10; more wrap around), shared by every view of
/// notebook 10 (chart labels, bars, graph nodes), so that a topic has the same colour wherever it appears.
/// </summary>
public static class TopicColors
{
    /// <summary>The palette (D3's category10 with its grey replaced, so that grey can mean "padding").</summary>
    public static IReadOnlyList<string> Palette { get; } =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#393b79"];

    /// <summary>The colour of padding positions and of anything without a topic.</summary>
    public const string None = "#b0b0b0";

    /// <summary>The colour of <paramref name="topic"/> (1-based); <see cref="None"/> for 0 or less.</summary>
    public static string Of(int topic) => topic <= 0 ? None : Palette[(topic - 1) % Palette.Count];

    /// <summary>A short label, <c>t4</c> for topic 4.</summary>
    public static string Label(int topic) => "t" + topic.ToString(CultureInfo.InvariantCulture);

    /// <summary><paramref name="text"/> (HTML-encoded) in the colour of <paramref name="topic"/>, as plotly.js text
    /// (tick labels, annotations) and HTML tables accept it.</summary>
    public static string Colored(string text, int topic) =>
        $"<span style=\"color:{Of(topic)}\">{WebUtility.HtmlEncode(text)}</span>";
}
