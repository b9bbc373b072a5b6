namespace Tagnn.IO;

/// <summary>What a value on the restricted unpickler's stack is.</summary>
internal enum PickleValueKind : byte
{
    /// <summary>An integer.</summary>
    Int,

    /// <summary>A list.</summary>
    List,

    /// <summary>A tuple.</summary>
    Tuple,

    /// <summary>A MARK (never on the stack in a well-formed pickle's result).</summary>
    Mark,
}
