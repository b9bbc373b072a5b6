using Tagnn.Data;
using Tagnn.Graphs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tagnn.Model.Baselines;

/// <summary>
/// The base of the factor models trained with BPR and the training sessions as users (<see cref="BprMf"/>,
/// <see cref="Fpmc"/>): one factor row per training session, which the loss needs for every example, so the model is
/// bound to its training set (<see cref="BindTrainingSet"/>, which the trainer calls) to know each example's session.
/// Predictions never use the session rows: a test session is not a training session.
/// </summary>
public abstract class SessionFactorModel : SessionRecommender
{
    private SessionDataset? trainingSet;
    private int[]? sessionOfExample;

    /// <summary>Creates the module.</summary>
    /// <param name="name">The module's name.</param>
    /// <param name="spec">Its specification (validated).</param>
    /// <param name="sessions">Rows of the session table: the training sessions.</param>
    protected SessionFactorModel(string name, ModelSpec spec, int sessions) : base(name, spec)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sessions, 1);
        Sessions = sessions;
    }

    /// <summary>S: the number of training sessions (rows of the session factors).</summary>
    public int Sessions { get; }

    /// <summary>Whether a training set is bound (the loss can be computed).</summary>
    public bool IsBound => sessionOfExample is not null;

    /// <summary>
    /// Keeps <paramref name="train"/> and the session of each of its examples (sessions numbered in the set's order,
    /// <see cref="SessionDataset.SessionStarts"/>): the rows of the session factors.
    /// </summary>
    /// <exception cref="ArgumentException">The set does not have <see cref="Sessions"/> sessions.</exception>
    public override void BindTrainingSet(SessionDataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var starts = train.SessionStarts();
        if (starts.Count != Sessions)
            throw new ArgumentException($"{Spec.Name} has {Sessions:N0} session factors but the training set has {starts.Count:N0} sessions: " +
                "build its specification from the same training examples (NeuralBaselines.Default(name, itemTableSize, train)).", nameof(train));
        var map = new int[train.Count];
        for (var s = 0; s < starts.Count; s++)
        {
            var end = s + 1 < starts.Count ? starts[s + 1] : train.Count;
            map.AsSpan(starts[s], end - starts[s]).Fill(s);
        }
        trainingSet = train;
        sessionOfExample = map;
    }

    /// <summary>
    /// The bound training set and the session of each of its examples, after checking on the host that
    /// <paramref name="batch"/> comes from it (example indices in range, prefix lengths equal).
    /// </summary>
    /// <exception cref="InvalidOperationException">No training set is bound.</exception>
    /// <exception cref="ArgumentException">The batch's examples are not the bound set's.</exception>
    protected (SessionDataset Train, int[] SessionOf) BoundExamples(SessionBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (trainingSet is null || sessionOfExample is null)
            throw new InvalidOperationException($"{Spec.Name} is trained on (session, item) pairs and needs the training sessions: " +
                "the trainer binds them (BindTrainingSet) before its first step; call BindTrainingSet(train) before computing a loss yourself.");
        var lengths = batch.LengthsOnHost;
        for (var b = 0; b < batch.Count; b++)
        {
            var e = batch.ExampleIndices[b];
            if (e < 0 || e >= trainingSet.Count || trainingSet.PrefixLength(e) != lengths[b])
                throw new ArgumentException($"Example {b} of the batch (index {e}, {lengths[b]} clicks) is not example {e} of the bound training set: " +
                    "batch the set given to BindTrainingSet.", nameof(batch));
        }
        return (trainingSet, sessionOfExample);
    }

    /// <summary>
    /// A session table: S rows of d factors, an embedding whose gradient is sparse (the rows of the batch's sessions).
    /// <see cref="SessionRows"/> accumulates it into a dense gradient buffer kept from step to step, so a step costs
    /// O(batch x d) for the table, never an S x d temporary (S is 186,670 on Diginetica: 75 MB per copy).
    /// </summary>
    protected static Embedding SessionTable(int sessions, int d) => nn.Embedding(sessions, d, sparse: true);

    /// <summary>
    /// The rows (P, d) of <paramref name="table"/> for the session ids <paramref name="sessions"/> (P). Before the
    /// first backward pass it gives the table a dense zero gradient, into which autograd then adds the sparse row
    /// gradients in place (and which the optimiser zeroes in place), so the optimiser sees a dense gradient as for
    /// every other parameter.
    /// </summary>
    protected static Tensor SessionRows(Embedding table, Tensor sessions)
    {
        ArgumentNullException.ThrowIfNull(table);
        var weight = table.weight!;
        using (var grad = weight.grad)
        {
            if (grad is null && weight.requires_grad && is_grad_enabled())
            {
                using var noGrad = no_grad();
                using var buffer = zeros_like(weight);
                weight.grad = buffer;
            }
        }
        return table.call(sessions);
    }

    /// <summary>A host array as an int64 tensor on the model's device.</summary>
    protected static Tensor OnDevice(long[] values, Device device) =>
        HostTensors.Create<long>(values, [values.Length], ScalarType.Int64, device);
}
