using Spectre.Console.Cli;
using Tagnn.Cli.Commands;
using Tagnn.Cli.Commands.Bench;
using Tagnn.Cli.Commands.Data;
using Tagnn.Cli.Commands.Notebooks;
using Tagnn.Cli.Runtime;

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
            // Every command gets TorchSharp's native runtime before it runs, except those marked tensor-free.
            config.SetInterceptor(new TorchRuntimeInterceptor());
            config.AddCommand<InfoCommand>("info")
                .WithDescription("Show versions, the compute device and where TorchSharp's native files were loaded from.");
            config.AddCommand<Commands.Training.TrainCommand>("train")
                .WithDescription("Train TAGNN (or SR-GNN, or a neural baseline: GRU4Rec, NARM, STAMP, BPR-MF, FPMC) into a run folder and print P@20 and MRR@20 next to POP and SKNN; default: the bundled sample, in about a minute.")
                .WithExample("train")
                .WithExample("train", "--model", "srgnn", "--epochs", "5", "--name", "srgnn-sample")
                .WithExample("train", "--data", "artifacts/prepared/diginetica", "--epochs", "30", "--protocol", "validation")
                .WithExample("train", "--resume", "runs/my-run", "--epochs", "10")
                .WithExample("train", "--variant", "MyVariants/bin/Release/net10.0/MyVariants.dll:MyVariants.Recency", "--protocol", "validation");
            config.AddCommand<Commands.Training.EvaluateCommand>("evaluate")
                .WithDescription("Score a run's checkpoint, or weights under the reference names, on a test set next to POP and SKNN.")
                .WithExample("evaluate", "--run", "runs/my-run")
                .WithExample("evaluate", "--weights", "tagnn.safetensors", "--data", "artifacts/prepared/diginetica");
            config.AddCommand<Commands.Training.RecommendCommand>("recommend")
                .WithDescription("Recommend the next items for a session of original item ids, explained by TAGNN's target attention.")
                .WithExample("recommend", "--run", "runs/my-run", "--session", "1342 2965 1457", "-k", "5");
            config.AddCommand<Commands.Training.ExportCommand>("export")
                .WithDescription("Export a run's weights as safetensors under the reference names (the authors' PyTorch code loads them).")
                .WithExample("export", "--run", "runs/my-run", "--output", "tagnn.safetensors");
            config.AddCommand<Commands.Experiments.Table1Command>("table1")
                .WithDescription("Train and evaluate the models of the TAGNN paper's Table 1 and four strong simple baselines on one dataset; write table1.csv, table1.md (beside the published numbers on Diginetica and Yoochoose 1/64), table1.json and every run folder. Default: the bundled sample, in minutes.")
                .WithExample("table1")
                .WithExample("table1", "--models", "pop,sknn,srgnn,tagnn", "--seeds", "3")
                .WithExample("table1", "--data", "artifacts/prepared/diginetica", "--protocol", "validation");
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
                data.SetDescription("Click-log data: synthetic logs with planted structure, and the real datasets.");
                data.AddCommand<SynthCommand>("synth")
                    .WithDescription("Write a synthetic click log (Diginetica or Yoochoose layout) with topics, Zipf popularity, strong transitions and its ground truth.")
                    .WithExample("data", "synth", "--output", "artifacts/synth/train-item-views.csv", "--seed", "7");
                data.AddCommand<FetchCommand>("fetch")
                    .WithDescription("Download (or check) the real Diginetica and Yoochoose click logs listed in data/sources.json; prints the manual steps when a file cannot be downloaded directly.")
                    .WithExample("data", "fetch", "--dataset", "yoochoose");
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
                bench.AddCommand<BenchBaselinesCommand>("baselines")
                    .WithDescription("Fit each non-neural baseline (POP, S-POP, Item-KNN, SKNN, V-SKNN, STAN, SR) and score a whole test set; one JSON line per model with fit and scoring seconds and the peak RSS. Default: the Diginetica-sized synthetic log.")
                    .WithExample("bench", "baselines")
                    .WithExample("bench", "baselines", "--data", "data/sample/prepared", "--models", "sknn,stan", "--threads", "1");
                bench.AddCommand<BenchGemmCommand>("gemm")
                    .WithDescription("libtorch's float32 matrix-product rate: a square product and the fused scorer's three product shapes.")
                    .WithExample("bench", "gemm");
            });
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
