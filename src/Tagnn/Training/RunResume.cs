namespace Tagnn.Training;

/// <summary>One resumption of a run.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="FromEpoch">Epochs already done.</param>
/// <param name="Epochs">The total epochs asked for.</param>
/// <param name="Command">The command line, if any.</param>
public sealed record RunResume(DateTimeOffset At, int FromEpoch, int Epochs, string? Command);
