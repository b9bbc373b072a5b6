using Spectre.Console.Cli;
using Tagnn.Cli.Commands;
using Tagnn.Cli.Commands.Bench;
using Tagnn.Cli.Commands.Data;

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
            config.AddCommand<PreprocessCommand>("preprocess")
                .WithDescription("Preprocess a Diginetica or Yoochoose click log exactly as the reference (SR-GNN) does; default: the bundled sample.")
                .WithExample("preprocess", "--force")
                .WithExample("preprocess", "--dataset", "yoochoose", "--input", "data/real/yoochoose-clicks.dat", "--output", "artifacts/prepared/yoochoose");
            config.AddCommand<ConvertCommand>("convert")
                .WithDescription("Convert between a prepared folder (train.tsv, test.tsv, items.tsv, stats.json) and SR-GNN's pickles (train.txt, test.txt).")
                .WithExample("convert", "--from", "tsv", "--to", "pickle", "--output", "artifacts/srgnn/sample")
                .WithExample("convert", "--from", "pickle", "--to", "tsv", "--input", "SR-GNN/datasets/diginetica", "--output", "artifacts/prepared/from-pickle");
            config.AddBranch("data", data =>
            {
                data.SetDescription("Click-log data: synthetic logs with planted structure.");
                data.AddCommand<SynthCommand>("synth")
                    .WithDescription("Write a synthetic click log (Diginetica or Yoochoose layout) with topics, Zipf popularity, strong transitions and its ground truth.")
                    .WithExample("data", "synth", "--output", "artifacts/synth/train-item-views.csv", "--seed", "7");
            });
            config.AddBranch("bench", bench =>
            {
                bench.SetDescription("Measure speed and memory (figures go to BENCHMARKS.md).");
                bench.AddCommand<BenchBatchesCommand>("batches")
                    .WithDescription("Time batch building (graphs + tensor copies) with and without prefetching, optionally around real training steps.")
                    .WithExample("bench", "batches", "--step", "srgnn");
                bench.AddCommand<BenchTrainStepCommand>("train-step")
                    .WithDescription("Time one training step (forward, loss, backward, Adam) on random prefixes; one JSON line with the median ms and the peak RSS.")
                    .WithExample("bench", "train-step", "--model", "tagnn", "--items", "43097", "--batch", "100", "--dim", "100", "--length", "10", "--pad-length", "70", "--steps", "10");
                bench.AddCommand<BenchEvalCommand>("eval")
                    .WithDescription("Time scoring a test batch against every item and taking the top 20; one JSON line.")
                    .WithExample("bench", "eval", "--model", "tagnn", "--steps", "10");
                bench.AddCommand<BenchGemmCommand>("gemm")
                    .WithDescription("libtorch's float32 matrix-product rate: a square product and the fused scorer's three product shapes.")
                    .WithExample("bench", "gemm");
            });
        });
        return app;
    }
}
