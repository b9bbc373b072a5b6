namespace Tagnn.Data;

/// <summary>
/// A click log that cannot be read: the message names the file, the line (1-based; 0 when the problem concerns the
/// whole file) and the problem, as <c>file:line: problem</c>.
/// </summary>
public sealed class ClickLogException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The click log.</param>
    /// <param name="line">The 1-based line number, or 0 for the whole file.</param>
    /// <param name="problem">What is wrong, and when it helps, what to do.</param>
    public ClickLogException(string file, long line, string problem)
        : base(line > 0 ? $"{file}:{line}: {problem}" : $"{file}: {problem}")
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    /// <summary>The click log.</summary>
    public string File { get; }

    /// <summary>The 1-based line number, or 0 when the problem concerns the whole file.</summary>
    public long Line { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }
}
