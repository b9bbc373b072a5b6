using Spectre.Console;
using Tagnn.Data;

namespace Tagnn.Cli.Commands.Data;

/// <summary>Turns the expected failures of the data commands (bad input, missing files, refused overwrites) into one
/// clear line on stderr and exit code 1, instead of a stack trace.</summary>
internal static class CliErrors
{
    /// <summary>Runs <paramref name="body"/>; expected exceptions become an error message and exit code 1.</summary>
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is ClickLogException or Tagnn.IO.PickleException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException
            or IOException or ArgumentException or FormatException or UnauthorizedAccessException)
        {
            var err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            err.MarkupLine($"[red]error:[/] {e.Message.EscapeMarkup()}");
            return 1;
        }
    }
}
