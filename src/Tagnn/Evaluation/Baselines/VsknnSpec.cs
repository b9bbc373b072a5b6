using Tagnn.Data;

namespace Tagnn.Evaluation.Baselines;

/// <summary>V-SKNN's hyper-parameters (docs/BASELINES.md). Defaults: session-rec's tuned configuration for Diginetica
/// (single split, <c>conf/save/diginetica/single split/single_digi_baselines.yml</c>, Ludewig et al. 2021).</summary>
/// <param name="Neighbours">k, neighbours kept per prediction. Default 1500.</param>
/// <param name="SampleSize">m, most recent candidate sessions compared. Default 10000.</param>
/// <param name="PositionWeighting">The weight of a current-session item by the position of its last click
/// (<see cref="DecayFunctions.Position"/>). Default quadratic.</param>
/// <param name="ScoreWeighting">The weight of a neighbour's votes by how many clicks ago the current session last
/// clicked an item it shares (<see cref="DecayFunctions.Step"/>). Default linear.</param>
/// <param name="IdfWeight">w in the vote factor 1 + w ln(S / clicks(j)) that favours rarely clicked items; 0 turns it
/// off. Default 10.</param>
public sealed record VsknnSpec(int Neighbours = 1500, int SampleSize = 10_000, Decay PositionWeighting = Decay.Quadratic,
    Decay ScoreWeighting = Decay.Linear, double IdfWeight = 10) : BaselineSpec
{
    /// <inheritdoc />
    public override string Name => "vsknn";

    /// <inheritdoc />
    public override ISessionBaseline Fit(SessionDataset train, int itemCount)
    {
        CheckTrain(train, itemCount);
        return new VectorSessionKnnBaseline(train, itemCount, this);
    }

    /// <inheritdoc />
    public override string Describe() =>
        $"V-SKNN: k {Neighbours}, sample {SampleSize} most recent, position weights {PositionWeighting.ToString().ToLowerInvariant()}, " +
        $"vote decay {ScoreWeighting.ToString().ToLowerInvariant()}, idf weight {IdfWeight}";

    /// <summary>Checks the values.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Neighbours, 1, nameof(Neighbours));
        ArgumentOutOfRangeException.ThrowIfLessThan(SampleSize, Neighbours, nameof(SampleSize));
        if (!(IdfWeight >= 0) || double.IsInfinity(IdfWeight)) throw new ArgumentOutOfRangeException(nameof(IdfWeight), IdfWeight, "Must be finite and >= 0.");
        if (!Enum.IsDefined(PositionWeighting)) throw new ArgumentOutOfRangeException(nameof(PositionWeighting));
        if (!Enum.IsDefined(ScoreWeighting)) throw new ArgumentOutOfRangeException(nameof(ScoreWeighting));
    }
}
