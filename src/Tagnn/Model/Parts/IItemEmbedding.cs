using static TorchSharp.torch;

namespace Tagnn.Model.Parts;

/// <summary>
/// The item embedding part of a <see cref="SessionModel"/> (Section 2.1: every item v_i gets a vector in R^d): the
/// table the session's clicks are looked up in (the GNN's input h^0, Eq. 1) and whose rows 1..N are the candidates
/// v_t scored in Section 2.5 (z_t = v_t^T s_t).
/// </summary>
/// <remarks>
/// <para>A part is a TorchSharp <c>nn.Module</c> that implements this interface (register its parameters or
/// sub-modules, so <c>to(device)</c> moves them and checkpoints save them). The built-in part is
/// <see cref="TableEmbedding"/> (a plain <c>nn.Embedding</c>); a variant may return a function of its weights, e.g.
/// NISER's rows scaled to one norm.</para>
/// <para>The model calls <see cref="Table"/> once per <c>Encode</c> and once per <c>Score</c>; it must be cheap
/// compared with scoring N items (an (n + 1, d) operation is).</para>
/// </remarks>
public interface IItemEmbedding
{
    /// <summary>The item representations the model uses.</summary>
    /// <returns>(n + 1, d): row 0 is the padding item, row j is item j; differentiable in the part's parameters.</returns>
    Tensor Table();
}
