using Tagnn.Graphs;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Tagnn.Model.Baselines;

/// <summary>
/// BPR-MF (Rendle et al., UAI 2009) as Hidasi et al. (ICLR 2016) apply it to sessions: matrix factorisation of the
/// training sessions x items matrix, x_si = p_s . q_i, trained with the BPR loss on (session, clicked item, sampled
/// item) triples; a session to score, which has no factor row, is the mean of its clicks' item factors,
/// score_i = mean_k(q_{c_k}) . q_i.
/// </summary>
/// <remarks>
/// <para>The pairs, from the prefix-augmented training examples: example (c_1..c_k -> c_{k+1}) of training session s
/// gives the positive (s, c_{k+1}), and the one-click example (k = 1) also (s, c_1). So every click of every training
/// session is one positive per epoch (a repeated click counts each time), as GRU4Rec's BPR baseline iterates over
/// the clicks. Each positive gets one negative, uniform over the other items (<see cref="NegativeSampler"/>).</para>
/// <para>The session table has one row per session of the training set it is bound to (<see
/// cref="SessionFactorModel.BindTrainingSet"/>). The trainer's coupled L2 weight decay (Adam) stands for BPR-Opt's
/// prior. The session rows take part in every Adam step (a dense update, as PyTorch's Adam does for an
/// embedding).</para>
/// </remarks>
public sealed class BprMf : SessionFactorModel
{
    // P (S, d), one row per training session: the base class's session table, made at binding.
    // ComponentName ties the field to its registered name, so Module.to(device or dtype) updates the field too.
    [ComponentName(Name = "items")] private Parameter items;      // Q (N + 1, d), row 0 padding
    private readonly BprMfConfig config;

    /// <summary>Creates the module with uninitialised weights (<see cref="BprMfConfig.Build"/> initialises them).</summary>
    public BprMf(BprMfConfig config) : base(nameof(BprMf), config, "sessions", config.HiddenSize)
    {
        this.config = config;
        items = new Parameter(empty(config.ItemTableSize, config.HiddenSize));
        register_parameter("items", items);
    }

    /// <summary>The specification.</summary>
    public BprMfConfig Config => config;

    /// <summary>Scores (B, N): the mean of the prefix's item factors (every click, repeats included) against every
    /// item's factors.</summary>
    public override Tensor forward(SessionBatch batch)
    {
        CheckDevice(batch);
        using var scope = NewDisposeScope();
        return SessionVector(batch).mm(SessionSequence.Candidates(items).t()).MoveToOuterDisposeScope();   // (B, N)
    }

    /// <summary>The BPR loss of the batch's (session, item) pairs (see the class remarks), negatives drawn from
    /// <paramref name="step"/>.</summary>
    public override Tensor Loss(SessionBatch batch, TrainingStepContext step)
    {
        CheckDevice(batch);
        var (users, positives) = Pairs(batch);
        var negatives = NegativeSampler.Uniform(positives, ItemCount, step);
        var device = Device;
        using var scope = NewDisposeScope();
        var p = SessionRows(OnDevice(users, device));                                    // (P, d)
        var positive = (p * SessionSequence.Rows(items, OnDevice(positives, device))).sum(1);   // x_s,pos: (P)
        var negative = (p * SessionSequence.Rows(items, OnDevice(negatives, device))).sum(1);   // x_s,neg: (P)
        return BprLoss.Compute(positive, negative).MoveToOuterDisposeScope();
    }

    /// <summary>The (session row, positive item) pairs a batch of training examples gives (class remarks), on the
    /// host, in batch order (an example's target, then its first click when it is a one-click example).</summary>
    public (long[] Sessions, long[] Positives) Pairs(SessionBatch batch)
    {
        var (train, sessionOf) = BoundExamples(batch);
        var users = new List<long>(batch.Count + batch.Count / 2);
        var positives = new List<long>(users.Capacity);
        foreach (var e in batch.ExampleIndices)
        {
            users.Add(sessionOf[e]);
            positives.Add(train.Target(e));
            if (train.PrefixLength(e) != 1) continue;
            users.Add(sessionOf[e]);
            positives.Add(train.Prefix(e)[0]);
        }
        return ([.. users], [.. positives]);
    }

    /// <summary>(B, d): each prefix's representation, the mean of its clicks' item factors.</summary>
    public Tensor SessionVector(SessionBatch batch)
    {
        CheckDevice(batch);
        using var scope = NewDisposeScope();
        var factors = SessionSequence.Lookup(items, SessionSequence.Clicks(batch));        // (B, L, d)
        return SessionSequence.MaskedMean(factors, batch).MoveToOuterDisposeScope();      // (B, d)
    }

    /// <summary>Every factor U(-0.05, 0.05) (GRU4Rec's BPR-MF baseline: sigma 0.05, uniform); the session table, made
    /// at binding, from its own generator seeded by <paramref name="seed"/>.</summary>
    public override void Initialize(long seed)
    {
        InitializeUniform(seed, InitScale);
        InitializeSessions(seed);
    }
}
