using Spectre.Console;
using Tagnn.Cli;
using Tagnn.Tests.Data;
using Tagnn.Training;
using static TorchSharp.torch;

namespace Tagnn.Tests.Training;

/// <summary><c>tagnn train / evaluate / recommend / export</c> end to end, in process, on a tiny dataset.</summary>
public sealed class TrainingCommandsTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly string data;

    public TrainingCommandsTests()
    {
        data = temp.Combine("data");
        TinyData.Saved(data);
    }

    public void Dispose() => temp.Dispose();

    private static (int Code, string Output) Run(params string[] args)
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
        AnsiConsole.Console.Profile.Width = 500; // no line wrapping in the captured text
        Console.SetError(writer);
        try
        {
            var app = TagnnApp.Create();
            app.Configure(c => c.Settings.Console = AnsiConsole.Console); // help and usage errors too
            var code = app.Run(args);
            return (code, writer.ToString());
        }
        finally
        {
            AnsiConsole.Console = previous;
            Console.SetError(previousError);
        }
    }

    private string[] Tiny(params string[] args) =>
        ["train", "--data", data, "--hidden", "8", "--batch", "16", "--seed", "3", "--no-sknn", .. args];

    [Fact]
    public void Train_writes_a_run_folder_prints_the_metrics_next_to_POP_and_never_overwrites_it()
    {
        var run = temp.Combine("runs", "first");
        var (code, output) = Run(Tiny("--epochs", "2", "--run", run));
        Assert.True(code == 0, output);
        Assert.Contains("device cpu", output);
        Assert.Contains("TAGNN: P@20", output);
        Assert.Contains("POP: P@20", output);
        Assert.Contains("SELECTED ON THE TEST SET", output);
        var summary = RunFolder.Open(run).ReadSummary()!;
        Assert.Contains($"P@20 {summary.HitRate20:F2}  MRR@20 {summary.Mrr20:F2}", output);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Length);

        var before = File.ReadAllBytes(Path.Combine(run, "config.json"));
        var (again, message) = Run(Tiny("--epochs", "2", "--run", run));
        Assert.Equal(1, again);
        Assert.Contains("never overwritten", message);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(run, "config.json")));

        var (resumed, resumeOutput) = Run("train", "--resume", run, "--epochs", "3", "--no-sknn");
        Assert.True(resumed == 0, resumeOutput);
        Assert.Contains("resuming", resumeOutput);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Length);
        Assert.Throws<Spectre.Console.Cli.CommandRuntimeException>(() => Run("train", "--resume", run, "--data", data));
    }

    [Fact]
    public void Validation_protocol_and_options_are_recorded()
    {
        var run = temp.Combine("runs", "val");
        var (code, output) = Run(Tiny("--epochs", "1", "--run", run, "--protocol", "validation", "--model", "srgnn",
            "--formulation", "masked", "--lr-stepping", "textbook", "--padding", "dataset"));
        Assert.True(code == 0, output);
        Assert.Contains("Validation protocol", output);
        var config = RunFolder.Open(run).ReadConfig();
        Assert.Equal(SelectionProtocol.Validation, config.Training.Protocol);
        Assert.Equal(Tagnn.Model.ModelKind.SrGnn, ((Tagnn.Model.ModelConfig)config.Model).Kind);
        Assert.Equal(Tagnn.Model.Formulation.Masked, ((Tagnn.Model.ModelConfig)config.Model).Formulation);
        Assert.Equal(LearningRateStepping.Textbook, config.Training.Stepping);
        Assert.Equal(Tagnn.Graphs.PaddingPolicy.Dataset, config.Training.Padding);
        Assert.NotNull(config.Data.ValidationExamples);
        Assert.Equal("validation", RunFolder.Open(run).ReadSummary()!.SelectedOn);
        Assert.Equal(1, Run(Tiny("--run", temp.Combine("runs", "bad"), "--protocol", "test")).Code);
    }

    [Fact]
    public void Evaluate_export_import_and_recommend_a_run()
    {
        var run = temp.Combine("runs", "r");
        Assert.Equal(0, Run(Tiny("--epochs", "1", "--run", run)).Code);

        var (evaluated, table) = Run("evaluate", "--run", run, "--no-sknn");
        Assert.True(evaluated == 0, table);
        var summary = RunFolder.Open(run).ReadSummary()!;
        Assert.Contains($"{summary.Test["hit_rate@20"]:F2}", table);

        var weights = temp.Combine("w.safetensors");
        Assert.Equal(0, Run("export", "--run", run, "--output", weights).Code);
        Assert.Equal(1, Run("export", "--run", run, "--output", weights).Code); // exists: refused without --force
        using (var scope = NewDisposeScope())
        {
            var (best, _) = RunFolder.Open(run).LoadModel("best");
            var model = (Tagnn.Model.SessionModel)best;
            var loaded = Tagnn.IO.Safetensors.Load(weights);
            Assert.Equal(model.ReferenceTensors().Select(p => p.Name), loaded.Keys);
            foreach (var (name, tensor) in model.ReferenceTensors()) Assert.True(TinyData.BitEqual(tensor, loaded[name]), name);
            model.Dispose();
        }
        // The exported weights score exactly as the run's checkpoint.
        var (fromWeights, weightsTable) = Run("evaluate", "--weights", weights, "--data", data, "--hidden", "8", "--no-sknn");
        Assert.True(fromWeights == 0, weightsTable);
        Assert.Contains($"{summary.Test["hit_rate@20"]:F2}", weightsTable);
        Assert.Contains($"{summary.Test["mrr@20"]:F2}", weightsTable);
        Assert.Equal(1, Run("evaluate", "--weights", weights, "--data", data, "--hidden", "16").Code); // shapes differ

        var (started, startOutput) = Run(Tiny("--epochs", "1", "--run", temp.Combine("runs", "init"), "--init-weights", weights));
        Assert.True(started == 0, startOutput);
        Assert.EndsWith("w.safetensors", RunFolder.Open(temp.Combine("runs", "init")).ReadConfig().InitWeights);

        var (recommended, text) = Run("recommend", "--run", run, "--session", "i3 i4 nope", "-k", "4");
        Assert.True(recommended == 0, text);
        Assert.Contains("dropped 1 unknown item id(s): nope", text);
        Assert.Contains("target attention", text);
        Assert.Contains("i3 @0", text);
        var (unknown, error) = Run("recommend", "--run", run, "--session", "nope other");
        Assert.Equal(1, unknown);
        Assert.Contains("None of the session's item ids is known", error);
        Assert.Equal(1, Run("recommend", "--run", run, "--session", " ").Code);
    }

    [Fact]
    public void Every_training_command_has_help()
    {
        foreach (var command in new[] { "train", "evaluate", "recommend", "export" })
        {
            var (code, output) = Run(command, "--help");
            Assert.Equal(0, code);
            Assert.Contains("--", output);
        }
        Assert.Contains("--protocol", Run("train", "--help").Output);
        Assert.Contains("--session", Run("recommend", "--help").Output);
    }
}
