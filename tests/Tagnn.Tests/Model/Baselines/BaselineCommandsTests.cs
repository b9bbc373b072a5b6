using System.Text.Json;
using System.Text.RegularExpressions;
using Spectre.Console;
using Tagnn.Cli;
using Tagnn.Tests.Data;
using Tagnn.Tests.Training;
using Tagnn.Training;

namespace Tagnn.Tests.Model.Baselines;

/// <summary><c>tagnn train --model X</c> and the commands around a baseline's run (evaluate, recommend, resume,
/// export's refusal), the options a model does not have, and <c>tagnn bench train-step --model X</c>.</summary>
public sealed class BaselineCommandsTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly string data;

    public BaselineCommandsTests()
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
        var previousOut = Console.Out;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
            Ansi = AnsiSupport.No,
        });
        AnsiConsole.Console.Profile.Width = 500;
        Console.SetError(writer);
        Console.SetOut(writer);
        try
        {
            var app = TagnnApp.Create();
            app.Configure(c => c.Settings.Console = AnsiConsole.Console);
            // Error lines are written by their own console, wrapped at 80 columns: compare with whitespace collapsed.
            return (app.Run(args), Regex.Replace(writer.ToString(), @"\s+", " "));
        }
        finally
        {
            AnsiConsole.Console = previous;
            Console.SetError(previousError);
            Console.SetOut(previousOut);
        }
    }

    private string[] Tiny(string model, params string[] args) =>
        ["train", "--model", model, "--data", data, "--hidden-size", "8", "--batch", "16", "--seed", "3", "--no-sknn", "--threads", "1", .. args];

    [Fact]
    public void A_baseline_trains_evaluates_recommends_and_resumes_but_does_not_export()
    {
        var run = temp.Combine("runs", "narm");
        var (code, output) = Run(Tiny("narm", "--epochs", "1", "--run", run, "--dropout", "0.2"));
        Assert.True(code == 0, output);
        Assert.Contains("model NARM, d 8", output);
        Assert.Contains("NARM: P@20", output);
        Assert.Contains("POP: P@20", output);
        var config = RunFolder.Open(run).ReadConfig();
        var spec = Assert.IsType<Tagnn.Model.Baselines.NarmConfig>(config.Model);
        Assert.Equal((8, 0.2, 0.25), (spec.HiddenSize, spec.ContextDropout, spec.EmbeddingDropout));

        var (evaluated, table) = Run("evaluate", "--run", run, "--no-sknn");
        Assert.True(evaluated == 0, table);
        Assert.Contains($"{RunFolder.Open(run).ReadSummary()!.Test["hit_rate@20"]:F2}", table);

        var (recommended, text) = Run("recommend", "--run", run, "--session", "i3 i4", "-k", "3");
        Assert.True(recommended == 0, text);
        Assert.Contains("NARM is not TAGNN or SR-GNN", text);

        var (exported, refusal) = Run("export", "--run", run, "--output", temp.Combine("w.safetensors"));
        Assert.Equal(1, exported);
        Assert.Contains("the run's model is NARM; export writes the reference names of TAGNN and SR-GNN", refusal);
        Assert.False(File.Exists(temp.Combine("w.safetensors")));

        var (resumed, resumeOutput) = Run("train", "--resume", run, "--epochs", "2", "--no-sknn", "--threads", "1");
        Assert.True(resumed == 0, resumeOutput);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Length);
    }

    [Fact]
    public void The_factor_models_have_a_row_per_session_they_train_on()
    {
        // Under the validation protocol a fifth of the sessions is held out: the session table has the rest.
        var run = temp.Combine("runs", "bprmf");
        var (code, output) = Run(Tiny("bprmf", "--epochs", "1", "--run", run, "--protocol", "validation", "--validation-fraction", "0.2"));
        Assert.True(code == 0, output);
        Assert.Contains("BPR-MF: P@20", output);
        var folder = RunFolder.Open(run);
        var config = folder.ReadConfig();
        Assert.IsType<Tagnn.Model.Baselines.BprMfConfig>(config.Model);
        using var scope = TorchSharp.torch.NewDisposeScope();
        var tensors = Tagnn.IO.Safetensors.Load(folder.LastCheckpointPath);
        Assert.Equal([config.Data.TrainSessions, 8L], tensors["model.sessions.weight"].shape);
        Assert.InRange(config.Data.TrainSessions, 40, 55);
        // A checkpoint loaded to score needs no session table (predictions never use it).
        var (model, _) = folder.LoadModel("best");
        using (model) Assert.Equal(0, ((Tagnn.Model.Baselines.BprMf)model).Sessions);
    }

    [Theory]
    [InlineData("stamp", "--dropout", "0.3", "apply to gru4rec and narm; STAMP has no dropout")]
    [InlineData("fpmc", "--embedding-dropout", "0.3", "apply to gru4rec and narm; FPMC has no dropout")]
    [InlineData("gru4rec", "--readout", "local", "--readout applies to tagnn and srgnn only, not gru4rec")]
    [InlineData("tagnn", "--dropout", "0.3", "apply to gru4rec and narm; tagnn has no dropout")]
    [InlineData("sasrec", "--epochs", "1", "--model must be tagnn, srgnn, gru4rec, narm, stamp, bprmf or fpmc")]
    public void Options_a_model_does_not_have_are_refused(string model, string option, string value, string message)
    {
        var (code, output) = Run(Tiny(model, "--epochs", "1", "--run", temp.Combine("runs", "refused"), option, value));
        Assert.Equal(1, code);
        Assert.Contains(message, output);
        Assert.False(Directory.Exists(temp.Combine("runs", "refused")));
        var (weights, error) = Run("evaluate", "--weights", temp.Combine("none.safetensors"), "--model", "narm", "--data", data);
        Assert.Equal(1, weights);
        Assert.Contains("reference-named weights (--weights) exist for tagnn and srgnn only", error);
    }

    [Theory]
    [InlineData("gru4rec", "--dropout", "1", "--dropout must be in [0, 1), got 1.")]
    [InlineData("narm", "--embedding-dropout", "-0.1", "--embedding-dropout must be in [0, 1), got -0.1.")]
    [InlineData("stamp", "--init-weights", "w.safetensors", "--init-weights takes safetensors under the reference names of TAGNN and SR-GNN; stamp has no such names.")]
    public void Out_of_range_options_are_usage_errors_naming_the_option(string model, string option, string value, string message)
    {
        // Usage errors (exit code 2 from the executable, an exception in process) come before any data is read.
        var e = Assert.Throws<Spectre.Console.Cli.CommandRuntimeException>(() =>
            Run(Tiny(model, "--epochs", "1", "--run", temp.Combine("runs", "refused"), option, value)));
        Assert.Equal(message, e.Message);
        Assert.False(Directory.Exists(temp.Combine("runs", "refused")));
    }

    [Theory]
    [InlineData("gru4rec")]
    [InlineData("narm")]
    [InlineData("stamp")]
    [InlineData("bprmf")]
    [InlineData("fpmc")]
    public void Bench_train_step_measures_each_baseline(string model)
    {
        var (code, output) = Run(["bench", "train-step", "--model", model, "--items", "40", "--batch", "6", "--dim", "8", "--length", "5",
            "--min-length", "2", "--steps", "2", "--warmup", "1", "--threads", "1", "--sessions", "30"]);
        Assert.True(code == 0, output);
        var line = JsonDocument.Parse(output[output.IndexOf('{')..(output.LastIndexOf('}') + 1)]).RootElement;
        Assert.Equal(model, line.GetProperty("model").GetString());
        Assert.StartsWith(Tagnn.Model.Baselines.NeuralBaselines.Default(model, 41).Name, line.GetProperty("describe").GetString());
        Assert.True(double.IsFinite(line.GetProperty("loss_last").GetDouble()));
        Assert.True(line.GetProperty("step_ms_median").GetDouble() > 0);
        var sessions = line.GetProperty("sessions");
        if (model is "bprmf" or "fpmc") Assert.Equal(30, sessions.GetInt32());
        else Assert.Equal(JsonValueKind.Null, sessions.ValueKind);
    }
}
