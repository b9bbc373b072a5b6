using System.Globalization;

namespace Tagnn.Course;

/// <summary>The one check of the labels a chart puts on its rows, columns, bars or strips.</summary>
internal static class ChartLabels
{
    /// <summary>
    /// <paramref name="labels"/> as an array when there is one per item, or <c>0, 1, ..., count - 1</c> when null.
    /// </summary>
    /// <param name="labels">The caller's labels, or null for the index.</param>
    /// <param name="count">How many items need a label.</param>
    /// <param name="what">What an item is, for the message (e.g. <c>column</c>, <c>bar</c>, <c>session</c>).</param>
    /// <param name="parameter">The caller's parameter name, for the exception.</param>
    /// <exception cref="ArgumentException">The number of labels is not <paramref name="count"/>.</exception>
    public static string[] Check(IReadOnlyList<string>? labels, int count, string what, string parameter)
    {
        if (labels is null) return [.. Enumerable.Range(0, count).Select(i => i.ToString(CultureInfo.InvariantCulture))];
        if (labels.Count != count) throw new ArgumentException($"{labels.Count} {what} labels for {count} {what}s.", parameter);
        return [.. labels];
    }

    /// <summary>How a drawing labels an item when the caller gives no labeller: its id.</summary>
    public static string ItemId(int item) => item.ToString(CultureInfo.InvariantCulture);
}
