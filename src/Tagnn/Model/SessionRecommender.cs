using Tagnn.Data;
using Tagnn.Graphs;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>
/// The base of every trainable session recommender (TAGNN and SR-GNN, <see cref="SessionModel"/>; neural baselines;
/// researchers' variants): scores every candidate item for every session of a batch, and says how it is trained.
/// The trainer, the evaluator, checkpoints and run folders work with this type.
/// </summary>
/// <remarks>
/// <para>A subclass implements <see cref="nn.Module{T, TResult}.forward"/> (scores (B, N), column j = item j + 1;
/// item 0 is padding and never a candidate) and <see cref="Initialize"/>, and is built by its
/// <see cref="ModelSpec.Build"/>. The default <see cref="Loss(SessionBatch, TrainingStepContext)"/> is
/// <see cref="NextItemLoss"/>; a model with another loss (e.g. BPR with sampled negatives) overrides it.</para>
/// <para>Device rules: every tensor the forward pass and the loss create is created on <see cref="Device"/>, and
/// neither reads device memory on the host (no <c>item()</c>, <c>data&lt;T&gt;()</c>, <c>ToArray()</c> of device
/// tensors): per-batch constants come from the batch's host arrays (<see cref="SessionBatch"/>), samples are drawn
/// on the host from the <see cref="TrainingStepContext"/> and copied to the device.</para>
/// </remarks>
public abstract class SessionRecommender : nn.Module<SessionBatch, Tensor>
{
    /// <summary>Creates the module.</summary>
    /// <param name="name">The module's name.</param>
    /// <param name="spec">The specification it is built from (validated).</param>
    protected SessionRecommender(string name, ModelSpec spec) : base(name)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        Spec = spec;
    }

    /// <summary>What the model is (recorded in run folders and checkpoints; builds the same model again).</summary>
    public ModelSpec Spec { get; }

    /// <summary>N: the number of candidate items (items 1..N).</summary>
    public int ItemCount => Spec.ItemCount;

    /// <summary>The device of the model's parameters (CPU for a model without any).</summary>
    public virtual Device Device
    {
        get
        {
            using var scope = NewDisposeScope(); // the parameter enumeration wraps new tensor handles
            return parameters().FirstOrDefault()?.device ?? CPU;
        }
    }

    /// <summary>
    /// The training loss of a batch (a scalar). Default: <see cref="NextItemLoss"/> of the scores, the cross-entropy
    /// over all N items. Must not read device memory (see the remarks on the class).
    /// </summary>
    /// <param name="batch">The batch (on <see cref="Device"/>).</param>
    /// <param name="step">Where the step is in the run: a sampled loss draws its samples from it.</param>
    public virtual Tensor Loss(SessionBatch batch, TrainingStepContext step)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        return NextItemLoss.Compute(forward(batch), batch.Targets).MoveToOuterDisposeScope();
    }

    /// <summary>The loss of a batch outside training (a sampled loss draws the samples of step 0 of epoch 0,
    /// seed 0).</summary>
    public Tensor Loss(SessionBatch batch) => Loss(batch, default);

    /// <summary>
    /// Called by the trainer, before its first step (and again when a run is resumed), with the examples it trains
    /// on: the batches' <see cref="SessionBatch.ExampleIndices"/> index this set. A model whose loss needs more than
    /// the batch keeps what it needs here (BPR-MF and FPMC: the training session of each example, their "users").
    /// Default: nothing.
    /// </summary>
    /// <param name="train">The training examples, in the reference order (sessions recoverable with
    /// <see cref="SessionDataset.SessionStarts"/>).</param>
    /// <exception cref="ArgumentException">The set does not fit the model (e.g. another number of sessions).</exception>
    public virtual void BindTrainingSet(SessionDataset train) => ArgumentNullException.ThrowIfNull(train);

    /// <summary>
    /// Sets every parameter (and buffer) to its initial value, as a pure function of <paramref name="seed"/> (a
    /// private generator: the global torch seed is untouched). <see cref="ModelSpec.Build"/> calls it on the CPU,
    /// before moving the model to its device, so a seed gives the same weights on every device.
    /// </summary>
    public abstract void Initialize(long seed);

    /// <summary>
    /// The named tensors a checkpoint saves and restores, in a stable order (the model's own tensors, not copies).
    /// Default: every parameter, then every buffer, under their module names.
    /// </summary>
    public virtual IReadOnlyList<(string Name, Tensor Tensor)> CheckpointTensors() =>
    [
        .. named_parameters().Select(p => (p.name, (Tensor)p.parameter)),
        .. named_buffers().Select(b => (b.name, b.buffer)),
    ];

    /// <summary>
    /// Fills every tensor of <see cref="CheckpointTensors"/>, in order, from U(-<paramref name="bound"/>,
    /// <paramref name="bound"/>) drawn from one generator seeded with <paramref name="seed"/> on the model's device.
    /// </summary>
    protected void InitializeUniform(long seed, double bound)
    {
        using var generator = new Generator((ulong)seed, Device);
        using (no_grad())
        {
            foreach (var (_, tensor) in CheckpointTensors())
            {
                // Tensor.uniform_, not nn.init.uniform_: TorchSharp 0.107's nn.init.uniform_ ignores its generator.
                tensor.uniform_(-bound, bound, generator);
            }
        }
    }

    /// <summary>Throws when <paramref name="batch"/> is not on the model's device.</summary>
    /// <exception cref="ArgumentException">The batch lives on another device.</exception>
    protected void CheckDevice(SessionBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var device = Device;
        if (batch.Items.device_type != device.type || batch.Items.device_index != device.index)
            throw new ArgumentException($"The batch is on {batch.Device}, the model on {device}: create batches on the model's device.", nameof(batch));
    }
}
