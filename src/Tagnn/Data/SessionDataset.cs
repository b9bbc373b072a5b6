namespace Tagnn.Data;

/// <summary>
/// A list of next-item examples (prefix -> target) in compressed form: all prefixes are stored back to back in one
/// array, so 720,000 Diginetica examples take a few MB and no per-example objects. Item ids are the renumbered ones
/// (1..n); 0 is reserved for padding and never appears here.
/// </summary>
/// <remarks>
/// The order is the reference's (docs/REFERENCE.md#r2-augmentation-and-fractions): sessions in date order, and within a
/// session the longest prefix first. Because every session ends with its one-click prefix, session boundaries can be
/// recovered from the order alone (<see cref="SessionStarts"/>).
/// </remarks>
public sealed class SessionDataset
{
    private readonly int[] items;
    private readonly int[] offsets;
    private readonly int[] targets;

    /// <summary>Creates a dataset from its compressed arrays (validated).</summary>
    /// <param name="items">All prefixes back to back.</param>
    /// <param name="offsets">Count + 1 offsets into <paramref name="items"/>; example i is items[offsets[i]..offsets[i+1]].</param>
    /// <param name="targets">The target item of each example.</param>
    public SessionDataset(int[] items, int[] offsets, int[] targets)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(targets);
        if (offsets.Length != targets.Length + 1 || offsets[0] != 0 || offsets[^1] != items.Length)
            throw new ArgumentException("offsets must have Count + 1 entries, start at 0 and end at items.Length.");
        var maxLength = 0;
        var maxItem = 0;
        for (var i = 0; i < targets.Length; i++)
        {
            var length = offsets[i + 1] - offsets[i];
            if (length < 1) throw new ArgumentException($"Example {i} has an empty prefix.");
            if (targets[i] < 1) throw new ArgumentException($"Example {i} has target {targets[i]}; ids start at 1.");
            maxLength = Math.Max(maxLength, length);
            maxItem = Math.Max(maxItem, targets[i]);
        }
        foreach (var item in items)
        {
            if (item < 1) throw new ArgumentException($"Item id {item} in a prefix; ids start at 1 (0 is padding).");
            maxItem = Math.Max(maxItem, item);
        }
        this.items = items;
        this.offsets = offsets;
        this.targets = targets;
        MaxPrefixLength = maxLength;
        MaxItemId = maxItem;
    }

    /// <summary>Builds a dataset from (target, prefix) pairs.</summary>
    public static SessionDataset FromExamples(IEnumerable<(int Target, IReadOnlyList<int> Prefix)> examples)
    {
        var items = new List<int>();
        var offsets = new List<int> { 0 };
        var targets = new List<int>();
        foreach (var (target, prefix) in examples)
        {
            items.AddRange(prefix);
            offsets.Add(items.Count);
            targets.Add(target);
        }
        return new SessionDataset([.. items], [.. offsets], [.. targets]);
    }

    /// <summary>Number of examples.</summary>
    public int Count => targets.Length;

    /// <summary>The longest prefix (the reference pads every example of this dataset to it).</summary>
    public int MaxPrefixLength { get; }

    /// <summary>The largest item id used by a prefix or target.</summary>
    public int MaxItemId { get; }

    /// <summary>The target (next item) of example <paramref name="index"/>.</summary>
    public int Target(int index) => targets[index];

    /// <summary>The prefix (clicked items, oldest first) of example <paramref name="index"/>.</summary>
    public ReadOnlySpan<int> Prefix(int index) => items.AsSpan(offsets[index], offsets[index + 1] - offsets[index]);

    /// <summary>The prefix length of example <paramref name="index"/>.</summary>
    public int PrefixLength(int index) => offsets[index + 1] - offsets[index];

    /// <summary>All targets, in order.</summary>
    public ReadOnlySpan<int> Targets => targets;

    /// <summary>All prefix items back to back (see the constructor).</summary>
    public ReadOnlySpan<int> PrefixItems => items;

    /// <summary>Count + 1 offsets into <see cref="PrefixItems"/>.</summary>
    public ReadOnlySpan<int> Offsets => offsets;

    /// <summary>Example <paramref name="index"/> as a pair.</summary>
    public (int Target, int[] Prefix) this[int index] => (targets[index], Prefix(index).ToArray());

    /// <summary>
    /// The index of each session's first example. In the reference order a session of k clicks gives its examples
    /// with prefix lengths k-1, ..., 1 one after another, so a new session starts after every one-click prefix.
    /// Used to split by session (a validation set that shares no session with training).
    /// </summary>
    public IReadOnlyList<int> SessionStarts()
    {
        var starts = new List<int>();
        var expectNew = true;
        for (var i = 0; i < Count; i++)
        {
            if (expectNew) starts.Add(i);
            expectNew = PrefixLength(i) == 1;
        }
        return starts;
    }

    /// <summary>The examples at <paramref name="indices"/>, in that order.</summary>
    public SessionDataset Subset(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var total = 0;
        foreach (var i in indices) total += PrefixLength(i);
        var newItems = new int[total];
        var newOffsets = new int[indices.Count + 1];
        var newTargets = new int[indices.Count];
        var at = 0;
        for (var k = 0; k < indices.Count; k++)
        {
            var prefix = Prefix(indices[k]);
            prefix.CopyTo(newItems.AsSpan(at));
            at += prefix.Length;
            newOffsets[k + 1] = at;
            newTargets[k] = targets[indices[k]];
        }
        return new SessionDataset(newItems, newOffsets, newTargets);
    }

    /// <summary>The <paramref name="count"/> examples starting at <paramref name="start"/>.</summary>
    public SessionDataset Slice(int start, int count) =>
        Subset(Enumerable.Range(start, count).ToArray());
}
