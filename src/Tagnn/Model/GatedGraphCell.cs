using Tagnn.Model.Parts;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>
/// The gated graph cell (Eq. 1-5): each node aggregates its in- and out-neighbours through the normalised adjacency
/// (Eq. 1) and updates its state with a GRU (Eq. 2-5), <see cref="Steps"/> times with shared weights.
/// </summary>
/// <remarks>
/// <para>Written in PyTorch's GRUCell convention, as the reference code: with gi = a W_ih^T + b_ih and
/// gh = h W_hh^T + b_hh split into (r, z, c) thirds, r = sigmoid(gi_r + gh_r), z = sigmoid(gi_z + gh_z),
/// c = tanh(gi_c + r * gh_c), h' = c + z * (h - c) = (1 - z) c + z h. The paper's Eq. 5 puts z on the other side;
/// the two are the same family of functions with z and 1 - z swapped.</para>
/// <para>Parameters keep the reference names: w_ih (3d, 2d) = [W_r; W_z; W_o], w_hh (3d, d) = [U_r; U_z; U_o],
/// b_ih, b_hh (3d), b_iah and b_oah (d, the biases of the in and out aggregations, Eq. 1), linear_edge_in and
/// linear_edge_out (d -> d, with bias). The reference also creates linear_edge_f and never uses it: it is kept as a
/// buffer (not a parameter: no optimiser sees it) so weights round-trip with the authors' code.</para>
/// </remarks>
public sealed class GatedGraphCell : nn.Module<Tensor, Tensor, Tensor>, IGraphEncoder
{
    // ComponentName ties each field to its registered name, so Module.to(device) updates the field too.
    [ComponentName(Name = "w_ih")] private Parameter wIh;
    [ComponentName(Name = "w_hh")] private Parameter wHh;
    [ComponentName(Name = "b_ih")] private Parameter bIh;
    [ComponentName(Name = "b_hh")] private Parameter bHh;
    [ComponentName(Name = "b_iah")] private Parameter bIah;
    [ComponentName(Name = "b_oah")] private Parameter bOah;
    private readonly Linear edgeIn, edgeOut;
    private readonly UnusedLinear edgeF;

    /// <summary>Creates a cell for hidden size <paramref name="hiddenSize"/> applied <paramref name="steps"/> times.</summary>
    public GatedGraphCell(int hiddenSize, int steps = 1) : base(nameof(GatedGraphCell))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        HiddenSize = hiddenSize;
        Steps = steps;
        var d = hiddenSize;
        wIh = new Parameter(empty(3 * d, 2 * d));
        wHh = new Parameter(empty(3 * d, d));
        bIh = new Parameter(empty(3 * d));
        bHh = new Parameter(empty(3 * d));
        bIah = new Parameter(empty(d));
        bOah = new Parameter(empty(d));
        edgeIn = nn.Linear(d, d, hasBias: true);
        edgeOut = nn.Linear(d, d, hasBias: true);
        edgeF = new UnusedLinear(d);
        register_parameter("w_ih", wIh);
        register_parameter("w_hh", wHh);
        register_parameter("b_ih", bIh);
        register_parameter("b_hh", bHh);
        register_parameter("b_iah", bIah);
        register_parameter("b_oah", bOah);
        register_module("linear_edge_in", edgeIn);
        register_module("linear_edge_out", edgeOut);
        register_module("linear_edge_f", edgeF);
    }

    /// <summary>d.</summary>
    public int HiddenSize { get; }

    /// <summary>How many times the cell is applied.</summary>
    public int Steps { get; }

    /// <summary>Propagates node states over the session graphs.</summary>
    /// <param name="adjacency">A (B, n, 2n): in-edges in [:, :, :n], out-edges in [:, :, n:].</param>
    /// <param name="states">h (B, n, d): the nodes' item embeddings.</param>
    /// <returns>h' (B, n, d).</returns>
    public override Tensor forward(Tensor adjacency, Tensor states)
    {
        var h = states;
        for (var step = 0; step < Steps; step++)
        {
            using var scope = NewDisposeScope();
            h = Step(adjacency, h).MoveToOuterDisposeScope();
        }
        return h;
    }

    /// <inheritdoc />
    public Tensor Encode(Tensor adjacency, Tensor states) => call(adjacency, states);

    /// <summary>
    /// The output for a node without edges (item 0, the padding node, in every session): h_pad, a fixed vector.
    /// </summary>
    /// <param name="embedding">The node's embedding (d).</param>
    /// <returns>(d).</returns>
    public Tensor EdgelessState(Tensor embedding)
    {
        using var scope = NewDisposeScope();
        var adjacency = zeros(1, 1, 2, dtype: embedding.dtype, device: embedding.device); // (1, 1, 2)
        return forward(adjacency, embedding.view(1, 1, HiddenSize)).view(HiddenSize).MoveToOuterDisposeScope();
    }

    private Tensor Step(Tensor adjacency, Tensor h)
    {
        var n = adjacency.shape[1];
        // Eq. 1: a = [A_in (h W_in^T + b_in) + b_iah ; A_out (h W_out^T + b_out) + b_oah]      (B, n, 2d)
        var incoming = adjacency.narrow(2, 0, n).matmul(edgeIn.call(h)) + bIah;         // (B, n, d)
        var outgoing = adjacency.narrow(2, n, n).matmul(edgeOut.call(h)) + bOah;        // (B, n, d)
        var a = cat([incoming, outgoing], 2);                                            // (B, n, 2d)
        // Eq. 2-5 (GRUCell convention)
        var gi = nn.functional.linear(a, wIh, bIh).chunk(3, 2);                           // 3 x (B, n, d)
        var gh = nn.functional.linear(h, wHh, bHh).chunk(3, 2);                           // 3 x (B, n, d)
        var r = (gi[0] + gh[0]).sigmoid();                                               // reset gate (Eq. 3)
        var z = (gi[1] + gh[1]).sigmoid();                                               // update gate (Eq. 2)
        var c = (gi[2] + r * gh[2]).tanh();                                              // candidate (Eq. 4)
        return c + z * (h - c);                                                          // Eq. 5, (B, n, d)
    }

    /// <summary>The reference's unused <c>linear_edge_f</c>: a weight and a bias kept as buffers.</summary>
    private sealed class UnusedLinear : nn.Module
    {
        public UnusedLinear(int d) : base("linear_edge_f")
        {
            register_buffer("weight", empty(d, d));
            register_buffer("bias", empty(d));
        }
    }
}
