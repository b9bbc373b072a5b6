namespace Tagnn.Evaluation.Baselines;

/// <summary>
/// A non-neural session-based recommender, fitted once on the training sessions (its constructor, or
/// <see cref="BaselineSpec.Fit"/>), that scores a session prefix sparsely. <see cref="BaselineEvaluator"/> turns the
/// scores into ranks and top-k lists with the library's tie rule and feeds <see cref="RankingMetrics"/>, so every
/// baseline is measured exactly like the neural models.
/// </summary>
public interface ISessionBaseline
{
    /// <summary>The hyper-parameters it was fitted with (its name is <see cref="BaselineSpec.Name"/>).</summary>
    BaselineSpec Spec { get; }

    /// <summary>N: candidate items are 1..N.</summary>
    int ItemCount { get; }

    /// <summary>Training click counts per item (length N + 1, index 0 unused), for the popularity metric. Read only.</summary>
    long[] Popularity { get; }

    /// <summary>The order that breaks score ties and places unscored items (<see cref="ItemOrder.ById"/> unless the
    /// method defines another).</summary>
    ItemOrder TieOrder { get; }

    /// <summary>
    /// Scores the next item after <paramref name="prefix"/> (clicked items, oldest first) into
    /// <paramref name="scores"/>, which arrives empty. Items it leaves out score 0. Safe to call from several threads
    /// at once with one <see cref="SparseScores"/> per thread (per-thread buffers live in
    /// <see cref="SparseScores.Workspace{T}"/>); the result depends on the prefix only.
    /// </summary>
    void Score(ReadOnlySpan<int> prefix, SparseScores scores);
}
