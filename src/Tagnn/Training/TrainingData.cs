using Tagnn.Data;
using Tagnn.Evaluation;

namespace Tagnn.Training;

/// <summary>
/// The example sets of a run: what the model trains on, what picks the epoch (the test set under the reference
/// protocol, a held-out split of the training sessions under the validation protocol) and the test set, with the item
/// table and the training popularity (for the popularity metric and the POP baseline).
/// </summary>
/// <remarks>
/// Each set is padded, in the reference formulation, to its own longest prefix, as the reference builds one
/// <c>Data</c> object per set.
/// </remarks>
public sealed class TrainingData
{
    /// <summary>Assembles the sets (use <see cref="From"/> or <see cref="Load"/> for a prepared folder).</summary>
    /// <param name="train">Training examples.</param>
    /// <param name="validation">Held-out validation examples, or null (reference protocol).</param>
    /// <param name="test">Test examples.</param>
    /// <param name="items">The item table.</param>
    /// <param name="source">The prepared folder the sets come from, if any.</param>
    /// <exception cref="InvalidDataException">A set is empty; the message names it and its file.</exception>
    public TrainingData(SessionDataset train, SessionDataset? validation, SessionDataset test, ItemCatalog items, PreparedDataset? source = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(items);
        foreach (var (set, name) in new[] { (train, "train"), (validation, "validation"), (test, "test") })
        {
            if (set is not null && set.MaxItemId > items.Count)
                throw new ArgumentException($"The {name} set uses item {set.MaxItemId}, beyond the {items.Count} items of the catalog.");
        }
        RequireExamples(train, "training", PreparedDataset.TrainFile, "nothing to train on", source);
        if (validation is not null) RequireExamples(validation, "validation", PreparedDataset.TrainFile, "nothing to select an epoch with", source);
        RequireExamples(test, "test", PreparedDataset.TestFile, "nothing to evaluate on", source);
        Train = train;
        Validation = validation;
        Test = test;
        Items = items;
        Source = source;
        Popularity = ItemPopularity.FromTrain(train, items.Count);
    }

    /// <summary>Throws when <paramref name="set"/> is empty, naming the set and the file it comes from.</summary>
    private static void RequireExamples(SessionDataset set, string name, string file, string consequence, PreparedDataset? source)
    {
        if (set.Count > 0) return;
        var where = source is null ? $"The {name} set" : $"{Path.Combine(source.Directory, file)}: the {name} set";
        throw new InvalidDataException($"{where} has no examples ({consequence}). A prepared folder needs at least one training " +
            "and one test example (an SR-GNN pickle ([], []) converts to empty sets).");
    }

    /// <summary>Training examples (without the validation sessions under the validation protocol).</summary>
    public SessionDataset Train { get; }

    /// <summary>Validation examples (whole sessions held out of training), or null.</summary>
    public SessionDataset? Validation { get; }

    /// <summary>Test examples.</summary>
    public SessionDataset Test { get; }

    /// <summary>The set scored after every epoch: validation when there is one, else test.</summary>
    public SessionDataset SelectionSet => Validation ?? Test;

    /// <summary>"validation" or "test": the name of <see cref="SelectionSet"/>.</summary>
    public string SelectionSetName => Validation is null ? "test" : "validation";

    /// <summary>The item table (ids 1..n and their original ids).</summary>
    public ItemCatalog Items { get; }

    /// <summary>N, the number of candidate items.</summary>
    public int ItemCount => Items.Count;

    /// <summary>Rows of a model's item table: n + 1.</summary>
    public int ItemTableSize => Items.Count + 1;

    /// <summary>Training click counts per item (index = id), from <see cref="Train"/>.</summary>
    public long[] Popularity { get; }

    /// <summary>The prepared folder, when loaded from one.</summary>
    public PreparedDataset? Source { get; }

    /// <summary>
    /// The sets <paramref name="options"/> ask for: smoke-mode subsets (whole sessions from the start) and, under the
    /// validation protocol, a split of the training sessions (<see cref="SessionSplit.BySession"/>, seeded by
    /// <see cref="TrainingOptions.Seed"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">A set is empty, or too small to split; the message names the file.</exception>
    public static TrainingData From(PreparedDataset prepared, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(options);
        var train = options.MaxTrainExamples is { } maxTrain ? SessionSplit.FirstSessions(prepared.Train, maxTrain) : prepared.Train;
        var test = options.MaxTestExamples is { } maxTest ? SessionSplit.FirstSessions(prepared.Test, maxTest) : prepared.Test;
        SessionDataset? validation = null;
        if (options.Protocol == SelectionProtocol.Validation)
        {
            RequireExamples(train, "training", PreparedDataset.TrainFile, "nothing to train on", prepared);
            var sessions = train.SessionStarts().Count;
            if (sessions < 2)
                throw new InvalidDataException($"{Path.Combine(prepared.Directory, PreparedDataset.TrainFile)}: the validation protocol holds out " +
                    $"whole training sessions, but the training set{(options.MaxTrainExamples is null ? "" : " (after the smoke-mode limit)")} has " +
                    $"{sessions} session(s); it needs at least 2.");
            (train, validation) = SessionSplit.BySession(train, options.ValidationFraction, options.Seed);
        }
        return new TrainingData(train, validation, test, prepared.Items, prepared);
    }

    /// <summary>Loads a prepared folder (<see cref="PreparedDataset.Load"/>) and applies <see cref="From"/>.</summary>
    public static TrainingData Load(string directory, TrainingOptions options) => From(PreparedDataset.Load(directory), options);
}
