using Spectre.Console.Cli;
using Tagnn.Cli.Commands;
using Tagnn.Cli.Commands.Notebooks;

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
            config.AddBranch("notebooks", notebooks =>
            {
                notebooks.SetDescription("Run the course notebooks headless and render them as HTML.");
                notebooks.AddCommand<NotebooksRunCommand>("run")
                    .WithDescription("Execute notebooks/NN-*.ipynb (or the named ones), one process each; write executed notebooks and, with --html, pages.")
                    .WithExample("notebooks", "run", "--smoke")
                    .WithExample("notebooks", "run", "--html")
                    .WithExample("notebooks", "run", "00", "--output", "/tmp/course");
            });
        });
        return app;
    }
}
