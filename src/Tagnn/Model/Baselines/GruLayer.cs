using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Tagnn.Model.Baselines;

/// <summary>
/// One GRU layer over right-padded sequences from a zero state, in PyTorch's formulation (gate order r, z, n):
/// r = sigma(W_ir x + b_ir + W_hr h + b_hr), z = sigma(W_iz x + b_iz + W_hz h + b_hz),
/// n = tanh(W_in x + b_in + r * (W_hn h + b_hn)), h' = (1 - z) * n + z * h; parameters under PyTorch's names
/// (<c>weight_ih_l0</c>, <c>weight_hh_l0</c>, <c>bias_ih_l0</c>, <c>bias_hh_l0</c>).
/// </summary>
/// <remarks>
/// Written with explicit parameters and a loop over positions rather than TorchSharp's <c>nn.GRU</c>: that module
/// wraps libtorch's, whose fused weights are not updated when TorchSharp moves the module to another device (it
/// fails on the meta device even when created there), so it could not be trusted to follow the model to a GPU. The
/// input projections of every position are one product; each position then costs one (B, d) x (d, 3d) product and a
/// few element-wise operations. The GRU is causal: the state at a position does not depend on the padding after it.
/// </remarks>
internal sealed class GruLayer : nn.Module<Tensor, Tensor>
{
    // ComponentName ties each field to its registered name, so Module.to(device or dtype) updates the field too.
    [ComponentName(Name = "weight_ih_l0")] private Parameter weightIh;   // (3d, input): [W_ir; W_iz; W_in]
    [ComponentName(Name = "weight_hh_l0")] private Parameter weightHh;   // (3d, d): [W_hr; W_hz; W_hn]
    [ComponentName(Name = "bias_ih_l0")] private Parameter biasIh;       // (3d)
    [ComponentName(Name = "bias_hh_l0")] private Parameter biasHh;       // (3d)
    private readonly long hidden;

    /// <summary>Creates the layer with uninitialised weights.</summary>
    public GruLayer(long inputSize, long hiddenSize) : base(nameof(GruLayer))
    {
        hidden = hiddenSize;
        weightIh = new Parameter(empty(3 * hiddenSize, inputSize));
        weightHh = new Parameter(empty(3 * hiddenSize, hiddenSize));
        biasIh = new Parameter(empty(3 * hiddenSize));
        biasHh = new Parameter(empty(3 * hiddenSize));
        register_parameter("weight_ih_l0", weightIh);
        register_parameter("weight_hh_l0", weightHh);
        register_parameter("bias_ih_l0", biasIh);
        register_parameter("bias_hh_l0", biasHh);
    }

    /// <summary>The states h_1..h_L (B, L, d) of the inputs <paramref name="inputs"/> (B, L, input).</summary>
    public override Tensor forward(Tensor inputs)
    {
        using var scope = NewDisposeScope();
        var (b, l, d) = (inputs.shape[0], inputs.shape[1], hidden);
        var projected = inputs.matmul(weightIh.t()) + biasIh;                    // W_i x + b_i, every position: (B, L, 3d)
        var h = zeros(b, d, dtype: inputs.dtype, device: inputs.device);          // (B, d)
        var states = new List<Tensor>((int)l);
        for (var t = 0; t < l; t++)
        {
            var gi = projected.select(1, t);                                      // (B, 3d)
            var gh = biasHh.addmm(h, weightHh.t());                               // W_h h + b_h: (B, 3d)
            var rz = (gi.narrow(1, 0, 2 * d) + gh.narrow(1, 0, 2 * d)).sigmoid(); // [r, z]: (B, 2d)
            var r = rz.narrow(1, 0, d);
            var z = rz.narrow(1, d, d);
            var n = (gi.narrow(1, 2 * d, d) + r * gh.narrow(1, 2 * d, d)).tanh(); // (B, d)
            h = n.lerp(h, z);                                                     // (1 - z) n + z h
            states.Add(h);
        }
        return stack(states, 1).MoveToOuterDisposeScope();                        // (B, L, d)
    }
}
