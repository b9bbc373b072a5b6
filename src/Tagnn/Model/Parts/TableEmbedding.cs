using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tagnn.Model.Parts;

/// <summary>
/// The built-in <see cref="IItemEmbedding"/>: the rows of an <c>nn.Embedding</c> as they are (the reference's
/// <c>embedding</c>). An adapter, not a module: the model registers the <c>nn.Embedding</c> itself as
/// <c>embedding</c>, so its parameter keeps the reference name <c>embedding.weight</c>.
/// </summary>
/// <param name="embedding">The (n + 1, d) table.</param>
public sealed class TableEmbedding(Embedding embedding) : IItemEmbedding
{
    /// <summary>The table module.</summary>
    public Embedding Embedding { get; } = embedding ?? throw new ArgumentNullException(nameof(embedding));

    /// <inheritdoc />
    public Tensor Table() => Embedding.weight!;
}
