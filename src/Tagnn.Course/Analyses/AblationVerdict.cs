namespace Tagnn.Course;

/// <summary>What a difference between two variants amounts to under the ablation's rule
/// (<see cref="AblationDifference.ClearAt"/>, <see cref="AblationDifference.SuggestiveAt"/>).</summary>
public enum AblationVerdict
{
    /// <summary>Fewer than two runs of some variant: no noise estimate, so no verdict.</summary>
    NoNoiseEstimate,

    /// <summary>Smaller than <see cref="AblationDifference.SuggestiveAt"/> standard errors: not distinguishable from
    /// noise.</summary>
    Noise,

    /// <summary>Between <see cref="AblationDifference.SuggestiveAt"/> and <see cref="AblationDifference.ClearAt"/>
    /// standard errors: suggestive, not established (more seeds would decide it).</summary>
    Suggestive,

    /// <summary>At least <see cref="AblationDifference.ClearAt"/> standard errors: a clear difference on this test set
    /// and budget.</summary>
    Clear,
}
