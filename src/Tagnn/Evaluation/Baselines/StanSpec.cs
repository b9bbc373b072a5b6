using Tagnn.Data;

namespace Tagnn.Evaluation.Baselines;

/// <summary>STAN's hyper-parameters (docs/BASELINES.md). Defaults: session-rec's tuned configuration for Diginetica
/// ("stan-mrr", <c>conf/save/diginetica/single split/single_digi_stan.yml</c>, Ludewig et al. 2021), λ2 converted from
/// days to this library's time scale.</summary>
/// <param name="Neighbours">k, neighbours kept per prediction. Default 500.</param>
/// <param name="SampleSize">m, most recent candidate sessions compared. Default 5000.</param>
/// <param name="Lambda1">λ1, the decay over positions of the current session: w1 = exp((p - L) / λ1). Default 1.25.</param>
/// <param name="Lambda2">λ2, the decay over the age of a neighbour session, in units of the whole training period
/// (time = a session's rank in date order divided by the number of training sessions): w2 = exp(-age / λ2).
/// Default 0.55: session-rec's 80 days over Diginetica's 145-day training period (1 January to 24 May 2016).</param>
/// <param name="Lambda3">λ3, the decay over positions in the neighbour session away from the shared item:
/// w3 = exp(-|p_n(j) - p_n(i*)| / λ3). Default 5.</param>
public sealed record StanSpec(int Neighbours = 500, int SampleSize = 5000, double Lambda1 = 1.25, double Lambda2 = 0.55,
    double Lambda3 = 5) : BaselineSpec
{
    /// <inheritdoc />
    public override string Name => "stan";

    /// <inheritdoc />
    public override ISessionBaseline Fit(SessionDataset train, int itemCount)
    {
        CheckTrain(train, itemCount);
        return new StanBaseline(train, itemCount, this);
    }

    /// <inheritdoc />
    public override string Describe() =>
        $"STAN: k {Neighbours}, sample {SampleSize} most recent, λ1 {Lambda1}, λ2 {Lambda2} of the training period, λ3 {Lambda3}";

    /// <summary>Checks the values.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Neighbours, 1, nameof(Neighbours));
        ArgumentOutOfRangeException.ThrowIfLessThan(SampleSize, Neighbours, nameof(SampleSize));
        foreach (var (value, name) in new[] { (Lambda1, nameof(Lambda1)), (Lambda2, nameof(Lambda2)), (Lambda3, nameof(Lambda3)) })
        {
            if (!(value > 0)) throw new ArgumentOutOfRangeException(name, value, "Must be > 0 (use a large value to switch a decay off).");
        }
    }
}
