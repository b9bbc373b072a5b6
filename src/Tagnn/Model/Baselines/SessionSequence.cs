using Tagnn.Graphs;
using static TorchSharp.torch;

namespace Tagnn.Model.Baselines;

/// <summary>
/// A batch read as click sequences, the way the sequence models (GRU4Rec, NARM, STAMP, BPR-MF's and FPMC's
/// prediction) read it: position i of an example holds its i-th click; positions at and after its length are padding
/// (masked out, or never read). Everything stays on the batch's device (no host read).
/// </summary>
internal static class SessionSequence
{
    /// <summary>(B, L) int64: the item clicked at every position (a padding position holds item 0).</summary>
    public static Tensor Clicks(SessionBatch batch) => batch.Items.gather(1, batch.Alias);

    /// <summary>(B, L, d): the rows of <paramref name="table"/> (rows = item ids) for <paramref name="ids"/> (B, L).</summary>
    public static Tensor Lookup(Tensor table, Tensor ids) => Rows(table, ids);

    /// <summary>
    /// (S..., d): the rows of <paramref name="table"/> (V, d) at <paramref name="ids"/> (any shape S, int64), looked up
    /// with <c>gather</c> rather than <c>index_select</c>: the same numbers forward and backward on the CPU, and ops
    /// that every device has, the <c>meta</c> device included (libtorch without Python has no meta kernel for
    /// <c>index_select</c> or its backward).
    /// </summary>
    public static Tensor Rows(Tensor table, Tensor ids)
    {
        var d = table.shape[1];
        using var index = ids.reshape(-1, 1).expand(-1, d);                      // (M, d)
        using var rows = table.gather(0, index);                                  // (M, d)
        return rows.view([.. ids.shape, d]);
    }

    /// <summary>(B, d): the row of <paramref name="x"/> (B, L, d) at each example's last real position (length - 1),
    /// whatever the padding after it.</summary>
    public static Tensor AtLast(Tensor x, SessionBatch batch)
    {
        var (b, d) = (x.shape[0], x.shape[2]);
        using var index = (batch.Lengths - 1).view(b, 1, 1).expand(b, 1, d);   // (B, 1, d)
        return x.gather(1, index).squeeze(1);
    }

    /// <summary>(B, L) in <paramref name="dtype"/>: 1 on real positions, 0 on padding.</summary>
    public static Tensor Mask(SessionBatch batch, ScalarType dtype) => batch.Mask.to(dtype);

    /// <summary>(B, d): the mean of <paramref name="x"/> (B, L, d) over each example's real positions.</summary>
    public static Tensor MaskedMean(Tensor x, SessionBatch batch)
    {
        using var mask = Mask(batch, x.dtype).unsqueeze(2);                      // (B, L, 1)
        using var lengths = batch.Lengths.to(x.dtype).unsqueeze(1);              // (B, 1)
        using var sum = (x * mask).sum(1);                                        // (B, d)
        return sum / lengths;
    }

    /// <summary>(N, d): the rows of items 1..N of <paramref name="table"/> (row 0 is padding): the candidates.</summary>
    public static Tensor Candidates(Tensor table) => table.narrow(0, 1, table.shape[0] - 1);
}
