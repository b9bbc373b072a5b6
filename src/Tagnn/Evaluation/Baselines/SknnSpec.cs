using Tagnn.Data;

namespace Tagnn.Evaluation.Baselines;

/// <summary>SKNN's hyper-parameters (docs/BASELINES.md).</summary>
/// <param name="Neighbours">k, neighbours kept per prediction. Default 100: session-rec's <c>ContextKNN</c> default,
/// the setting of Jannach and Ludewig (RecSys 2017).</param>
/// <param name="SampleSize">m, most recent candidate sessions compared. Default 500: same source.</param>
public sealed record SknnSpec(int Neighbours = SknnSpec.DefaultNeighbours, int SampleSize = SknnSpec.DefaultSampleSize) : BaselineSpec
{
    /// <summary>Default k.</summary>
    public const int DefaultNeighbours = 100;

    /// <summary>Default m.</summary>
    public const int DefaultSampleSize = 500;

    /// <inheritdoc />
    public override string Name => "sknn";

    /// <inheritdoc />
    public override ISessionBaseline Fit(SessionDataset train, int itemCount)
    {
        CheckTrain(train, itemCount);
        return new SessionKnnBaseline(train, itemCount, this);
    }

    /// <inheritdoc />
    public override string Describe() => $"SKNN: k {Neighbours}, sample {SampleSize} most recent, cosine similarity";

    /// <summary>Checks the values.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Neighbours, 1, nameof(Neighbours));
        ArgumentOutOfRangeException.ThrowIfLessThan(SampleSize, Neighbours, nameof(SampleSize));
    }
}
