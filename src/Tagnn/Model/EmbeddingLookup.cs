using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>
/// Looks rows of an embedding table up by id with <c>gather</c> instead of <c>nn.Embedding</c>'s <c>index_select</c>:
/// the same numbers, and a lookup that runs on every device libtorch has, the <c>meta</c> device included.
/// </summary>
/// <remarks>
/// <para>Why: libtorch built without Python has no meta kernel for <c>index_select</c> (nor for its backward), so a
/// model that embeds through <c>nn.Embedding</c> cannot be traced on the meta device (docs/GPU.md, "What the meta
/// device proves"); <c>gather</c> and its backward (<c>scatter_add</c>) are structured kernels with meta functions.</para>
/// <para>On the CPU the results are bit-identical to <c>nn.Embedding</c> (no padding index, no max-norm, dense
/// gradients), forward and backward, with any thread count: the forward pass copies rows; the backward pass adds the
/// gradient rows of a repeated id into a zero row in the order of their positions, as <c>embedding_dense_backward</c>
/// does (<c>MetaDeviceTests</c> checks it bit for bit).</para>
/// </remarks>
public static class EmbeddingLookup
{
    /// <summary>The rows of <paramref name="table"/> at <paramref name="ids"/>.</summary>
    /// <param name="table">(V, d): the embedding table (e.g. <c>nn.Embedding.weight</c>).</param>
    /// <param name="ids">Any shape S, int64: row ids in 0..V-1.</param>
    /// <returns>(S..., d), differentiable with respect to <paramref name="table"/>.</returns>
    public static Tensor Rows(Tensor table, Tensor ids)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(ids);
        if (table.dim() != 2) throw new ArgumentException($"The table must be (V, d), not [{string.Join(", ", table.shape)}].", nameof(table));
        using var scope = NewDisposeScope();
        var d = table.shape[1];
        var index = ids.reshape(-1, 1).expand(-1, d);                                          // (M, d), stride (1, 0)
        long[] shape = [.. ids.shape, d];
        return table.gather(0, index).view(shape).MoveToOuterDisposeScope();                   // (S..., d)
    }
}
