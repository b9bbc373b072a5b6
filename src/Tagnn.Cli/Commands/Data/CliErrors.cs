using System.Text.RegularExpressions;
using Spectre.Console;
using Tagnn.Data;
using Tagnn.IO;

namespace Tagnn.Cli.Commands.Data;

/// <summary>Turns the expected failures of the commands (bad input, missing files, refused overwrites, a diverged
/// training run) into one clear line on stderr and exit code 1, instead of a stack trace.</summary>
internal static partial class CliErrors
{
    /// <summary>Runs <paramref name="body"/>; expected exceptions become an error message and exit code 1.</summary>
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is ClickLogException or Tagnn.IO.PickleException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException
            or IOException or ArgumentException or FormatException or UnauthorizedAccessException or Tagnn.Training.TrainingDivergedException)
        {
            var err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            err.MarkupLine($"[red]error:[/] {Explain(e).EscapeMarkup()}");
            return 1;
        }
    }

    /// <summary>The message to show: the exception's own, except .NET's "Could not find a part of the path 'X'" and
    /// "Could not find file 'X'" (from a path nothing checked first), which become what is missing of X.</summary>
    internal static string Explain(Exception e) =>
        e is FileNotFoundException or DirectoryNotFoundException && DotnetMissingPath().Match(e.Message) is { Success: true } m
            ? Paths.DescribeMissing(m.Groups["path"].Value) + "."
            : e.Message;

    [GeneratedRegex(@"^Could not find (a part of the path|file) '(?<path>.+)'\.$", RegexOptions.Singleline)]
    private static partial Regex DotnetMissingPath();
}
