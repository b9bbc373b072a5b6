using Spectre.Console.Cli;
using Tagnn.Cli.Commands;

namespace Tagnn.Cli;

/// <summary>Builds the <c>tagnn</c> command tree (also used by the tests to run commands in-process).</summary>
public static class TagnnApp
{
    /// <summary>Creates the application with every command registered.</summary>
    public static CommandApp Create()
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("tagnn");
            config.PropagateExceptions();
            config.AddCommand<InfoCommand>("info")
                .WithDescription("Show versions, the compute device and where TorchSharp's native files were loaded from.");
        });
        return app;
    }
}
