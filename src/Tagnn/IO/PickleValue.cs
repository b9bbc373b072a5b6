namespace Tagnn.IO;

/// <summary>A value on the restricted unpickler's stack: an integer (unboxed) or a list/tuple of values.</summary>
internal readonly record struct PickleValue(PickleValueKind Kind, long Int, List<PickleValue>? Items)
{
    /// <summary>The integer <paramref name="v"/>.</summary>
    public static PickleValue Of(long v) => new(PickleValueKind.Int, v, null);

    /// <summary>The value for messages, e.g. "the integer 7" or "a list of 2".</summary>
    public string Describe() => Kind switch
    {
        PickleValueKind.Int => $"the integer {Int}",
        PickleValueKind.List => $"a list of {Items!.Count}",
        PickleValueKind.Tuple => $"a tuple of {Items!.Count}",
        _ => "a mark",
    };
}
