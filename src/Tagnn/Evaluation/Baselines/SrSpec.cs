using Tagnn.Data;

namespace Tagnn.Evaluation.Baselines;

/// <summary>SR's hyper-parameters (docs/BASELINES.md). Defaults: session-rec's tuned configuration for Diginetica
/// (single split, <c>single_digi_baselines.yml</c>, Ludewig et al. 2021: steps 15, weighting div) and
/// <c>sr.py</c>'s default pruning (20).</summary>
/// <param name="Steps">The window: a click b gives the rule a -> b to each of the at most this many clicks a before
/// it in its session. Default 15.</param>
/// <param name="Weighting">The weight of a rule occurrence by its distance d in clicks (<see cref="DecayFunctions.Step"/>):
/// div = 1 / d. Default div.</param>
/// <param name="Pruning">Rules kept per antecedent, the strongest (ties: lower id); 0 keeps all. Default 20.</param>
public sealed record SrSpec(int Steps = 15, Decay Weighting = Decay.Div, int Pruning = 20) : BaselineSpec
{
    /// <inheritdoc />
    public override string Name => "sr";

    /// <inheritdoc />
    public override ISessionBaseline Fit(SessionDataset train, int itemCount)
    {
        CheckTrain(train, itemCount);
        return new SequentialRulesBaseline(train, itemCount, this);
    }

    /// <inheritdoc />
    public override string Describe() =>
        $"SR: rules within {Steps} steps, weight {Weighting.ToString().ToLowerInvariant()}, " + (Pruning == 0 ? "no pruning" : $"{Pruning} rules per item");

    /// <summary>Checks the values.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Steps, 1, nameof(Steps));
        ArgumentOutOfRangeException.ThrowIfNegative(Pruning, nameof(Pruning));
        if (!Enum.IsDefined(Weighting)) throw new ArgumentOutOfRangeException(nameof(Weighting));
    }
}
