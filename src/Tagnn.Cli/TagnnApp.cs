using Spectre.Console.Cli;
using Tagnn.Cli.Commands;
using Tagnn.Cli.Commands.Bench;

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
            config.AddBranch("bench", bench =>
            {
                bench.SetDescription("Measure speed and memory (figures go to BENCHMARKS.md).");
                bench.AddCommand<BenchBatchesCommand>("batches")
                    .WithDescription("Time batch building (graphs + tensor copies) with and without prefetching, optionally around real training steps.")
                    .WithExample("bench", "batches", "--step", "srgnn");
            });
        });
        return app;
    }
}
