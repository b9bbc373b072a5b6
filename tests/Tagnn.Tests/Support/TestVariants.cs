using Tagnn.Model;
using Tagnn.Model.Parts;
using Tagnn.Model.Variants;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tagnn.Tests.Support;

/// <summary>Eq. 10 written from scratch as a variant's combiner: s_t = W_target s_target + W_local s_local +
/// W_global s_global (three d x d blocks of W3, no bias). Public: the CLI test loads it from this assembly.</summary>
public sealed class ConcatFromScratch : nn.Module, ISessionCombiner
{
    private readonly Linear target, local, global;

    /// <summary>Creates the combiner for hidden size <paramref name="d"/> (a readout with both parts).</summary>
    public ConcatFromScratch(int d) : base(nameof(ConcatFromScratch))
    {
        target = nn.Linear(d, d, hasBias: false);
        local = nn.Linear(d, d, hasBias: false);
        global = nn.Linear(d, d, hasBias: false);
        RegisterComponents();
    }

    /// <summary>The three blocks of W3 (d, d): target, local, global.</summary>
    public (Tensor Target, Tensor Local, Tensor Global) Blocks => (target.weight!, local.weight!, global.weight!);

    /// <inheritdoc />
    public Tensor SessionVector(ReadoutOutput readout) => local.call(readout.Local!) + global.call(readout.Global!); // (B, d)

    /// <inheritdoc />
    public Tensor TargetValues(Tensor targets) => target.call(targets);                                              // (..., d)
}

/// <summary>A target attention that is not keyed (so it takes the generic path): beta_ti = softmax_i(v_t . W h_i +
/// prior[distance of i from the last click]), s_target^t = sum_i beta_ti h_i.</summary>
public sealed class RecencyTargetAttention : nn.Module, ITargetAttention
{
    private readonly Linear w;
    private readonly Embedding prior;
    private readonly int distances;

    /// <summary>Creates the part for hidden size <paramref name="d"/> with a prior for distances 0..<paramref name="distances"/>-1
    /// (farther clicks share the last one).</summary>
    public RecencyTargetAttention(int d, int distances) : base(nameof(RecencyTargetAttention))
    {
        this.distances = distances;
        w = nn.Linear(d, d, hasBias: false);
        prior = nn.Embedding(distances, 1);
        RegisterComponents();
    }

    /// <summary>How many target-vector calls (forward and recomputation) the part served, and the most candidates in
    /// one call.</summary>
    public (int Calls, long MostCandidates) Seen { get; private set; }

    /// <inheritdoc />
    public Tensor TargetVectors(TargetAttentionInput input, Tensor candidates)
    {
        Seen = (Seen.Calls + 1, Math.Max(Seen.MostCandidates, candidates.shape[0]));
        using var scope = NewDisposeScope();
        var keys = w.call(input.States);                                                     // (B, L, d)
        var logits = candidates.matmul(keys.transpose(1, 2));                                // (B, C, L)
        var distance = input.Recency().clamp(0, distances - 1).to(ScalarType.Int64);         // (B, L)
        var bias = EmbeddingLookup.Rows(prior.weight!, distance).squeeze(2);                 // (B, L)
        var beta = input.Softmax(logits + bias.unsqueeze(1));                                // (B, C, L)
        return beta.matmul(input.States).MoveToOuterDisposeScope();                          // (B, C, d)
    }
}

/// <summary>The recency variant for <c>tagnn train --variant Tagnn.Tests.dll:Tagnn.Tests.Support.RecencyVariant</c>.</summary>
public sealed class RecencyVariant : IVariantProvider
{
    /// <summary>The part's registered name.</summary>
    public const string PartName = "test-recency";

    /// <inheritdoc />
    public VariantSpec Create(ModelConfig baseConfig) => VariantSpec.Of("TAGNN+recency", baseConfig,
        Part.TargetAttention(PartName, c => new RecencyTargetAttention(c.HiddenSize, 8), "test: beta with a learned prior per distance"));
}

/// <summary>The from-scratch Eq. 10 variant (a paper-formulation base).</summary>
public sealed class ConcatVariant : IVariantProvider
{
    /// <summary>The part's registered name.</summary>
    public const string PartName = "test-eq10-from-scratch";

    /// <inheritdoc />
    public VariantSpec Create(ModelConfig baseConfig) => VariantSpec.Of("TAGNN+eq10", baseConfig,
        Part.Combiner(PartName, c => new ConcatFromScratch(c.HiddenSize), "test: Eq. 10 from scratch"));
}

/// <summary>Not a provider (for the CLI's error).</summary>
public sealed class NotAVariant
{
}
