using Tagnn.Data;

namespace Tagnn.Evaluation.Baselines;

/// <summary>Item-KNN's hyper-parameters (docs/BASELINES.md). Defaults: the <c>ItemKNN</c> baseline of GRU4Rec's
/// code (Hidasi et al., ICLR 2016), kept by session-rec's <c>iknn.py</c>.</summary>
/// <param name="Neighbours">How many most similar items of the last click get a score (the rest score 0). Default 100.</param>
/// <param name="Lambda">λ, added to both supports: damps the similarity of rarely seen items. Default 20.</param>
/// <param name="Alpha">α, how the normalisation is split between the two items: 0.5 is the cosine, 1 the confidence
/// of an association rule. Default 0.5.</param>
public sealed record ItemKnnSpec(int Neighbours = 100, double Lambda = 20, double Alpha = 0.5) : BaselineSpec
{
    /// <inheritdoc />
    public override string Name => "itemknn";

    /// <inheritdoc />
    public override ISessionBaseline Fit(SessionDataset train, int itemCount)
    {
        CheckTrain(train, itemCount);
        return new ItemKnnBaseline(train, itemCount, this);
    }

    /// <inheritdoc />
    public override string Describe() => $"Item-KNN: {Neighbours} most similar items of the last click, λ {Lambda}, α {Alpha}";

    /// <summary>Checks the values.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Neighbours, 1, nameof(Neighbours));
        if (!(Lambda >= 0) || double.IsInfinity(Lambda)) throw new ArgumentOutOfRangeException(nameof(Lambda), Lambda, "λ must be finite and >= 0.");
        if (!(Alpha is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "α must be in [0, 1].");
    }
}
