using Spectre.Console;
using Spectre.Console.Cli;
using Tagnn.Cli;
using Tagnn.Cli.Runtime;

// TagnnApp propagates exceptions (so tests see them); here, a mistyped command or a bad option value becomes one red
// line and exit code 2 instead of a stack trace. Commands turn expected failures (bad input files, refused
// overwrites) into exit code 1 themselves; so does a native runtime that cannot be loaded. Anything else is a bug and
// keeps its stack trace.
try
{
    return TagnnApp.Create().Run(args);
}
catch (CommandAppException e)
{
    var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
    error.MarkupLine($"[red]error:[/] {UsageErrors.Explain(e.Message, args).EscapeMarkup()}");
    error.MarkupLine("Run [bold]tagnn --help[/] or [bold]tagnn <command> --help[/] for usage.");
    return 2;
}
catch (NativeRuntimeException e)
{
    var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
    error.MarkupLine($"[red]error:[/] {e.Message.EscapeMarkup()}");
    return 1;
}
