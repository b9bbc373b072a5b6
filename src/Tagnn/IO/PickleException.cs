namespace Tagnn.IO;

/// <summary>A pickle this reader refuses or cannot understand; the message names the file, the byte offset and,
/// when there is one, the opcode.</summary>
public sealed class PickleException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public PickleException(string file, long offset, string problem)
        : base($"{file}: byte {offset}: {problem}")
    {
        File = file;
        Offset = offset;
        Problem = problem;
    }

    /// <summary>The pickle file.</summary>
    public string File { get; }

    /// <summary>The byte offset of the offending opcode.</summary>
    public long Offset { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }
}
