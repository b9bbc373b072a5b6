using Tagnn.Graphs;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Tagnn.Model.Baselines;

/// <summary>
/// STAMP (Liu et al., KDD 2018): with x_1..x_t the embedded clicks, the general interest m_s = mean of x_i and the
/// current interest m_t = x_t (the last click), attention weights alpha_i = w0^T sigmoid(W1 x_i + W2 x_t + W3 m_s + b_a)
/// (not normalised, as the paper), the attended memory m_a = sum_i alpha_i x_i, two MLPs h_s = tanh(Ws m_a + bs) and
/// h_t = tanh(Wt m_t + bt), and the trilinear score z_i = &lt;h_s, h_t, x_i&gt; = sum_k h_s[k] h_t[k] x_i[k] over the
/// same item embeddings. Trained with the softmax cross-entropy over all items.
/// </summary>
/// <remarks>
/// The paper passes z through a sigmoid before the softmax; its authors' code (and RecBole) feed the raw trilinear
/// scores to the softmax cross-entropy, which we do too: a softmax over sigmoids bounded in (0, 1) can only tell
/// items apart by a factor e, so the model could never concentrate probability on the next click among N items. The
/// authors' code also adds m_s to m_a and drops the MLP biases; we follow the paper's equations.
/// </remarks>
public sealed class Stamp : SessionRecommender
{
    // ComponentName ties each field to its registered name, so Module.to(device or dtype) updates the field too.
    [ComponentName(Name = "items")] private Parameter items;    // (N + 1, d), row 0 padding
    private readonly Linear w1, w2, w3;  // (d x d), no bias
    [ComponentName(Name = "b_a")] private Parameter ba;       // b_a (d)
    [ComponentName(Name = "w0")] private Parameter w0;       // (d)
    private readonly Linear mlpS, mlpT;  // Ws, bs and Wt, bt
    private readonly StampConfig config;

    /// <summary>Creates the module with uninitialised weights (<see cref="StampConfig.Build"/> initialises them).</summary>
    public Stamp(StampConfig config) : base(nameof(Stamp), config)
    {
        this.config = config;
        var d = config.HiddenSize;
        items = new Parameter(empty(config.ItemTableSize, d));
        w1 = nn.Linear(d, d, hasBias: false);
        w2 = nn.Linear(d, d, hasBias: false);
        w3 = nn.Linear(d, d, hasBias: false);
        ba = new Parameter(empty(d));
        w0 = new Parameter(empty(d));
        mlpS = nn.Linear(d, d);
        mlpT = nn.Linear(d, d);
        register_parameter("items", items);
        register_module("w1", w1);
        register_module("w2", w2);
        register_module("w3", w3);
        register_parameter("b_a", ba);
        register_parameter("w0", w0);
        register_module("mlp_s", mlpS);
        register_module("mlp_t", mlpT);
    }

    /// <summary>The specification.</summary>
    public StampConfig Config => config;

    /// <summary>Scores z (B, N).</summary>
    public override Tensor forward(SessionBatch batch)
    {
        CheckDevice(batch);
        using var scope = NewDisposeScope();
        var (_, hs, ht) = Encode(batch);
        return (hs * ht).mm(SessionSequence.Candidates(items).t()).MoveToOuterDisposeScope();   // <h_s, h_t, x_i>: (B, N)
    }

    /// <summary>The attention weights alpha (B, L) (0 on padding) and the two MLP outputs h_s, h_t (B, d).</summary>
    public (Tensor Alpha, Tensor Hs, Tensor Ht) Parts(SessionBatch batch)
    {
        CheckDevice(batch);
        using var scope = NewDisposeScope();
        var (alpha, hs, ht) = Encode(batch);
        return (alpha.MoveToOuterDisposeScope(), hs.MoveToOuterDisposeScope(), ht.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Every parameter U(-1/sqrt(d), 1/sqrt(d)), the rule of the other baselines (PyTorch's default for a linear layer
    /// of width d, and the SR-GNN / TAGNN reference's). Not the authors' N(0, 0.002^2) embeddings and N(0, 0.05^2)
    /// weights: the trilinear score of vectors that small starts near 0 with gradients near 0, and under the shared
    /// schedule (lr 1e-3, divided by 10 after two epochs) STAMP then learns far more slowly (docs/BASELINES.md has the
    /// measurements on the sample).
    /// </summary>
    public override void Initialize(long seed) => InitializeUniform(seed, 1.0 / Math.Sqrt(config.HiddenSize));

    private (Tensor Alpha, Tensor Hs, Tensor Ht) Encode(SessionBatch batch)
    {
        var clicks = SessionSequence.Clicks(batch);                                      // (B, L)
        var x = SessionSequence.Lookup(items, clicks);                                   // x_i: (B, L, d)
        var ms = SessionSequence.MaskedMean(x, batch);                                   // m_s: (B, d)
        var mt = SessionSequence.AtLast(x, batch);                                       // m_t = x_t: (B, d)
        var shared = w2.call(mt) + w3.call(ms) + ba;                                     // W2 x_t + W3 m_s + b_a: (B, d)
        var gates = (w1.call(x) + shared.unsqueeze(1)).sigmoid();                        // (B, L, d)
        var alpha = gates.matmul(w0) * SessionSequence.Mask(batch, x.dtype);             // (B, L), 0 on padding
        var ma = alpha.unsqueeze(1).bmm(x).squeeze(1);                                   // m_a: (B, d)
        return (alpha, mlpS.call(ma).tanh(), mlpT.call(mt).tanh());
    }
}
