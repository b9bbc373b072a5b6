using Tagnn.Data;

namespace Tagnn.Evaluation.Baselines;

/// <summary>S-POP: no hyper-parameters (docs/BASELINES.md).</summary>
public sealed record SpopSpec : BaselineSpec
{
    /// <inheritdoc />
    public override string Name => "spop";

    /// <inheritdoc />
    public override ISessionBaseline Fit(SessionDataset train, int itemCount)
    {
        CheckTrain(train, itemCount);
        return new SessionPopularityBaseline(train, itemCount);
    }

    /// <inheritdoc />
    public override string Describe() => "S-POP: the session's items by clicks in the session, ties and the rest by training clicks";
}
