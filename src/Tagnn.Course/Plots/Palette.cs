namespace Tagnn.Course;

/// <summary>The colours the course's charts share (topics have their own: <see cref="TopicColors"/>).</summary>
internal static class Palette
{
    /// <summary>D3's category10, in its order: blue, orange, green, red, purple, brown, pink, grey, olive, cyan.</summary>
    public static readonly string[] Category10 =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
}
