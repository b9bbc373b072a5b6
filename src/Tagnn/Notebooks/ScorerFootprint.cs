using Tagnn.Model;
using Tagnn.Model.Scoring;
using static TorchSharp.torch;

namespace Tagnn.Notebooks;

/// <summary>
/// The size of the big float32 tensors target attention needs when B sessions of L positions are scored against N
/// candidate items of hidden size d, written the naive way (the authors' code, <see cref="NaiveTargetScorer"/>) or
/// the exact rewrite's way (<see cref="ExactTargetScorer"/>), plus a measurement of either on random inputs.
/// </summary>
/// <param name="BatchSize">B.</param>
/// <param name="Items">N, the candidates (Diginetica 43,097).</param>
/// <param name="HiddenSize">d.</param>
/// <param name="Length">L, the positions each session is padded to.</param>
public sealed record ScorerFootprint(int BatchSize, int Items, int HiddenSize, int Length)
{
    /// <summary>Bytes of one (B, N, d) float32 tensor.</summary>
    public long BatchItemsHiddenBytes => 4L * BatchSize * Items * HiddenSize;

    /// <summary>Bytes of one (B, N, L) float32 tensor.</summary>
    public long BatchItemsLengthBytes => 4L * BatchSize * Items * Length;

    /// <summary>
    /// The forward pass of the naive scorer as written: the logits and beta (two (B, N, L) tensors), s_target,
    /// s_t = a + s_target and s_t * v (three (B, N, d) tensors). Autograd keeps most of them for the backward pass.
    /// </summary>
    public long NaiveForwardBytes => 2 * BatchItemsLengthBytes + 3 * BatchItemsHiddenBytes;

    /// <summary>
    /// The forward pass of the exact rewrite as written: logits, S = h . v, beta and beta * S (four (B, L, N)
    /// tensors); nothing of size (B, N, d).
    /// </summary>
    public long RewriteForwardBytes => 4 * BatchItemsLengthBytes;

    /// <summary>
    /// Random scorer inputs of this shape (every position attended, no virtual padding), as leaves that require
    /// gradients, so that a scorer's backward pass can be measured too.
    /// </summary>
    /// <param name="seed">Seed of a private generator (the global torch seed is untouched).</param>
    /// <param name="device">Where to create them (CPU when null).</param>
    public TargetScorerInput RandomInput(long seed, Device? device = null)
    {
        device ??= CPU;
        using var generator = new TorchSharp.torch.Generator((ulong)seed, device);
        var scale = 1.0 / Math.Sqrt(HiddenSize);
        Tensor Leaf(params long[] shape)
        {
            using var scope = NewDisposeScope();
            return (rand(shape, generator: generator, device: device) * 2 * scale - scale).detach().requires_grad_(true).MoveToOuterDisposeScope();
        }
        return new TargetScorerInput(
            Keys: Leaf(BatchSize, Length, HiddenSize),
            Values: Leaf(BatchSize, Length, HiddenSize),
            Attend: ones(BatchSize, Length, device: device),
            VirtualCount: null,
            Session: Leaf(BatchSize, HiddenSize),
            Candidates: Leaf(Items, HiddenSize));
    }

    /// <summary>
    /// Runs <paramref name="scorer"/> forward and backward (the gradient of the summed scores) on
    /// <see cref="RandomInput"/> and measures the process's peak resident memory and the time (see
    /// <see cref="PeakMemory"/>; Linux). Every tensor is freed before the method returns.
    /// </summary>
    /// <param name="scorer">E.g. <c>NaiveTargetScorer.Score</c> or <c>new ExactTargetScorer().Score</c>.</param>
    /// <param name="seed">Seed of the inputs.</param>
    public MemoryMeasurement Measure(Func<TargetScorerInput, Tensor> scorer, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        using var scope = NewDisposeScope();
        var input = RandomInput(seed);
        return PeakMemory.Measure(() =>
        {
            using var inner = NewDisposeScope();
            scorer(input).sum().backward();
        });
    }
}
