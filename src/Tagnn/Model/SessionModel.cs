using Tagnn.Graphs;
using Tagnn.IO;
using Tagnn.Model.Parts;
using Tagnn.Model.Scoring;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>
/// TAGNN and SR-GNN: a session-graph recommender assembled from parts: item embedding -> <see cref="GatedGraphCell"/>
/// (Eq. 1-5) -> position states -> <see cref="SessionReadout"/> (Eq. 8-9) -> <see cref="SessionCombiner"/> (the
/// code's sum form or Eq. 10) -> optional <see cref="TargetAttention"/> (Eq. 6-7) -> <see cref="ITargetScorer"/>
/// (Section 2.5: z_t = v_t . s_t) -> <see cref="NextItemLoss"/> (Section 2.5). TAGNN and SR-GNN are two assemblies
/// (<see cref="ModelConfig.ForTagnn"/>, <see cref="ModelConfig.ForSrGnn"/>, <see cref="ModelFactory"/>); swap a part
/// by passing another one to the constructor (<see cref="SessionParts"/>: each part has a small interface in
/// <c>Tagnn.Model.Parts</c>; <see cref="Variants.VariantSpec"/> records a variant), or another scorer through
/// <see cref="Scorer"/>.
/// </summary>
/// <remarks>
/// <para>Scores are over items 1..N (column j is item j + 1; item 0 is never a candidate); the candidates are the raw
/// embedding rows 1..N, as in the reference. Parameters carry the reference's names (see
/// <see cref="ReferenceTensors"/>), so weights move to and from the authors' PyTorch code as safetensors.</para>
/// <para>Every tensor the forward pass creates is created on the device of the model's parameters, and the forward
/// pass reads no device memory: per-batch constants come from the batch's host arrays.</para>
/// </remarks>
public sealed partial class SessionModel : SessionRecommender
{
    // Component names whose prefix the reference's flat naming omits (for the library's own parts only).
    private static readonly string[] FlatComponents = ["readout.", "combiner.", "target_attention."];

    // The reference's parameter order (its module registration order); other names follow in registration order.
    private static readonly string[] ReferenceOrder =
    [
        "embedding.weight", "gnn.w_ih", "gnn.w_hh", "gnn.b_ih", "gnn.b_hh", "gnn.b_iah", "gnn.b_oah",
        "gnn.linear_edge_in.weight", "gnn.linear_edge_in.bias", "gnn.linear_edge_out.weight", "gnn.linear_edge_out.bias",
        "gnn.linear_edge_f.weight", "gnn.linear_edge_f.bias", "linear_one.weight", "linear_one.bias",
        "linear_two.weight", "linear_two.bias", "linear_three.weight", "linear_transform.weight",
        "linear_transform.bias", "linear_t.weight",
    ];

    private readonly Embedding? embedding;          // the built-in table, or null when a variant replaces it
    private readonly IItemEmbedding itemEmbedding;
    private readonly IGraphEncoder gnn;
    private readonly ISessionReadout readout;
    private readonly ISessionCombiner combiner;
    private readonly ITargetAttention? targetAttention;
    private readonly string[] flatComponents;       // prefixes dropped from reference names (built-in parts only)
    private FusedTargetScorer? ownedScorer; // the default scorer, created (and disposed) by this model

    /// <summary>Assembles a model from its parts (use <see cref="ModelFactory.Create(ModelConfig, long, TorchSharp.torch.Device?)"/> for the published ones).</summary>
    /// <param name="config">The configuration the parts were built for (recorded; its formulation decides the
    /// padding semantics).</param>
    /// <param name="gnn">The gated graph cell.</param>
    /// <param name="readout">The session readout.</param>
    /// <param name="combiner">How the parts combine.</param>
    /// <param name="targetAttention">Target attention, or null (SR-GNN).</param>
    /// <param name="scorer">The candidate scorer; a <see cref="FusedTargetScorer"/> with default options when null.</param>
    public SessionModel(ModelConfig config, GatedGraphCell gnn, SessionReadout readout, SessionCombiner combiner,
        TargetAttention? targetAttention, ITargetScorer? scorer = null)
        : this(config, new SessionParts
        {
            GraphEncoder = gnn ?? throw new ArgumentNullException(nameof(gnn)),
            Readout = readout ?? throw new ArgumentNullException(nameof(readout)),
            Combiner = combiner ?? throw new ArgumentNullException(nameof(combiner)),
            TargetAttention = targetAttention,
            Scorer = scorer,
        })
    {
    }

    /// <summary>Assembles a model from parts, built-in or a variant's (each a TorchSharp <c>nn.Module</c> implementing
    /// its interface; registered as <c>embedding</c>, <c>gnn</c>, <c>readout</c>, <c>combiner</c>,
    /// <c>target_attention</c>, so <c>to(device)</c>, the optimiser and checkpoints see their parameters).</summary>
    /// <param name="config">The configuration the parts were built for (its formulation decides the padding
    /// semantics; d and the item table size the built-in embedding).</param>
    /// <param name="parts">The parts.</param>
    /// <param name="spec">What the model is (recorded in run folders); default <paramref name="config"/>. A variant
    /// passes its <see cref="Variants.VariantSpec"/>.</param>
    /// <exception cref="ArgumentException">A part is not an <c>nn.Module</c>, or the combiner has no target part
    /// while a target attention is given.</exception>
    public SessionModel(ModelConfig config, SessionParts parts, ModelSpec? spec = null) : base(nameof(SessionModel), spec ?? config)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(parts);
        Config = config;
        if (parts.Embedding is null)
        {
            embedding = nn.Embedding(config.ItemTableSize, config.HiddenSize);
            itemEmbedding = new TableEmbedding(embedding);
        }
        else itemEmbedding = parts.Embedding;
        gnn = parts.GraphEncoder ?? throw new ArgumentException("The parts lack a graph encoder.", nameof(parts));
        readout = parts.Readout ?? throw new ArgumentException("The parts lack a readout.", nameof(parts));
        combiner = parts.Combiner ?? throw new ArgumentException("The parts lack a combiner.", nameof(parts));
        targetAttention = parts.TargetAttention;
        ownedScorer = parts.Scorer is null ? new FusedTargetScorer() : null;
        Scorer = parts.Scorer ?? ownedScorer!;
        register_module("embedding", embedding ?? PartModule(parts.Embedding!, "item embedding"));
        register_module("gnn", PartModule(gnn, "graph encoder"));
        register_module("readout", PartModule(readout, "readout"));
        register_module("combiner", PartModule(combiner, "combiner"));
        if (targetAttention is not null) register_module("target_attention", PartModule(targetAttention, "target attention"));
        // A part of this library keeps the reference's flat names (linear_one, ...); a variant's part keeps its prefix,
        // so its parameters cannot collide with the reference names or with another part's.
        var library = typeof(SessionModel).Assembly;
        flatComponents = [.. FlatComponents.Where(prefix => prefix switch
        {
            "readout." => readout.GetType().Assembly == library,
            "combiner." => combiner.GetType().Assembly == library,
            _ => targetAttention?.GetType().Assembly == library,
        })];
    }

    /// <summary>The configuration the model was built from.</summary>
    public ModelConfig Config { get; }

    /// <summary>The built-in item table (n + 1, d); row 0 is the padding item.</summary>
    /// <exception cref="InvalidOperationException">A variant replaced the item embedding (see <see cref="Parts"/>).</exception>
    public Embedding Embedding => embedding ?? throw Replaced("item embedding", nameof(Embedding));

    /// <summary>The built-in gated graph cell (Eq. 1-5).</summary>
    /// <exception cref="InvalidOperationException">A variant replaced the graph encoder (see <see cref="Parts"/>).</exception>
    public GatedGraphCell Gnn => gnn as GatedGraphCell ?? throw Replaced("graph encoder", nameof(Gnn));

    /// <summary>The built-in session readout (Eq. 8-9 or a Figure 2 variant).</summary>
    /// <exception cref="InvalidOperationException">A variant replaced the readout (see <see cref="Parts"/>).</exception>
    public SessionReadout Readout => readout as SessionReadout ?? throw Replaced("readout", nameof(Readout));

    /// <summary>The built-in combiner of readout parts and the target part.</summary>
    /// <exception cref="InvalidOperationException">A variant replaced the combiner (see <see cref="Parts"/>).</exception>
    public SessionCombiner Combiner => combiner as SessionCombiner ?? throw Replaced("combiner", nameof(Combiner));

    /// <summary>The built-in target attention (Eq. 6-7), or null when the model has none.</summary>
    /// <exception cref="InvalidOperationException">A variant replaced the target attention (see <see cref="Parts"/>).</exception>
    public TargetAttention? TargetAttention => targetAttention is null ? null
        : targetAttention as TargetAttention ?? throw Replaced("target attention", nameof(TargetAttention));

    /// <summary>Whether the model has a target attention (built-in or a variant's).</summary>
    public bool HasTargetAttention => targetAttention is not null;

    /// <summary>The model's parts, as their interfaces (the built-in embedding as a <see cref="TableEmbedding"/>).</summary>
    public SessionParts Parts => new()
    {
        Embedding = itemEmbedding,
        GraphEncoder = gnn,
        Readout = readout,
        Combiner = combiner,
        TargetAttention = targetAttention,
        Scorer = scorer,
    };

    /// <summary>
    /// Scores a keyed target attention (<see cref="IKeyedTargetAttention"/>, the built-in one included) on the
    /// generic path (<see cref="GenericScorer"/>) instead of <see cref="Scorer"/>: the same function, slower; for tests
    /// and benchmarks. A target attention that is not keyed always takes the generic path.
    /// </summary>
    public bool ForceGenericTargetPath { get; set; }

    /// <summary>The exact, memory-bounded scorer of a target attention that the fused scorer cannot run (chunked over
    /// items; see <see cref="ChunkedTargetScorer"/>). Replaceable, e.g. for another chunk size.</summary>
    public ChunkedTargetScorer GenericScorer
    {
        get => genericScorer;
        set => genericScorer = value ?? throw new ArgumentNullException(nameof(value));
    }

    private ChunkedTargetScorer genericScorer = new();

    /// <summary>The candidate scorer used when target attention is on (replaceable; a scorer passed in stays the
    /// caller's to dispose, the default one is the model's).</summary>
    public ITargetScorer Scorer
    {
        get => scorer;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (ownedScorer is not null && !ReferenceEquals(value, ownedScorer))
            {
                ownedScorer.Dispose(); // frees its scratch buffers
                ownedScorer = null;
            }
            scorer = value;
        }
    }

    private ITargetScorer scorer = null!;

    /// <summary>The device of the model's parameters.</summary>
    public override Device Device
    {
        get
        {
            using var scope = NewDisposeScope(); // the weight getter wraps a new tensor handle each time
            return embedding is not null ? embedding.weight!.device : base.Device;
        }
    }

    /// <summary>The candidate embeddings E (N, d): item table rows 1..N (a view).</summary>
    public Tensor Candidates() => itemEmbedding.Table().narrow(0, 1, ItemCount);

    /// <summary>Scores (B, N) of every candidate for every example of <paramref name="batch"/>.</summary>
    public override Tensor forward(SessionBatch batch)
    {
        using var scope = NewDisposeScope();
        return Score(Encode(batch)).MoveToOuterDisposeScope();
    }

    /// <summary>Runs everything up to the candidates: GNN, readout, session vector, target-attention keys.</summary>
    public SessionEncoding Encode(SessionBatch batch)
    {
        CheckDevice(batch);
        using var scope = NewDisposeScope();
        var d = Config.HiddenSize;
        var mask = batch.Mask;                                                                  // (B, L)
        var table = itemEmbedding.Table();                                                      // (n + 1, d)
        var h0 = EmbeddingLookup.Rows(table, batch.Items);                                      // (B, n, d)
        var nodes = gnn.Encode(batch.Adjacency, h0);                                            // (B, n, d)  Eq. 1-5
        var hs = nodes.gather(1, batch.Alias.unsqueeze(2).expand(-1, -1, d));                   // (B, L, d)
        var lastIndex = (batch.Lengths - 1).view(-1, 1, 1).expand(-1, 1, d);                    // (B, 1, d)
        var last = hs.gather(1, lastIndex).squeeze(1);                                          // (B, d)  s_local
        var padding = Padding(batch, table);
        var parts = readout.Read(new ReadoutInput(hs, mask, last, padding));
        var session = combiner.SessionVector(parts);                                            // (B, d)
        Tensor? keys = null, values = null;
        TargetPositions? target = null;
        TargetAttentionInput? generic = null;
        if (targetAttention is not null)
        {
            var hm = hs * mask.unsqueeze(2);                                                    // (B, L, d)
            if (targetAttention is IKeyedTargetAttention keyed && !ForceGenericTargetPath)
            {
                keys = keyed.Keys(hm);                                                          // (B, L, d)  Eq. 6
                values = combiner.TargetValues(hm);                                             // (B, L, d)  Eq. 7, 10
                target = TargetAttend(batch, padding);
            }
            else
            {
                target = TargetAttend(batch, padding);
                generic = new TargetAttentionInput(hm, mask.alias(), target.Attend, target.VirtualCount, batch.Lengths.alias());
            }
        }
        var encoding = new SessionEncoding(nodes, hs, mask.alias(), last, parts, session, keys, values, padding)
        {
            Alias = batch.Alias.alias(),
            Target = target,
            TargetInput = generic,
        };
        MoveOut(encoding);
        return encoding;
    }

    /// <summary>Scores (B, N) of every candidate (column j = item j + 1) from an encoding: z_t = v_t . s_t
    /// (Section 2.5), with s_t's target part from the target attention (Eq. 6-7) when the model has one.</summary>
    public Tensor Score(SessionEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        using var scope = NewDisposeScope();
        var candidates = Candidates();                                                          // (N, d)
        Tensor scores;
        if (encoding.TargetInput is { } generic)
        {
            if (targetAttention is null) throw new ArgumentException("The encoding has target-attention inputs, the model no target attention.", nameof(encoding));
            scores = encoding.Session.mm(candidates.t())                                        // (B, N)   v_t . session
                + GenericScorer.Score(targetAttention, combiner, generic, candidates, GenericParameters()); // (B, N)  v_t . TargetValues(s_target^t)
        }
        else if (encoding.Keys is null) scores = encoding.Session.mm(candidates.t());           // (B, N)
        else
        {
            var target = encoding.Target
                ?? throw new ArgumentException("The encoding lacks its target-attention positions: score encodings made by Encode.", nameof(encoding));
            scores = Scorer.Score(new TargetScorerInput(encoding.Keys, encoding.Values!, target.Attend, target.VirtualCount,
                encoding.Session, candidates) { Groups = encoding.Alias, Host = target.Host });  // (B, N)
        }
        return scores.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Which positions beta attends, and how many virtual ones. A padded position has key 0 and value 0 exactly
    /// (its state is masked to 0 and neither W nor the target part of W3 has a bias), which is what a virtual
    /// position is: attended padding (the reference formulation on a dataset-padded batch) is passed as a count, so the
    /// scorer's cost does not grow with the padding length. Scores and the gradients of every parameter are unchanged.
    /// Whether the batch attends padding is decided from its host arrays (no device read), and the host copies the
    /// scorer plans with are made from them.
    /// </summary>
    private TargetPositions TargetAttend(SessionBatch batch, SoftmaxPadding padding)
    {
        // Attended padding exists only in the reference formulation on a dataset-padded batch (Attend = 1 everywhere)
        // holding a session shorter than the batch; otherwise Attend is the mask or all-ones on a batch without padding.
        var attendsPadding = Config.Formulation == Formulation.Reference && batch.IsDatasetPadded && batch.HasPadding;
        Tensor attend, virtualCount;
        if (!attendsPadding)
        {
            attend = padding.Attend.alias();                                                    // (B, L)
            return new TargetPositions(attend, padding.VirtualCount?.alias(), HostPositions(batch, padding.VirtualCount is not null));
        }
        var padded = (padding.Attend * (1 - batch.Mask)).sum(1);                                // (B) attended padding
        virtualCount = padding.VirtualCount is null ? padded : padding.VirtualCount + padded;
        attend = padding.Attend * batch.Mask;                                                   // (B, L)
        return new TargetPositions(attend, virtualCount, HostPositions(batch, withVirtualCount: true));
    }

    // The host copies of what TargetAttend passes: beta attends exactly the real positions in every case (the mask;
    // all-ones only on a batch without padding, where it is the mask too), with PadLength - length virtual positions
    // when there are any (per-batch padding: the padding's analytic share; dataset padding: the padding attended).
    private static TargetScorerHostInput HostPositions(SessionBatch batch, bool withVirtualCount)
    {
        float[]? counts = null;
        if (withVirtualCount)
        {
            counts = new float[batch.Count];
            for (var b = 0; b < counts.Length; b++) counts[b] = batch.PadLength - batch.HostLengths[b];
        }
        return new TargetScorerHostInput(batch.HostMask, batch.HostAlias, counts);
    }

    /// <inheritdoc />
    /// <remarks>As the reference's <c>reset_parameters</c>: every reference tensor (parameters and the unused
    /// buffers), in the reference's order, from U(-1/sqrt(d), 1/sqrt(d)).</remarks>
    public override void Initialize(long seed) => InitializeUniform(seed, 1.0 / Math.Sqrt(Config.HiddenSize));

    /// <inheritdoc />
    /// <remarks>The reference tensors under the reference's names (<see cref="ReferenceTensors"/>), so a checkpoint's
    /// model is the authors' <c>state_dict</c>.</remarks>
    public override IReadOnlyList<(string Name, Tensor Tensor)> CheckpointTensors() => ReferenceTensors();

    /// <summary>
    /// Target-attention weights beta (Eq. 6) of chosen candidates: how much each click of the session counts for
    /// each candidate (TAGNN's explanation).
    /// </summary>
    /// <param name="encoding">From <see cref="Encode"/>.</param>
    /// <param name="candidateItems">(B, K) int64: item ids (1..N) of the candidates to explain.</param>
    /// <returns>(B, K, L), 0 on padding positions.</returns>
    public Tensor TargetAttentionWeights(SessionEncoding encoding, Tensor candidateItems)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        if (targetAttention is null) throw new InvalidOperationException("This model has no target attention.");
        if (encoding.Keys is null)
            throw new NotSupportedException($"The target attention {targetAttention.GetType().Name} is not keyed (IKeyedTargetAttention): it has no beta of Eq. 6 to show.");
        using var scope = NewDisposeScope();
        var candidates = EmbeddingLookup.Rows(itemEmbedding.Table(), candidateItems);            // (B, K, d)
        return Model.TargetAttention.Weights(encoding.Keys, candidates, encoding.Padding, encoding.Mask).MoveToOuterDisposeScope();
    }

    /// <summary>How the softmaxes over positions count padding for this batch (see <see cref="SoftmaxPadding"/>).</summary>
    private SoftmaxPadding Padding(SessionBatch batch, Tensor table)
    {
        if (Config.Formulation != Formulation.Reference) return new SoftmaxPadding(batch.Mask.alias(), null, null);
        if (batch.IsDatasetPadded) return new SoftmaxPadding(ones_like(batch.Mask), null, null); // literally the code
        // Per-batch padding: the dataset-wide padding's share is added analytically.
        var count = (batch.PadLength - batch.Lengths).to(ScalarType.Float32);                   // (B)
        var padState = Config.GlobalSoftmax
            ? gnn.EdgelessState(table.select(0, 0))                                              // h_pad (d)
            : null;
        return new SoftmaxPadding(batch.Mask.alias(), count, padState);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ownedScorer?.Dispose();
            ownedScorer = null;
        }
        base.Dispose(disposing);
    }

    // The parameters the generic path's recomputation differentiates: the target attention's and the combiner's.
    private List<Tensor> GenericParameters() =>
    [
        .. ((nn.Module)targetAttention!).parameters().Where(p => p.requires_grad),
        .. ((nn.Module)combiner).parameters().Where(p => p.requires_grad),
    ];

    private static nn.Module PartModule(object part, string role) => part as nn.Module ?? throw new ArgumentException(
        $"The {role} part {part.GetType().FullName} is not a TorchSharp nn.Module: derive it from nn.Module (or nn.Module<...>) " +
        "and register its parameters, so the optimiser, to(device) and checkpoints see them.");

    private InvalidOperationException Replaced(string role, string property) => new(
        $"This model's {role} is a variant's part ({role switch
        {
            "item embedding" => itemEmbedding.GetType().FullName,
            "graph encoder" => gnn.GetType().FullName,
            "readout" => readout.GetType().FullName,
            "combiner" => combiner.GetType().FullName,
            _ => targetAttention?.GetType().FullName,
        }}), not the built-in one {property} returns: use Parts.");

    private static void MoveOut(SessionEncoding e)
    {
        foreach (var t in new[] { e.NodeStates, e.PositionStates, e.Mask, e.Last, e.Session, e.Keys, e.Values, e.Alias,
                     e.Readout.Local, e.Readout.Global, e.Readout.Alpha, e.Padding.Attend, e.Padding.VirtualCount, e.Padding.PadState,
                     e.Target?.Attend, e.Target?.VirtualCount, e.TargetInput?.States, e.TargetInput?.Mask, e.TargetInput?.Lengths })
        {
            t?.MoveToOuterDisposeScope();
        }
    }
}
