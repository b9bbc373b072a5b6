using System.Text.Json;
using Tagnn.Data;
using Tagnn.Evaluation;
using Tagnn.Model;
using Tagnn.Tests.Data;
using Tagnn.Training;

namespace Tagnn.Tests.Training;

/// <summary>Run folders and checkpoints of format <c>tagnn-run/1</c> (Fixtures/old-runs, written by main before
/// <see cref="ModelSpec"/>) still load, score as they did, and resume.</summary>
public sealed class OldRunFolderTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Fixtures", "old-runs", .. parts]);

    private string Copy(string name)
    {
        var target = temp.Combine(name);
        foreach (var file in Directory.EnumerateFiles(Fixture(name), "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(Fixture(name), file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }

    public static TheoryData<string> Folders() => ["tagnn", "paper", "srgnn"];

    private static ModelConfig Expected(string name) => name switch
    {
        "tagnn" => ModelConfig.ForTagnn(1353) with { HiddenSize = 4 },
        "paper" => ModelConfig.ForTagnn(1353, Formulation.Paper) with { HiddenSize = 4 },
        _ => ModelConfig.ForSrGnn(1353) with { HiddenSize = 4 },
    };

    [Theory]
    [MemberData(nameof(Folders))]
    public void A_format_1_config_reads_with_that_formats_defaults_made_explicit(string name)
    {
        var path = Fixture(name, RunFolder.ConfigFile);
        var raw = File.ReadAllText(path);
        Assert.Contains($"\"format\": \"{RunConfig.Format1Name}\"", raw);               // really the old format
        Assert.Contains("\"target_attention\": null", raw);
        Assert.DoesNotContain("\"type\"", raw);

        var config = RunFolder.Open(Fixture(name)).ReadConfig();
        Assert.Equal(Expected(name), config.Model);
        Assert.Equal(RunConfig.FormatName, config.Format);                                 // upgraded when read
        using var document = JsonDocument.Parse(raw);
        Assert.Equal(document.RootElement.GetProperty("model_summary").GetString(), config.Model.Describe()); // one description
    }

    [Fact]
    public void An_old_checkpoint_scores_as_it_did_and_the_run_resumes_in_the_new_format()
    {
        var directory = Copy("tagnn");
        var folder = RunFolder.Open(directory);
        var config = folder.ReadConfig();
        var info = Checkpoint.ReadInfo(folder.LastCheckpointPath);
        Assert.Equal(config.Model, info.Config.Model);
        Assert.Equal(2, info.State.CompletedEpochs);
        var data = TrainingData.Load(SampleData.PreparedPath, config.Training);
        config.Data.CheckSame(data);

        // The checkpoint's weights score the test set to the numbers main recorded, bit for bit.
        var (model, _) = folder.LoadModel("last");
        var recorded = folder.ReadMetrics();
        using (model)
        {
            var session = Assert.IsType<SessionModel>(model);
            Assert.Equal(Expected("tagnn"), session.Config);
            var report = ModelEvaluator.Evaluate(model, data.Test, data.Popularity,
                new EvaluationOptions(config.Training.BatchSize, config.Training.Padding));
            Assert.Equal(recorded[^1].Metrics.ToDictionary(), report.ToDictionary());
        }

        // Resuming continues it and writes the current format.
        using (var resumed = TrainingRun.Resume(directory, epochs: 3, command: "resume an old run", data: data))
        {
            Assert.Equal(2, resumed.Trainer.CompletedEpochs);
            resumed.Run(sknn: false);
        }
        var metrics = folder.ReadMetrics();
        Assert.Equal(3, metrics.Count);
        TinyData.AssertSameHistory(recorded, metrics.Take(2).ToList());
        var rewritten = File.ReadAllText(folder.ConfigPath);
        Assert.Contains($"\"format\": \"{RunConfig.FormatName}\"", rewritten);
        Assert.Contains($"\"type\": \"{ModelConfig.TypeName}\"", rewritten);
        Assert.Contains("\"target_attention\": true", rewritten);
        Assert.Equal(config.Model, folder.ReadConfig().Model);
        Assert.Equal("resume an old run", Assert.Single(folder.ReadConfig().Resumes).Command);
    }
}
