namespace Tagnn.Data;

/// <summary>What <see cref="SyntheticClickLog.Write"/> wrote.</summary>
/// <param name="LogPath">The click log.</param>
/// <param name="ItemTopicsPath">The item -> topic ground truth, or null when not written.</param>
/// <param name="SessionTopicsPath">The session -> topics ground truth, or null when not written.</param>
/// <param name="Clicks">Rows written.</param>
/// <param name="Sessions">Sessions written.</param>
public sealed record SyntheticClickLogSummary(string LogPath, string? ItemTopicsPath, string? SessionTopicsPath, long Clicks, int Sessions);
