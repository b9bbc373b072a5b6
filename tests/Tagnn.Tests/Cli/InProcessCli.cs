using System.Text.RegularExpressions;
using Spectre.Console;
using Tagnn.Cli;

namespace Tagnn.Tests.Cli;

/// <summary>Runs a <c>tagnn</c> command inside the test process and captures what it prints (stdout and stderr, every
/// run of white space made one space, as errors are wrapped at 80 columns): for the many message checks that need no
/// process of their own.</summary>
internal static partial class InProcessCli
{
    public static (int Code, string Output) Run(params string[] args)
    {
        var previous = AnsiConsole.Console;
        var writer = new StringWriter();
        var previousError = Console.Error;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
            Ansi = AnsiSupport.No,
        });
        AnsiConsole.Console.Profile.Width = 1000; // no line wrapping in the captured text
        Console.SetError(writer);
        try
        {
            var app = TagnnApp.Create();
            app.Configure(c => c.Settings.Console = AnsiConsole.Console);
            var code = app.Run(args);
            return (code, Spaces().Replace(writer.ToString(), " "));
        }
        finally
        {
            AnsiConsole.Console = previous;
            Console.SetError(previousError);
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
