using Tagnn.Data;
using Tagnn.Graphs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tagnn.Model.Baselines;

/// <summary>
/// The base of the factor models trained with BPR and the training sessions as users (<see cref="BprMf"/>,
/// <see cref="Fpmc"/>): one factor row per training session. How many sessions there are is a property of the training
/// set, not of the model's specification, so the session table is made when the model is bound to its training set
/// (<see cref="BindTrainingSet"/>, which the trainer calls before its first step, and again on resume); binding also
/// tells the loss each example's session. Predictions never use the session rows (a test session is not a training
/// session), so a model loaded to score needs no binding.
/// </summary>
public abstract class SessionFactorModel : SessionRecommender
{
    private readonly string tableName;
    private readonly int width;
    private Embedding? table;
    private long seed;
    private SessionDataset? trainingSet;
    private int[]? sessionOfExample;

    /// <summary>Creates the module (without its session table).</summary>
    /// <param name="name">The module's name.</param>
    /// <param name="spec">Its specification (validated).</param>
    /// <param name="tableName">The session table's module name (its weight is <c>{tableName}.weight</c>).</param>
    /// <param name="width">d: the session factors' width.</param>
    protected SessionFactorModel(string name, ModelSpec spec, string tableName, int width) : base(name, spec)
    {
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        this.tableName = tableName;
        this.width = width;
    }

    /// <summary>S: rows of the session table (the bound training set's sessions), 0 before binding.</summary>
    public int Sessions => table is null ? 0 : (int)table.weight!.shape[0];

    /// <summary>Whether a training set is bound (the loss can be computed).</summary>
    public bool IsBound => sessionOfExample is not null;

    /// <summary>
    /// Keeps <paramref name="train"/> and the session of each of its examples (sessions numbered 0..S-1 in the set's
    /// order, <see cref="SessionDataset.SessionStarts"/>), and makes the session table of S rows the first time,
    /// initialised U(-0.05, 0.05) as a pure function of the seed of <see cref="SessionRecommender.Initialize"/> (on the
    /// CPU, then moved to the model's device and dtype).
    /// </summary>
    /// <exception cref="ArgumentException">The model already has a session table of another size.</exception>
    public override void BindTrainingSet(SessionDataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var starts = train.SessionStarts();
        if (table is not null && Sessions != starts.Count)
            throw new ArgumentException($"{Spec.Name} already has {Sessions:N0} session rows but this training set has {starts.Count:N0} sessions: " +
                "a model trains on one training set (build a new one for another).", nameof(train));
        var map = new int[train.Count];
        for (var s = 0; s < starts.Count; s++)
        {
            var end = s + 1 < starts.Count ? starts[s + 1] : train.Count;
            map.AsSpan(starts[s], end - starts[s]).Fill(s);
        }
        if (table is null) CreateTable(starts.Count);
        trainingSet = train;
        sessionOfExample = map;
    }

    /// <summary>
    /// The rows (P, d) of the session table for the session ids <paramref name="sessions"/> (P). The table's
    /// gradient is sparse (only these rows); before the first backward pass the table gets a dense zero gradient, into
    /// which autograd adds the sparse rows in place (and which the optimiser zeroes in place), so a step costs
    /// O(P x d) for the table, never an S x d temporary (S is 186,670 on Diginetica: 75 MB a copy), and the optimiser
    /// sees a dense gradient as for every other parameter.
    /// </summary>
    protected Tensor SessionRows(Tensor sessions)
    {
        var bound = table ?? throw Unbound();
        var weight = bound.weight!;
        using (var grad = weight.grad)
        {
            if (grad is null && weight.requires_grad && is_grad_enabled())
            {
                using var noGrad = no_grad();
                using var buffer = zeros_like(weight);
                weight.grad = buffer;
            }
        }
        return SparseRows.apply(weight, sessions);
    }

    /// <summary>The session table's weight (S, d), for tests and analyses.</summary>
    /// <exception cref="InvalidOperationException">No training set is bound.</exception>
    public Tensor SessionFactors => table?.weight ?? throw Unbound();

    /// <summary>Remembers <paramref name="seed"/> for the session table (made at binding) and re-initialises it when
    /// it exists. Subclasses call it from <see cref="SessionRecommender.Initialize"/>.</summary>
    protected void InitializeSessions(long seed)
    {
        this.seed = seed;
        if (table is null) return;
        using var generator = new Generator(SessionSeed(seed), table.weight!.device);
        using var noGrad = no_grad();
        table.weight!.uniform_(-InitScale, InitScale, generator);
    }

    /// <summary>The half-width of the uniform initialisation of every factor (GRU4Rec's BPR-MF baseline: sigma 0.05,
    /// uniform).</summary>
    public const double InitScale = 0.05;

    /// <summary>
    /// The bound training set and the session of each of its examples, after checking on the host that
    /// <paramref name="batch"/> comes from it (example indices in range, prefix lengths equal).
    /// </summary>
    /// <exception cref="InvalidOperationException">No training set is bound.</exception>
    /// <exception cref="ArgumentException">The batch's examples are not the bound set's.</exception>
    protected (SessionDataset Train, int[] SessionOf) BoundExamples(SessionBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (trainingSet is null || sessionOfExample is null) throw Unbound();
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

    /// <summary>A host array as an int64 tensor on the model's device.</summary>
    protected static Tensor OnDevice(long[] values, Device device) =>
        HostTensors.Create<long>(values, [values.Length], ScalarType.Int64, device);

    private void CreateTable(int sessions)
    {
        var device = Device;
        var dtype = parameters().First().dtype;
        var created = nn.Embedding(sessions, width);                            // its weight is the table; looked up by SparseRows
        using (var generator = new Generator(SessionSeed(seed), CPU))
        using (no_grad())
        {
            created.weight!.uniform_(-InitScale, InitScale, generator);
        }
        if (dtype != created.weight!.dtype) created.to(dtype);
        if (device.type != DeviceType.CPU) created.to(device);
        register_module(tableName, created);
        table = created;
    }

    // The session table's own generator seed: a fixed mix of the model's seed (its other tensors use the seed itself).
    private static ulong SessionSeed(long seed) => unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + 0x5E5510_4E5UL);

    private InvalidOperationException Unbound() => new(
        $"{Spec.Name} is trained on (session, item) pairs and needs the training sessions: the trainer binds them " +
        "(BindTrainingSet) before its first step; call BindTrainingSet(train) before computing a loss yourself.");
}
