namespace Tagnn.Experiments;

/// <summary>What a <see cref="Table1Job"/> does.</summary>
public enum Table1Action
{
    /// <summary>Train a neural model into a new run folder.</summary>
    Train,

    /// <summary>Continue a run folder from its last checkpoint (an earlier invocation was stopped, or asked for
    /// fewer epochs).</summary>
    Resume,

    /// <summary>Fit and score a baseline.</summary>
    Fit,

    /// <summary>Read back a result an earlier invocation finished.</summary>
    Reuse,
}
