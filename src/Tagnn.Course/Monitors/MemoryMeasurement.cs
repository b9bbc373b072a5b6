namespace Tagnn.Course;

/// <summary>What <see cref="PeakMemory.Measure"/> saw.</summary>
/// <param name="StartBytes">Resident memory of the process when the measured work started.</param>
/// <param name="PeakBytes">The process's peak resident memory during the work.</param>
/// <param name="Elapsed">Wall time of the work.</param>
public sealed record MemoryMeasurement(long StartBytes, long PeakBytes, TimeSpan Elapsed)
{
    /// <summary>How far the resident memory rose above its starting level: what the work needed at its peak.</summary>
    public long PeakAboveStartBytes => Math.Max(0, PeakBytes - StartBytes);
}
