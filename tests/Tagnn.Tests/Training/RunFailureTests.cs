using Tagnn.IO;
using Tagnn.Tests.Cli;
using Tagnn.Tests.Data;
using Tagnn.Tests.Support;
using Tagnn.Training;
using static TorchSharp.torch;

namespace Tagnn.Tests.Training;

/// <summary>How a run fails, and what it leaves (issue 9, items 2, 3, 5 and the disk-full case): a diverged loss stops
/// with the epoch and step and keeps the last good checkpoint; a run that fails before its first checkpoint leaves
/// nothing; a full disk never damages the last checkpoint; a resume cleans what killed writes left.</summary>
public sealed class RunFailureTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private (RunConfig Config, TrainingData Data) Setup(int epochs)
    {
        var prepared = TinyData.Saved(temp.Combine("data"));
        var options = TinyData.Options(epochs);
        var data = TrainingData.From(prepared, options);
        return (new RunConfig { Model = TinyData.TagnnConfig(prepared.ItemTableSize), Training = options, Data = RunData.Describe(data) }, data);
    }

    [Fact]
    public void A_NaN_loss_stops_at_its_epoch_and_step_and_the_last_good_checkpoint_stays()
    {
        var (config, data) = Setup(epochs: 1);
        var folder = temp.Combine("run");
        using (var first = TrainingRun.Start(folder, config, data)) first.Run(sknn: false);
        var lastGood = File.ReadAllBytes(RunFolder.Open(folder).LastCheckpointPath);
        using var run = TrainingRun.Resume(folder, epochs: 3);
        using (no_grad()) run.Trainer.Model.parameters().First().fill_(double.NaN); // what a far too large step does

        var e = Assert.Throws<TrainingDivergedException>(() => run.Run(sknn: false));

        Assert.Equal((1, 1), (e.Epoch, e.Step));
        Assert.Contains("Training diverged at epoch 1, step 1 of", e.Message);
        Assert.Contains("the loss is NaN", e.Message);
        Assert.Contains($"The last good checkpoint (after epoch 0) is kept: {run.Folder.LastCheckpointPath}", e.Message);
        Assert.Contains("lower learning rate (--lr", e.Message);
        Assert.Equal(lastGood, File.ReadAllBytes(run.Folder.LastCheckpointPath));
        Assert.Single(run.Folder.ReadMetrics());
        using var model = Checkpoint.LoadModel(run.Folder.LastCheckpointPath); // the kept checkpoint is usable
    }

    [Fact]
    public void A_full_disk_at_the_first_checkpoint_leaves_no_run_folder_and_the_name_stays_free()
    {
        var (config, data) = Setup(epochs: 1);
        var folder = temp.Combine("run");
        using (var disk = SimulatedDiskFull.AtWrite(".last.safetensors.", occurrence: 1))
        {
            using var run = TrainingRun.Start(folder, config, data);
            Assert.Contains("No space left", Assert.Throws<IOException>(() => run.Run(sknn: false)).Message);
            Assert.Equal(1, disk.Refusals);
        }
        Assert.False(Directory.Exists(folder), "a run without any checkpoint left its folder behind");

        using var again = TrainingRun.Start(folder, config, data); // the same name works
        Assert.Equal(1, again.Run(sknn: false).EpochsTrained);
    }

    [Fact]
    public void A_full_disk_at_a_later_checkpoint_keeps_the_previous_one_and_the_resumed_run_ends_bit_identical()
    {
        var (config, data) = Setup(epochs: 2);
        using var straight = TrainingRun.Start(temp.Combine("straight"), config, data);
        straight.Run(sknn: false);

        var folder = temp.Combine("run");
        using (var disk = SimulatedDiskFull.AtWrite(".last.safetensors.", occurrence: 2))
        {
            using var run = TrainingRun.Start(folder, config, data);
            Assert.Contains("No space left", Assert.Throws<IOException>(() => run.Run(sknn: false)).Message);
            Assert.Equal(1, disk.Refusals);
        }
        var kept = RunFolder.Open(folder);
        Assert.Equal(1, Checkpoint.ReadInfo(kept.LastCheckpointPath).State.CompletedEpochs); // epoch 0's, intact:
        using (var scope = NewDisposeScope()) Safetensors.Load(kept.LastCheckpointPath);   // every checksum matches
        Assert.Empty(Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories));
        Assert.Single(kept.ReadMetrics());

        using var resumed = TrainingRun.Resume(folder);
        Assert.Equal(1, resumed.Trainer.CompletedEpochs);
        resumed.Run(sknn: false);
        TinyData.AssertSameParameters(straight.Trainer.Model, resumed.Trainer.Model);
    }

    [Fact]
    public void A_folder_left_by_a_kill_before_the_first_checkpoint_is_explained_when_its_name_is_reused()
    {
        var (config, data) = Setup(epochs: 1);
        var folder = temp.Combine("run");
        RunFolder.Create(folder, config); // what a process killed during its first epoch leaves: config.json, no checkpoint

        var e = Assert.Throws<IOException>(() => TrainingRun.Start(folder, config, data));
        Assert.Contains("holds a run that never finished its first epoch", e.Message);
        Assert.Contains("delete it, or choose another run name", e.Message);
        Assert.Contains("has the run finished an epoch?", Assert.Throws<FileNotFoundException>(() => TrainingRun.Resume(folder)).Message);
    }

    [Fact]
    public void A_resume_removes_the_temporaries_of_writes_a_kill_interrupted()
    {
        var (config, data) = Setup(epochs: 1);
        var folder = temp.Combine("run");
        using (var run = TrainingRun.Start(folder, config, data)) run.Run(sknn: false);
        var dead = int.MaxValue; // no such process
        string Temp(string name, int pid) => Path.Combine(folder, name.StartsWith("checkpoints/", StringComparison.Ordinal) ? "checkpoints" : "",
            $".{Path.GetFileName(name)}.{pid}.{Guid.NewGuid():N}.tmp");
        var abandoned = new[] { Temp("checkpoints/last.safetensors", dead), Temp("checkpoints/best.safetensors", dead), Temp("config.json", dead), Temp("metrics.jsonl", dead) };
        var live = Temp("checkpoints/last.safetensors", Environment.ProcessId); // a write still under way
        var foreign = Path.Combine(folder, "notes.txt.12.tmp"); // not ours
        foreach (var file in abandoned.Append(live).Append(foreign)) File.WriteAllText(file, "partial");

        using (TrainingRun.Resume(folder, epochs: 2)) { }

        Assert.All(abandoned, f => Assert.False(File.Exists(f), $"{f} is still there"));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(foreign));
    }

    [Fact]
    public void Non_finite_weights_are_refused_on_load_naming_the_file_and_the_tensor()
    {
        var run = temp.Combine("run");
        var data = temp.Combine("data");
        TinyData.Saved(data);
        Assert.Equal(0, InProcessCli.Run(Tiny(data, "--run", run)).Code);
        var weights = temp.Combine("w.safetensors");
        Assert.Equal(0, InProcessCli.Run("export", "--run", run, "--output", weights).Code);
        var folder = RunFolder.Open(run);
        foreach (var (file, tensor) in new[] { (folder.BestCheckpointPath, "model.embedding.weight"), (folder.LastCheckpointPath, "model.embedding.weight"), (weights, "embedding.weight") })
            PutNaN(file, tensor); // checksums recomputed: the file is intact, its numbers are not

        foreach (var args in new[]
        {
            new[] { "evaluate", "--run", run, "--no-sknn" },
            ["recommend", "--run", run, "--session", "i3 i4"],
            ["export", "--run", run, "--output", temp.Combine("again.safetensors")],
            ["train", "--resume", run, "--epochs", "2", "--no-sknn"],
        })
        {
            var (code, output) = InProcessCli.Run(args);
            Assert.True(code == 1, $"{args[0]}: exit {code}\n{output}");
            var file = args[0] == "train" ? folder.LastCheckpointPath : folder.BestCheckpointPath;
            Assert.Contains($"error: {file}: tensor 'model.embedding.weight' holds 1 NaN or infinite value(s) of", output);
        }
        var (weightsCode, weightsOutput) = InProcessCli.Run("evaluate", "--weights", weights, "--data", data, "--hidden", "8", "--no-sknn");
        Assert.Equal(1, weightsCode);
        Assert.Contains($"error: {weights}: tensor 'embedding.weight' holds 1 NaN", weightsOutput);
        Assert.Equal(1, InProcessCli.Run(Tiny(data, "--run", temp.Combine("init"), "--init-weights", weights)).Code);
        Assert.False(Directory.Exists(temp.Combine("init")));
    }

    [Fact]
    public void Empty_train_or_test_sets_are_refused_naming_the_set_and_the_file_before_any_run_folder_exists()
    {
        // An SR-GNN pickle ([], []) for the training set converts (with a warning) to an empty train.tsv.
        var pickles = temp.Combine("pickles");
        Directory.CreateDirectory(pickles);
        SrGnnPickle.Write(Path.Combine(pickles, "train.txt"), new SrGnnExamples([], [0], []));
        SrGnnPickle.Write(Path.Combine(pickles, "test.txt"), new SrGnnExamples([1, 2], [0, 2], [3]));
        var prepared = temp.Combine("prepared");
        var (converted, conversion) = InProcessCli.Run("convert", "--from", "pickle", "--to", "tsv", "--input", pickles, "--output", prepared);
        Assert.Equal(0, converted);
        Assert.Contains($"warning: {Path.Combine(pickles, "train.txt")} holds no examples", conversion);

        var run = temp.Combine("runs", "empty");
        var (code, output) = InProcessCli.Run(Tiny(prepared, "--run", run));
        Assert.Equal(1, code);
        Assert.Contains($"error: {Path.Combine(prepared, "train.tsv")}: the training set has no examples", output);
        Assert.False(Directory.Exists(run));

        var emptyTest = temp.Combine("empty-test");
        TinyData.Saved(emptyTest);
        File.WriteAllText(Path.Combine(emptyTest, "test.tsv"), "");
        (code, output) = InProcessCli.Run(Tiny(emptyTest, "--run", run));
        Assert.Equal(1, code);
        Assert.Contains($"error: {Path.Combine(emptyTest, "test.tsv")}: the test set has no examples", output);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void Resuming_a_run_started_with_no_sknn_does_not_score_SKNN()
    {
        var data = temp.Combine("data");
        TinyData.Saved(data);
        var run = temp.Combine("run");
        Assert.Equal(0, InProcessCli.Run(Tiny(data, "--run", run)).Code);
        Assert.False(RunFolder.Open(run).ReadConfig().SknnBaseline);

        var (code, output) = InProcessCli.Run("train", "--resume", run, "--epochs", "2");
        Assert.True(code == 0, output);
        Assert.DoesNotContain("SKNN", output);
        Assert.Equal(["pop"], RunFolder.Open(run).ReadSummary()!.Baselines.Keys);
    }

    private static string[] Tiny(string data, params string[] args) =>
        ["train", "--data", data, "--hidden", "8", "--batch", "16", "--epochs", "1", "--seed", "3", "--no-sknn", .. args];

    /// <summary>Rewrites a safetensors file with one NaN in <paramref name="tensor"/> and fresh checksums.</summary>
    private static void PutNaN(string file, string tensor)
    {
        using var scope = NewDisposeScope();
        var header = Safetensors.ReadHeader(file);
        var tensors = Safetensors.Load(file);
        tensors[tensor][1][0].fill_(double.NaN);
        Safetensors.Save(file, tensors, header.Metadata, checksums: true);
    }
}
