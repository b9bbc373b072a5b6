using Tagnn.Model;
using Tagnn.Training;

namespace Tagnn.Experiments;

/// <summary>
/// A trainable model of the catalog: <see cref="Spec"/> makes its <see cref="ModelSpec"/> for the dataset's item
/// table, and <see cref="TrainingRun"/> trains it into a run folder, once per seed (the seed initialises the weights
/// and orders the batches).
/// </summary>
/// <param name="Name">The short name.</param>
/// <param name="Title">The name tables print.</param>
/// <param name="Spec">Makes the model's specification from the item table size (n + 1 rows: items 1..n and the
/// padding row 0), e.g. <c>n =&gt; ModelConfig.ForTagnn(n)</c>.</param>
/// <param name="Training">Adjusts the table's training options for this model (e.g. another learning rate), or null
/// to train with them unchanged. It must keep the seed, the protocol and the smoke-mode limits, which decide the
/// examples.</param>
public sealed record NeuralEntry(string Name, string Title, Func<int, ModelSpec> Spec, Func<TrainingOptions, TrainingOptions>? Training = null)
    : CatalogEntry(Name, Title)
{
    /// <inheritdoc />
    public override bool IsAvailable => true;

    /// <summary>The options this model trains with: the table's, adjusted by <see cref="Training"/>.</summary>
    /// <exception cref="InvalidOperationException">The adjustment changed what decides the examples.</exception>
    public TrainingOptions Options(TrainingOptions table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (Training is null) return table;
        var adjusted = Training(table);
        if (adjusted.Seed != table.Seed || adjusted.Protocol != table.Protocol || adjusted.ValidationFraction != table.ValidationFraction
            || adjusted.MaxTrainExamples != table.MaxTrainExamples || adjusted.MaxTestExamples != table.MaxTestExamples)
            throw new InvalidOperationException($"The training options of '{Name}' change the seed, the protocol or the example limits; every model of a table sees the same examples.");
        return adjusted;
    }
}
