namespace Tagnn.Data;

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
