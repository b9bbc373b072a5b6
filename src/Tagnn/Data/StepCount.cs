namespace Tagnn.Data;

/// <summary>Clicks and sessions left after one preprocessing step.</summary>
/// <param name="Step">What the step did (for example "drop one-click sessions").</param>
/// <param name="Clicks">Clicks left.</param>
/// <param name="Sessions">Sessions left.</param>
public sealed record StepCount(string Step, long Clicks, long Sessions);
