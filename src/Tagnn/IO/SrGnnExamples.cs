namespace Tagnn.IO;

/// <summary>
/// The content of an SR-GNN pickle, the tuple (list of prefixes, list of targets), flattened: all prefixes back to
/// back in <paramref name="PrefixItems"/>, example i being <c>PrefixItems[Offsets[i]..Offsets[i + 1]]</c> with target
/// <c>Targets[i]</c>. Plain arrays: the Data layer builds its datasets from them (<c>PickleConversion</c>).
/// </summary>
/// <param name="PrefixItems">All prefixes' item ids back to back.</param>
/// <param name="Offsets">Count + 1 offsets into <paramref name="PrefixItems"/>, starting at 0.</param>
/// <param name="Targets">The target item id of each example.</param>
public sealed record SrGnnExamples(int[] PrefixItems, int[] Offsets, int[] Targets)
{
    /// <summary>Number of examples.</summary>
    public int Count => Targets.Length;
}
