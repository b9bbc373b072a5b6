using Tagnn.Graphs;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Tagnn.Model.Baselines;

/// <summary>
/// GRU4Rec (Hidasi et al., ICLR 2016) in its later form (Hidasi and Karatzoglou, CIKM 2018; the authors' code with
/// <c>constrained_embedding</c>): a GRU reads the clicks of the prefix; its state after the last real click,
/// h (B, d), scores every item i as h . W_i + b_i, where W is the item table that also embeds the inputs; trained with
/// the softmax cross-entropy over all items (<see cref="NextItemLoss"/>).
/// </summary>
/// <remarks>
/// <para>Trained on the same prefix-augmented, shuffled, padded examples as TAGNN rather than with GRU4Rec's
/// session-parallel mini-batches: each example is read from its first click, and the state at its last real position
/// is taken (the GRU is causal, so the padding after it changes nothing). Both see every next-click of every training
/// session; the examples just cost O(length^2) GRU steps per session instead of O(length).</para>
/// <para>The GRU is PyTorch's formulation (the reset gate multiplies the recurrent product plus its bias), written
/// out (<see cref="GruLayer"/>) so that it follows the model to any device. Dropout: on the inputs and on the final state (GRU4Rec drops the hidden state at every step and feeds
/// the dropped state on; a padded GRU applies it once, before the output layer).</para>
/// </remarks>
public sealed class Gru4Rec : SessionRecommender
{
    // ComponentName ties each field to its registered name, so Module.to(device or dtype) updates the field too.
    [ComponentName(Name = "items")] private Parameter items;   // (N + 1, d): input embedding and output weights, row 0 padding
    [ComponentName(Name = "bias")] private Parameter bias;    // (N): output bias
    private readonly GruLayer gru;
    private readonly Gru4RecConfig config;

    /// <summary>Creates the module with uninitialised weights (<see cref="Gru4RecConfig.Build"/> initialises them).</summary>
    public Gru4Rec(Gru4RecConfig config) : base(nameof(Gru4Rec), config)
    {
        this.config = config;
        var d = config.HiddenSize;
        items = new Parameter(empty(config.ItemTableSize, d));
        bias = new Parameter(empty(config.ItemCount));
        gru = new GruLayer(d, d);
        register_parameter("items", items);
        register_parameter("bias", bias);
        register_module("gru", gru);
    }

    /// <summary>The specification.</summary>
    public Gru4RecConfig Config => config;

    /// <summary>Scores (B, N) without dropout masks of a step (in training mode, torch's global generator draws
    /// them).</summary>
    public override Tensor forward(SessionBatch batch) => Scores(batch, null);

    /// <summary>The cross-entropy over all items, with the step's dropout masks (<see cref="TrainingStepContext"/>).</summary>
    public override Tensor Loss(SessionBatch batch, TrainingStepContext step)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        using var generator = StepDropout.For(step, Device, training);
        return NextItemLoss.Compute(Scores(batch, generator), batch.Targets).MoveToOuterDisposeScope();
    }

    /// <summary>h (B, d): the GRU's state after each example's last real click (no dropout).</summary>
    public Tensor FinalState(SessionBatch batch)
    {
        CheckDevice(batch);
        using var scope = NewDisposeScope();
        return State(batch, null).MoveToOuterDisposeScope();
    }

    /// <summary>Every parameter U(-1/sqrt(d), 1/sqrt(d)) (PyTorch's GRU default, and the SR-GNN / TAGNN
    /// reference's rule).</summary>
    public override void Initialize(long seed) => InitializeUniform(seed, 1.0 / Math.Sqrt(config.HiddenSize));

    private Tensor Scores(SessionBatch batch, Generator? generator)
    {
        CheckDevice(batch);
        using var scope = NewDisposeScope();
        var h = StepDropout.Apply(State(batch, generator), config.HiddenDropout, training, generator);   // (B, d)
        var candidates = SessionSequence.Candidates(items);                                                 // (N, d)
        return bias.addmm(h, candidates.t()).MoveToOuterDisposeScope();                                     // (B, N)
    }

    private Tensor State(SessionBatch batch, Generator? generator)
    {
        var clicks = SessionSequence.Clicks(batch);                                                          // (B, L)
        var inputs = StepDropout.Apply(SessionSequence.Lookup(items, clicks), config.EmbeddingDropout, training, generator); // (B, L, d)
        var outputs = gru.call(inputs);                                                                      // (B, L, d)
        return SessionSequence.AtLast(outputs, batch);                                                       // (B, d)
    }
}
