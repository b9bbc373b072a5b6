namespace Tagnn.Data;

/// <summary>
/// One session of a click log as the step-by-step preprocessing (<see cref="PreprocessingSteps"/>) hands it from one
/// step to the next: its clicks as original item ids (opaque strings, as in the file), and its date.
/// </summary>
/// <param name="Index">The session's index in the log: 0-based, in order of first appearance.</param>
/// <param name="Date">The reference's session date: the date (Diginetica, at 00:00 UTC) or time (Yoochoose, to the
/// second, UTC) of the session's LAST row in file order.</param>
/// <param name="Items">The original item ids of its clicks, in the current order.</param>
/// <param name="Timeframes">Diginetica's <c>timeframe</c> of each click, aligned with <paramref name="Items"/>; null
/// for Yoochoose.</param>
public sealed record ClickSession(int Index, DateTime Date, IReadOnlyList<string> Items, IReadOnlyList<long>? Timeframes)
{
    /// <summary>Number of clicks.</summary>
    public int Length => Items.Count;
}
