namespace Tagnn.Data;

/// <summary>Rows of a click log that carry no click and were skipped, grouped by reason.</summary>
/// <param name="Reason">Why the rows were skipped ("blank line", "repeated header line").</param>
/// <param name="Count">How many rows.</param>
/// <param name="FirstLine">The first such line (1-based).</param>
public sealed record SkippedRows(string Reason, long Count, long FirstLine);
