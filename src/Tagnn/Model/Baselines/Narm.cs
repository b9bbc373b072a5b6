using Tagnn.Graphs;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Tagnn.Model.Baselines;

/// <summary>
/// NARM (Li et al., CIKM 2017): a GRU reads the embedded clicks (hidden states h_1..h_t); the global encoder is the
/// last state, c_g = h_t; the local encoder attends over the states with respect to it,
/// alpha_j = v^T sigmoid(A1 h_t + A2 h_j), c_l = sum_j alpha_j h_j (the paper's equations: the weights are not
/// normalised); c_t = [c_g; c_l] (2d), and the bilinear decoder scores item i as emb_i^T B c_t with B (d x 2d), over
/// the same item embeddings that feed the GRU. Trained with the softmax cross-entropy over all items.
/// </summary>
/// <remarks>
/// The authors' Theano code differs in three details we do not follow: its attention weights are a softmax over the
/// real positions, its c_t puts the local part first, and its GRU and attention use hard sigmoids.
/// </remarks>
public sealed class Narm : SessionRecommender
{
    // ComponentName ties each field to its registered name, so Module.to(device or dtype) updates the field too.
    [ComponentName(Name = "items")] private Parameter items;     // (N + 1, d), row 0 padding
    private readonly GruLayer gru;
    private readonly Linear a1;           // A1 (d x d), no bias: applied to the last state h_t
    private readonly Linear a2;           // A2 (d x d), no bias: applied to every state h_j
    [ComponentName(Name = "v")] private Parameter v;         // (d)
    private readonly Linear decoder;      // B (d x 2d), no bias
    private readonly NarmConfig config;

    /// <summary>Creates the module with uninitialised weights (<see cref="NarmConfig.Build"/> initialises them).</summary>
    public Narm(NarmConfig config) : base(nameof(Narm), config)
    {
        this.config = config;
        var d = config.HiddenSize;
        items = new Parameter(empty(config.ItemTableSize, d));
        gru = new GruLayer(d, d);
        a1 = nn.Linear(d, d, hasBias: false);
        a2 = nn.Linear(d, d, hasBias: false);
        v = new Parameter(empty(d));
        decoder = nn.Linear(2 * d, d, hasBias: false);
        register_parameter("items", items);
        register_module("gru", gru);
        register_module("a1", a1);
        register_module("a2", a2);
        register_parameter("v", v);
        register_module("decoder", decoder);
    }

    /// <summary>The specification.</summary>
    public NarmConfig Config => config;

    /// <summary>Scores (B, N) without dropout masks of a step (in training mode, torch's global generator draws
    /// them).</summary>
    public override Tensor forward(SessionBatch batch) => Scores(batch, null);

    /// <summary>The cross-entropy over all items, with the step's dropout masks.</summary>
    public override Tensor Loss(SessionBatch batch, TrainingStepContext step)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        using var generator = StepDropout.For(step, Device, training);
        return NextItemLoss.Compute(Scores(batch, generator), batch.Targets).MoveToOuterDisposeScope();
    }

    /// <summary>The encoders without dropout: the attention weights alpha (B, L) (0 on padding) and
    /// c_t = [c_g; c_l] (B, 2d).</summary>
    public (Tensor Alpha, Tensor Context) Encode(SessionBatch batch)
    {
        CheckDevice(batch);
        using var scope = NewDisposeScope();
        var (alpha, context) = Encode(batch, null);
        return (alpha.MoveToOuterDisposeScope(), context.MoveToOuterDisposeScope());
    }

    /// <summary>Every parameter U(-1/sqrt(d), 1/sqrt(d)) (PyTorch's GRU default, and the SR-GNN / TAGNN
    /// reference's rule).</summary>
    public override void Initialize(long seed) => InitializeUniform(seed, 1.0 / Math.Sqrt(config.HiddenSize));

    private Tensor Scores(SessionBatch batch, Generator? generator)
    {
        CheckDevice(batch);
        using var scope = NewDisposeScope();
        var (_, context) = Encode(batch, generator);
        context = StepDropout.Apply(context, config.ContextDropout, training, generator);    // (B, 2d)
        var query = decoder.call(context);                                                   // B c_t: (B, d)
        return query.mm(SessionSequence.Candidates(items).t()).MoveToOuterDisposeScope();   // (B, N)
    }

    private (Tensor Alpha, Tensor Context) Encode(SessionBatch batch, Generator? generator)
    {
        var clicks = SessionSequence.Clicks(batch);                                                       // (B, L)
        var inputs = StepDropout.Apply(SessionSequence.Lookup(items, clicks), config.EmbeddingDropout, training, generator); // (B, L, d)
        var states = gru.call(inputs);                                                                    // h_1..h_L: (B, L, d)
        var last = SessionSequence.AtLast(states, batch);                                                 // c_g = h_t: (B, d)
        var gates = (a1.call(last).unsqueeze(1) + a2.call(states)).sigmoid();                             // (B, L, d)
        var alpha = gates.matmul(v) * SessionSequence.Mask(batch, gates.dtype);                           // (B, L), 0 on padding
        var local = alpha.unsqueeze(1).bmm(states).squeeze(1);                                            // c_l: (B, d)
        return (alpha, cat([last, local], 1));                                                            // c_t: (B, 2d)
    }
}
