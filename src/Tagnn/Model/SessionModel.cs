using Tagnn.Graphs;
using Tagnn.IO;
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
/// by passing another one to the constructor, or another scorer through <see cref="Scorer"/>.
/// </summary>
/// <remarks>
/// <para>Scores are over items 1..N (column j is item j + 1; item 0 is never a candidate); the candidates are the raw
/// embedding rows 1..N, as in the reference. Parameters carry the reference's names (see
/// <see cref="ReferenceTensors"/>), so weights move to and from the authors' PyTorch code as safetensors.</para>
/// <para>Every tensor the forward pass creates is created on the device of the model's parameters, and the forward
/// pass reads no device memory: per-batch constants come from the batch's host arrays.</para>
/// </remarks>
public sealed class SessionModel : SessionRecommender
{
    // Component names whose prefix the reference's flat naming omits.
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

    private readonly Embedding embedding;
    private FusedTargetScorer? ownedScorer; // the default scorer, created (and disposed) by this model

    /// <summary>Assembles a model from its parts (use <see cref="ModelFactory.Create"/> for the published ones).</summary>
    /// <param name="config">The configuration the parts were built for (recorded; its formulation decides the
    /// padding semantics).</param>
    /// <param name="gnn">The gated graph cell.</param>
    /// <param name="readout">The session readout.</param>
    /// <param name="combiner">How the parts combine.</param>
    /// <param name="targetAttention">Target attention, or null (SR-GNN).</param>
    /// <param name="scorer">The candidate scorer; a <see cref="FusedTargetScorer"/> with default options when null.</param>
    public SessionModel(ModelConfig config, GatedGraphCell gnn, SessionReadout readout, SessionCombiner combiner,
        TargetAttention? targetAttention, ITargetScorer? scorer = null) : base(nameof(SessionModel), config)
    {
        Config = config;
        embedding = nn.Embedding(config.ItemTableSize, config.HiddenSize);
        Gnn = gnn ?? throw new ArgumentNullException(nameof(gnn));
        Readout = readout ?? throw new ArgumentNullException(nameof(readout));
        Combiner = combiner ?? throw new ArgumentNullException(nameof(combiner));
        TargetAttention = targetAttention;
        ownedScorer = scorer is null ? new FusedTargetScorer() : null;
        Scorer = scorer ?? ownedScorer!;
        register_module("embedding", embedding);
        register_module("gnn", Gnn);
        register_module("readout", Readout);
        register_module("combiner", Combiner);
        if (TargetAttention is not null) register_module("target_attention", TargetAttention);
    }

    /// <summary>The configuration the model was built from.</summary>
    public ModelConfig Config { get; }

    /// <summary>The item table (n + 1, d); row 0 is the padding item.</summary>
    public Embedding Embedding => embedding;

    /// <summary>The gated graph cell (Eq. 1-5).</summary>
    public GatedGraphCell Gnn { get; }

    /// <summary>The session readout (Eq. 8-9 or a Figure 2 variant).</summary>
    public SessionReadout Readout { get; }

    /// <summary>How readout parts and the target part combine.</summary>
    public SessionCombiner Combiner { get; }

    /// <summary>Target attention (Eq. 6-7), or null.</summary>
    public TargetAttention? TargetAttention { get; }

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
            return embedding.weight!.device;
        }
    }

    /// <summary>The candidate embeddings E (N, d): item table rows 1..N (a view).</summary>
    public Tensor Candidates() => embedding.weight!.narrow(0, 1, ItemCount);

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
        var h0 = EmbeddingLookup.Rows(embedding.weight!, batch.Items);                          // (B, n, d)
        var nodes = Gnn.call(batch.Adjacency, h0);                                              // (B, n, d)  Eq. 1-5
        var hs = nodes.gather(1, batch.Alias.unsqueeze(2).expand(-1, -1, d));                   // (B, L, d)
        var lastIndex = (batch.Lengths - 1).view(-1, 1, 1).expand(-1, 1, d);                    // (B, 1, d)
        var last = hs.gather(1, lastIndex).squeeze(1);                                          // (B, d)  s_local
        var padding = Padding(batch);
        var readout = Readout.call(new ReadoutInput(hs, mask, last, padding));
        var session = Combiner.SessionVector(readout);                                          // (B, d)
        Tensor? keys = null, values = null;
        TargetPositions? target = null;
        if (TargetAttention is not null)
        {
            var hm = hs * mask.unsqueeze(2);                                                    // (B, L, d)
            keys = TargetAttention.Keys(hm);                                                    // (B, L, d)  Eq. 6
            values = Combiner.TargetValues(hm);                                                 // (B, L, d)  Eq. 7, 10
            target = TargetAttend(batch, padding);
        }
        var encoding = new SessionEncoding(nodes, hs, mask.alias(), last, readout, session, keys, values, padding)
        {
            Alias = batch.Alias.alias(),
            Target = target,
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
        if (encoding.Keys is null) scores = encoding.Session.mm(candidates.t());                // (B, N)
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
        if (encoding.Keys is null) throw new InvalidOperationException("This model has no target attention.");
        using var scope = NewDisposeScope();
        var candidates = EmbeddingLookup.Rows(embedding.weight!, candidateItems);               // (B, K, d)
        return TargetAttention.Weights(encoding.Keys, candidates, encoding.Padding, encoding.Mask).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Every parameter, plus the unused buffers the reference has, under the reference's names and in its order
    /// (e.g. <c>embedding.weight</c>, <c>gnn.w_ih</c>, <c>linear_one.weight</c>, <c>linear_t.weight</c>). The tensors
    /// are the model's own (not copies).
    /// </summary>
    public IReadOnlyList<(string Name, Tensor Tensor)> ReferenceTensors()
    {
        var all = named_parameters().Select(p => (Name: ReferenceName(p.name), Tensor: (Tensor)p.parameter))
            .Concat(named_buffers().Select(b => (Name: ReferenceName(b.name), b.buffer)))
            .ToList();
        var duplicate = all.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"Two tensors map to the reference name '{duplicate.Key}'.");
        return all
            .Select((p, i) => (p, rank: Array.IndexOf(ReferenceOrder, p.Name) is var r and >= 0 ? r : ReferenceOrder.Length + i))
            .OrderBy(x => x.rank)
            .Select(x => x.p)
            .ToList();
    }

    /// <summary>Writes the weights as safetensors under the reference names (the authors' code loads them with
    /// <c>model.load_state_dict(safetensors.torch.load_file(path))</c>).</summary>
    /// <param name="path">The file (written atomically).</param>
    /// <param name="metadata">Optional string metadata stored in the header.</param>
    public void SaveReferenceWeights(string path, IReadOnlyDictionary<string, string>? metadata = null) =>
        Safetensors.Save(path, ReferenceTensors().Select(p => KeyValuePair.Create(p.Name, p.Tensor)), metadata);

    /// <summary>
    /// Loads weights saved under the reference names (by <see cref="SaveReferenceWeights"/> or from the authors' model
    /// with <c>safetensors.torch.save_file(model.state_dict(), path)</c>). Every parameter must be present with its
    /// shape; the unused <c>gnn.linear_edge_f.*</c> may be missing; unknown names are an error.
    /// </summary>
    /// <exception cref="InvalidDataException">A name is missing or unknown, or a shape differs; the message lists them.</exception>
    public void LoadReferenceWeights(string path)
    {
        using var scope = NewDisposeScope();
        var loaded = Safetensors.Load(path);
        var targets = ReferenceTensors().ToDictionary(p => p.Name, p => p.Tensor);
        var problems = new List<string>();
        foreach (var name in loaded.Keys.Where(k => !targets.ContainsKey(k))) problems.Add($"unknown tensor '{name}'");
        foreach (var (name, tensor) in targets)
        {
            if (!loaded.TryGetValue(name, out var source))
            {
                if (!name.StartsWith("gnn.linear_edge_f.", StringComparison.Ordinal)) problems.Add($"missing tensor '{name}'");
                continue;
            }
            if (!source.shape.SequenceEqual(tensor.shape))
                problems.Add($"'{name}' has shape [{string.Join(", ", source.shape)}], the model needs [{string.Join(", ", tensor.shape)}]");
        }
        if (problems.Count > 0)
            throw new InvalidDataException($"{path}: the weights do not fit this model ({Config.Kind}, {Config.Formulation}): {string.Join("; ", problems)}.");
        using (no_grad())
        {
            foreach (var (name, tensor) in targets)
            {
                if (loaded.TryGetValue(name, out var source)) tensor.copy_(source);
            }
        }
    }

    /// <summary>How the softmaxes over positions count padding for this batch (see <see cref="SoftmaxPadding"/>).</summary>
    private SoftmaxPadding Padding(SessionBatch batch)
    {
        if (Config.Formulation != Formulation.Reference) return new SoftmaxPadding(batch.Mask.alias(), null, null);
        if (batch.IsDatasetPadded) return new SoftmaxPadding(ones_like(batch.Mask), null, null); // literally the code
        // Per-batch padding: the dataset-wide padding's share is added analytically.
        var count = (batch.PadLength - batch.Lengths).to(ScalarType.Float32);                   // (B)
        var padState = Config.GlobalSoftmax
            ? Gnn.EdgelessState(embedding.weight!.select(0, 0))                                  // h_pad (d)
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

    private static string ReferenceName(string name)
    {
        foreach (var prefix in FlatComponents)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal)) return name[prefix.Length..];
        }
        return name;
    }

    private static void MoveOut(SessionEncoding e)
    {
        foreach (var t in new[] { e.NodeStates, e.PositionStates, e.Mask, e.Last, e.Session, e.Keys, e.Values, e.Alias,
                     e.Readout.Local, e.Readout.Global, e.Readout.Alpha, e.Padding.Attend, e.Padding.VirtualCount, e.Padding.PadState,
                     e.Target?.Attend, e.Target?.VirtualCount })
        {
            t?.MoveToOuterDisposeScope();
        }
    }
}
