using Tagnn.Graphs;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Tagnn.Model.Baselines;

/// <summary>
/// FPMC (Rendle et al., WWW 2010) with the last click l as the basket and the training sessions as users: the
/// transition score of item i for user s after l is x(s, l, i) = V_UI[s] . V_IU[i] + V_IL[i] . V_LI[l] (a matrix
/// factorisation term plus a factorised first-order Markov chain; a one-item basket makes the chain term's mean over
/// the basket a single product), trained with the BPR loss (S-BPR) on (session, last click, next click, sampled item).
/// </summary>
/// <remarks>
/// <para>A session to score is not a training session and has no V_UI row: its user term is dropped and the score is
/// the Markov-chain term, score_i = V_IL[i] . V_LI[l] (as NARM's authors, Li et al. 2017, describe running FPMC for
/// session-based recommendation: without the user's latent representation). The user term still shapes training: it
/// explains the part of a training session's clicks that is not a transition from the previous click.</para>
/// <para>The pairs: every training example (c_1..c_k -> c_{k+1}) of session s is one positive (s, c_k, c_{k+1}) with one
/// negative, uniform over the other items (<see cref="NegativeSampler"/>).</para>
/// </remarks>
public sealed class Fpmc : SessionFactorModel
{
    // V_UI (S, d): the base class's session table "user_item", made at binding.
    // ComponentName ties each field to its registered name, so Module.to(device or dtype) updates the field too.
    [ComponentName(Name = "item_user")] private Parameter itemUser;   // V_IU (N + 1, d)
    [ComponentName(Name = "item_last")] private Parameter itemLast;   // V_IL (N + 1, d): the next item's side of the chain
    [ComponentName(Name = "last_item")] private Parameter lastItem;   // V_LI (N + 1, d): the last click's side of the chain
    private readonly FpmcConfig config;

    /// <summary>Creates the module with uninitialised weights (<see cref="FpmcConfig.Build"/> initialises them).</summary>
    public Fpmc(FpmcConfig config) : base(nameof(Fpmc), config, "user_item", config.HiddenSize)
    {
        this.config = config;
        var d = config.HiddenSize;
        itemUser = new Parameter(empty(config.ItemTableSize, d));
        itemLast = new Parameter(empty(config.ItemTableSize, d));
        lastItem = new Parameter(empty(config.ItemTableSize, d));
        register_parameter("item_user", itemUser);
        register_parameter("item_last", itemLast);
        register_parameter("last_item", lastItem);
    }

    /// <summary>The specification.</summary>
    public FpmcConfig Config => config;

    /// <summary>Scores (B, N): the Markov-chain term V_IL[i] . V_LI[last click] (the user term dropped).</summary>
    public override Tensor forward(SessionBatch batch)
    {
        CheckDevice(batch);
        using var scope = NewDisposeScope();
        var last = SessionSequence.AtLast(SessionSequence.Lookup(lastItem, SessionSequence.Clicks(batch)), batch);   // V_LI[l]: (B, d)
        return last.mm(SessionSequence.Candidates(itemLast).t()).MoveToOuterDisposeScope();                         // (B, N)
    }

    /// <summary>The BPR loss of the batch's (session, last click, target) triples, negatives drawn from
    /// <paramref name="step"/>.</summary>
    public override Tensor Loss(SessionBatch batch, TrainingStepContext step)
    {
        CheckDevice(batch);
        var (users, lasts, positives) = Triples(batch);
        var negatives = NegativeSampler.Uniform(positives, ItemCount, step);
        var device = Device;
        using var scope = NewDisposeScope();
        // Each table is gathered once (its backward builds one dense table-sized gradient per gather: the session
        // table is the largest tensor of the model).
        var user = SessionRows(OnDevice(users, device));                                    // V_UI[s]: (P, d)
        var last = SessionSequence.Rows(lastItem, OnDevice(lasts, device));                 // V_LI[l]: (P, d)
        using var both = OnDevice([.. positives, .. negatives], device);                    // (2P)
        var p = positives.Length;
        var iu = SessionSequence.Rows(itemUser, both);                                      // V_IU[i]: (2P, d)
        var il = SessionSequence.Rows(itemLast, both);                                      // V_IL[i]: (2P, d)
        var x = (user.repeat(2, 1) * iu).sum(1) + (il * last.repeat(2, 1)).sum(1);          // x(s, l, i): (2P)
        return BprLoss.Compute(x.narrow(0, 0, p), x.narrow(0, p, p)).MoveToOuterDisposeScope();
    }

    /// <summary>x(s, l, i) (P) for P triples of session rows, last clicks and items (int64 tensors on the model's
    /// device): the full FPMC score, user term included (the model must be bound).</summary>
    public Tensor Score(Tensor sessions, Tensor lasts, Tensor candidates)
    {
        using var scope = NewDisposeScope();
        var mf = (SessionSequence.Rows(SessionFactors, sessions) * SessionSequence.Rows(itemUser, candidates)).sum(1);   // V_UI[s] . V_IU[i]
        var mc = (SessionSequence.Rows(itemLast, candidates) * SessionSequence.Rows(lastItem, lasts)).sum(1);           // V_IL[i] . V_LI[l]
        return (mf + mc).MoveToOuterDisposeScope();
    }

    /// <summary>The (session row, last click, target) triples of a batch of training examples, on the host, in batch
    /// order.</summary>
    public (long[] Sessions, long[] Lasts, long[] Positives) Triples(SessionBatch batch)
    {
        var (train, sessionOf) = BoundExamples(batch);
        var n = batch.Count;
        var (users, lasts, positives) = (new long[n], new long[n], new long[n]);
        for (var b = 0; b < n; b++)
        {
            var e = batch.ExampleIndices[b];
            users[b] = sessionOf[e];
            lasts[b] = train.Prefix(e)[^1];
            positives[b] = train.Target(e);
        }
        return (users, lasts, positives);
    }

    /// <summary>Every factor U(-0.05, 0.05), as <see cref="BprMf"/> (see docs/BASELINES.md); V_UI, made at binding,
    /// from its own generator seeded by <paramref name="seed"/>.</summary>
    public override void Initialize(long seed)
    {
        InitializeUniform(seed, InitScale);
        InitializeSessions(seed);
    }
}
