using Tagnn.Data;

namespace Tagnn.Evaluation.Baselines;

/// <summary>POP: no hyper-parameters (docs/BASELINES.md).</summary>
public sealed record PopSpec : BaselineSpec
{
    /// <inheritdoc />
    public override string Name => "pop";

    /// <inheritdoc />
    public override ISessionBaseline Fit(SessionDataset train, int itemCount)
    {
        CheckTrain(train, itemCount);
        return PopularityBaseline.FromTrain(train, itemCount);
    }

    /// <inheritdoc />
    public override string Describe() => "POP: the most clicked training items, the same list for every session";
}
