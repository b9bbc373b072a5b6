namespace Tagnn.Training;

/// <summary>Where a run's time went (over every epoch, including those before a resumption).</summary>
/// <param name="TrainSeconds">Training steps.</param>
/// <param name="EvalSeconds">Per-epoch evaluations.</param>
/// <param name="MeanEpochSeconds">Mean epoch (train + evaluation).</param>
/// <param name="TestSeconds">The one test scoring of the validation protocol (0 otherwise).</param>
/// <param name="BaselineSeconds">Baselines.</param>
/// <param name="WallSeconds">Wall time of the last invocation (start or resume to summary).</param>
public sealed record RunTimings(double TrainSeconds, double EvalSeconds, double MeanEpochSeconds, double TestSeconds,
    double BaselineSeconds, double WallSeconds);
