using Tagnn.Evaluation;

namespace Tagnn.Experiments;

/// <summary>
/// One model of a <see cref="ModelCatalog"/>: the name a command line and <c>table1.csv</c> use and the name tables
/// print. The three kinds are <see cref="BaselineEntry"/> (a non-neural baseline: fitted, then scored),
/// <see cref="NeuralEntry"/> (a <see cref="Tagnn.Model.ModelSpec"/> trained through
/// <see cref="Tagnn.Training.TrainingRun"/>) and <see cref="UnavailableEntry"/> (known, but not in this build).
/// </summary>
/// <param name="Name">The short name: lower-case letters, digits and '-' (e.g. <c>tagnn</c>, <c>itemknn</c>).</param>
/// <param name="Title">The name tables print (the paper's spelling for the paper's methods, e.g. <c>GRU4REC</c>).</param>
public abstract record CatalogEntry(string Name, string Title)
{
    /// <summary>Whether the model can run in this build.</summary>
    public abstract bool IsAvailable { get; }

    /// <summary>Whether the TAGNN paper's Table 1 has a row for it (<see cref="PublishedResults.TagnnTable1"/>).</summary>
    public bool InPaper => PublishedResults.TagnnTable1.Any(r => string.Equals(r.ModelKey, Name, StringComparison.Ordinal));

    /// <summary>Throws <see cref="ArgumentException"/> when <see cref="Name"/> or <see cref="Title"/> is malformed.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Name) || !Name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            throw new ArgumentException($"A model name is lower-case letters, digits and '-'; got '{Name}'.");
        if (string.IsNullOrWhiteSpace(Title)) throw new ArgumentException($"Model '{Name}' needs a title.");
    }
}
