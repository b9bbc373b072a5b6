using Tagnn.Evaluation.Baselines;

namespace Tagnn.Experiments;

/// <summary>
/// A non-neural baseline of the catalog: <see cref="Spec"/> makes its hyper-parameters, which are fitted on the
/// training examples once and scored on the test set by <see cref="BaselineEvaluator"/>. Fitting draws no random
/// numbers, so a baseline is run once per distinct training set: once under the reference protocol (every seed
/// would give the same numbers), once per seed under the validation protocol (the seed picks the held-out sessions,
/// so the training set differs).
/// </summary>
/// <param name="Name">The short name.</param>
/// <param name="Title">The name tables print.</param>
/// <param name="Spec">Makes the baseline's specification (called once per run).</param>
public sealed record BaselineEntry(string Name, string Title, Func<BaselineSpec> Spec) : CatalogEntry(Name, Title)
{
    /// <inheritdoc />
    public override bool IsAvailable => true;
}
