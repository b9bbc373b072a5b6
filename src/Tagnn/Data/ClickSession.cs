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

/// <summary>The date split of the reference preprocessing (step 5): train before the split date, test after it, and
/// the sessions dated exactly on it, which the reference drops.</summary>
/// <param name="MaxDate">The latest session date.</param>
/// <param name="SplitDate">MaxDate minus the test window (7 days for Diginetica, 1 day for Yoochoose).</param>
/// <param name="Train">Sessions dated before <paramref name="SplitDate"/>, sorted by date (stable).</param>
/// <param name="OnSplitDate">Sessions dated exactly <paramref name="SplitDate"/>: dropped (for Diginetica a whole
/// day).</param>
/// <param name="Test">Sessions dated after <paramref name="SplitDate"/>, sorted by date (stable).</param>
public sealed record DateSplit(
    DateTime MaxDate,
    DateTime SplitDate,
    IReadOnlyList<ClickSession> Train,
    IReadOnlyList<ClickSession> OnSplitDate,
    IReadOnlyList<ClickSession> Test);
