using System.Text.Json.Serialization;
using Tagnn.Data;

namespace Tagnn.Evaluation.Baselines;

/// <summary>
/// A non-neural baseline and its hyper-parameters: what a results table records and what <see cref="Fit"/> builds.
/// Every property has a documented default with its source (docs/BASELINES.md); <see cref="Default"/> makes the
/// default spec from a name. Serialised with a <c>Kind</c> discriminator equal to <see cref="Name"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "Kind")]
[JsonDerivedType(typeof(PopSpec), "pop")]
[JsonDerivedType(typeof(SpopSpec), "spop")]
[JsonDerivedType(typeof(ItemKnnSpec), "itemknn")]
[JsonDerivedType(typeof(SknnSpec), "sknn")]
[JsonDerivedType(typeof(VsknnSpec), "vsknn")]
[JsonDerivedType(typeof(StanSpec), "stan")]
[JsonDerivedType(typeof(SrSpec), "sr")]
public abstract record BaselineSpec
{
    /// <summary>The names of the baselines, in the order of docs/BASELINES.md.</summary>
    public static readonly IReadOnlyList<string> Names = ["pop", "spop", "itemknn", "sknn", "vsknn", "stan", "sr"];

    /// <summary>The short name used in tables and on the command line (<c>pop</c>, <c>spop</c>, ...).</summary>
    [JsonIgnore]
    public abstract string Name { get; }

    /// <summary>Fits the baseline on the training examples (reference order: sessions in date order).</summary>
    /// <param name="train">Training examples.</param>
    /// <param name="itemCount">N, the number of candidate items.</param>
    public abstract ISessionBaseline Fit(SessionDataset train, int itemCount);

    /// <summary>A one-line description: the method and every hyper-parameter.</summary>
    public abstract string Describe();

    /// <summary>The default spec of the baseline called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">An unknown name; the message lists the known ones.</exception>
    public static BaselineSpec Default(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "pop" => new PopSpec(),
            "spop" => new SpopSpec(),
            "itemknn" => new ItemKnnSpec(),
            "sknn" => new SknnSpec(),
            "vsknn" => new VsknnSpec(),
            "stan" => new StanSpec(),
            "sr" => new SrSpec(),
            _ => throw new ArgumentException($"Unknown baseline '{name}'; known: {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    /// <summary>Checks a training set against N (shared by the specs' <see cref="Fit"/>).</summary>
    protected static void CheckTrain(SessionDataset train, int itemCount)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfLessThan(itemCount, 1);
        if (train.MaxItemId > itemCount)
            throw new ArgumentException($"The training data uses item {train.MaxItemId}, beyond N = {itemCount}.", nameof(itemCount));
    }
}
