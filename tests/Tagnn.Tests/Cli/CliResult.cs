using System.Text.RegularExpressions;
using Xunit.Sdk;

namespace Tagnn.Tests.Cli;

/// <summary>What a finished <c>tagnn</c> process did.</summary>
/// <param name="CommandLine">The command, for messages.</param>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Stdout">Standard output.</param>
/// <param name="Stderr">Standard error.</param>
/// <param name="Elapsed">Wall time, start to exit.</param>
public sealed partial record CliResult(string CommandLine, int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    /// <summary>Both streams with every run of white space (Spectre wraps lines at 80 columns when redirected) made
    /// one space: what assertions on messages search.</summary>
    public string Text => Spaces().Replace(Stdout + " " + Stderr, " ");

    /// <summary>Fails, showing everything the process printed, unless it exited with <paramref name="expected"/>.</summary>
    public CliResult ExitsWith(int expected)
    {
        if (ExitCode != expected)
            throw new XunitException($"`{CommandLine}` exited with {ExitCode}, expected {expected}.\n{this}");
        return this;
    }

    /// <summary>Fails, showing the output, unless <see cref="Text"/> contains every one of <paramref name="parts"/>.</summary>
    public CliResult Says(params string[] parts)
    {
        foreach (var part in parts)
        {
            if (!Text.Contains(Spaces().Replace(part, " "), StringComparison.Ordinal))
                throw new XunitException($"`{CommandLine}` did not print \"{part}\".\n{this}");
        }
        return this;
    }

    /// <summary>Fails, showing the output, if <see cref="Text"/> contains <paramref name="part"/>.</summary>
    public CliResult DoesNotSay(string part)
    {
        if (Text.Contains(part, StringComparison.Ordinal))
            throw new XunitException($"`{CommandLine}` printed \"{part}\".\n{this}");
        return this;
    }

    /// <summary>Fails unless the process ended with an error message of ours: exit code 1, no stack trace.</summary>
    public CliResult FailsCleanly(params string[] parts)
    {
        ExitsWith(1).Says(["error:", .. parts]);
        if (Text.Contains("   at ", StringComparison.Ordinal) || Text.Contains("Exception", StringComparison.Ordinal))
            throw new XunitException($"`{CommandLine}` printed a stack trace or an exception name.\n{this}");
        return this;
    }

    public override string ToString() =>
        $"exit code {ExitCode} after {Elapsed.TotalSeconds:F1} s\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
