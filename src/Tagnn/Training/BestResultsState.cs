namespace Tagnn.Training;

/// <summary>The saved state of <see cref="BestResults"/>.</summary>
/// <param name="BestHitRate">Best HR@20, percent.</param>
/// <param name="BestHitRateEpoch">Its epoch (-1: none yet).</param>
/// <param name="BestMrr">Best MRR@20, percent.</param>
/// <param name="BestMrrEpoch">Its epoch (-1: none yet).</param>
/// <param name="BadEpochs">Non-improving epochs so far.</param>
public sealed record BestResultsState(double BestHitRate, int BestHitRateEpoch, double BestMrr, int BestMrrEpoch, int BadEpochs);
