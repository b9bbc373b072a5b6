using System.Text.Json;
using Tagnn.Evaluation;
using Tagnn.Evaluation.Baselines;
using Tagnn.IO;
using Tagnn.Model;
using Tagnn.Tests.Data;
using Tagnn.Training;
using static TorchSharp.torch;

namespace Tagnn.Tests.Training;

/// <summary>Run folders, checkpoints and resuming.</summary>
public sealed class RunTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private (RunConfig Config, TrainingData Data) Setup(TrainingOptions options, string dataFolder = "data")
    {
        var prepared = TinyData.Saved(temp.Combine(dataFolder));
        var data = TrainingData.From(prepared, options);
        var config = new RunConfig { Model = TinyData.TagnnConfig(prepared.ItemTableSize), Training = options, Data = RunData.Describe(data) };
        return (config, data);
    }

    [Fact]
    public void Two_epochs_straight_equal_one_epoch_then_a_resumed_one_bit_for_bit()
    {
        var (config, data) = Setup(TinyData.Options(epochs: 2) with { Protocol = SelectionProtocol.Validation, ValidationFraction = 0.2 });
        RunSummary straightSummary;
        using (var straight = TrainingRun.Start(temp.Combine("straight"), config, data))
        {
            straightSummary = straight.Run(sknn: false);
        }
        using (var first = TrainingRun.Start(temp.Combine("split"), config with { Training = config.Training with { Epochs = 1 } }, data))
        {
            first.Run(sknn: false);
        }
        // A fresh process would reload everything from the folder; so does Resume (data from the recorded path).
        using var resumed = TrainingRun.Resume(temp.Combine("split"), epochs: 2, command: "test resume");
        Assert.Equal(1, resumed.Trainer.CompletedEpochs);
        var resumedSummary = resumed.Run(sknn: false);

        using var straightModel = Checkpoint.LoadModel(Path.Combine(temp.Combine("straight"), "checkpoints", "last.safetensors"));
        TinyData.AssertSameParameters(straightModel, resumed.Trainer.Model);
        var straightFolder = RunFolder.Open(temp.Combine("straight"));
        TinyData.AssertSameHistory(straightFolder.ReadMetrics(), resumed.Folder.ReadMetrics());
        Assert.Equal(straightSummary.Test, resumedSummary.Test);
        Assert.Equal((straightSummary.HitRate20, straightSummary.Mrr20, straightSummary.SelectedEpoch),
            (resumedSummary.HitRate20, resumedSummary.Mrr20, resumedSummary.SelectedEpoch));
        // Adam's moments too.
        using var scope = NewDisposeScope();
        var straightTensors = Safetensors.Load(straightFolder.LastCheckpointPath);
        var resumedTensors = Safetensors.Load(resumed.Folder.LastCheckpointPath);
        foreach (var (name, tensor) in straightTensors.Where(p => p.Key.StartsWith("optimizer.", StringComparison.Ordinal)))
            Assert.True(TinyData.BitEqual(tensor, resumedTensors[name]), $"{name} differs");
        var config2 = resumed.Folder.ReadConfig();
        Assert.Equal(2, config2.Training.Epochs);
        Assert.Equal("test resume", Assert.Single(config2.Resumes).Command);
    }

    [Fact]
    public void Each_epoch_is_checkpointed_and_logged_before_its_report_is_passed_on()
    {
        var (config, data) = Setup(TinyData.Options(epochs: 2));
        using var run = TrainingRun.Start(temp.Combine("run"), config, data);
        var seen = new List<(int Epoch, int Checkpointed, int Logged)>();
        run.Run(new InlineProgress<TrainingProgress>(p =>
        {
            if (p.Completed is { } epoch)
                seen.Add((epoch.Epoch, Checkpoint.ReadInfo(run.Folder.LastCheckpointPath).State.CompletedEpochs, run.Folder.ReadMetrics().Count));
        }), sknn: false);
        Assert.Equal([(0, 1, 1), (1, 2, 2)], seen);
    }

    [Fact]
    public void An_existing_run_folder_is_never_overwritten()
    {
        var (config, data) = Setup(TinyData.Options(epochs: 1));
        var folder = temp.Combine("run");
        using (var run = TrainingRun.Start(folder, config, data)) run.Run(sknn: false);
        var before = File.ReadAllBytes(Path.Combine(folder, "checkpoints", "last.safetensors"));
        var e = Assert.Throws<IOException>(() => TrainingRun.Start(folder, config, data));
        Assert.Contains("never overwritten", e.Message);
        Assert.Contains(Path.GetFullPath(folder), e.Message);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(folder, "checkpoints", "last.safetensors")));
        // An empty folder is fine.
        Directory.CreateDirectory(temp.Combine("empty"));
        using (TrainingRun.Start(temp.Combine("empty"), config, data)) { }
    }

    [Fact]
    public void Writes_config_metrics_checkpoints_and_summary()
    {
        var (config, data) = Setup(TinyData.Options(epochs: 3));
        var folder = temp.Combine("run");
        RunSummary summary;
        using (var run = TrainingRun.Start(folder, config, data)) summary = run.Run(sknn: true);

        var reread = RunConfig.FromJson(File.ReadAllText(Path.Combine(folder, "config.json")), "config.json");
        Assert.Equal(config.Model, reread.Model);
        Assert.Equal(config.Training, reread.Training);
        Assert.Equal(Path.GetFullPath(temp.Combine("data")), reread.Data.Path);
        Assert.Equal(data.Test.MaxPrefixLength, reread.Data.TestPadLength);
        var configText = File.ReadAllText(Path.Combine(folder, "config.json"));
        foreach (var key in new[] { "\"formulation\": \"reference\"", "\"protocol\": \"reference\"", "\"seed\": 7", "\"stepping\": \"reference\"",
                     "\"batch_size\": 16", "\"padding\": \"batch\"", "\"stats\":", "\"versions\":" })
            Assert.Contains(key, configText);

        var lines = File.ReadAllLines(Path.Combine(folder, "metrics.jsonl"));
        Assert.Equal(3, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            using var doc = JsonDocument.Parse(lines[i]);
            var root = doc.RootElement;
            Assert.Equal(i, root.GetProperty("epoch").GetInt32());
            Assert.Equal(i < 2 ? 1e-3 : 1e-3 * 0.1, root.GetProperty("lr").GetDouble());
            Assert.True(root.GetProperty("train_loss").GetDouble() > 0);
            Assert.True(root.GetProperty("seconds").GetDouble() > 0);
            Assert.Equal("test", root.GetProperty("set").GetString());
            var metrics = summary.Test.Keys; // every metric of MetricsReport.ToDictionary()
            Assert.Equal(15, metrics.Count());
            foreach (var key in metrics) Assert.Equal(JsonValueKind.Number, root.GetProperty(key).ValueKind);
        }

        Assert.True(File.Exists(Path.Combine(folder, "checkpoints", "last.safetensors")));
        Assert.True(File.Exists(Path.Combine(folder, "checkpoints", "best.safetensors")));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories));
        var best = Checkpoint.ReadInfo(Path.Combine(folder, "checkpoints", "best.safetensors"));
        Assert.Equal(summary.SelectedEpoch + 1, best.State.CompletedEpochs);
        Assert.Equal(data.ItemCount, best.Items.Count);
        Assert.Equal("i1", best.Items.OriginalId(1));

        var onDisk = RunFolder.Open(folder).ReadSummary()!;
        Assert.Equal(new[] { "pop", "sknn" }, onDisk.Baselines.Keys.Order());
        var pop = PopularityBaseline.FromTrain(data.Train, data.ItemCount).Evaluate(data.Test);
        Assert.Equal(pop.Headline, (onDisk.Baselines["pop"].HitRate20, onDisk.Baselines["pop"].Mrr20));
        Assert.Equal("test", onDisk.SelectedOn);
        Assert.Contains("selected on the test set", onDisk.Label);
        Assert.Equal(3, onDisk.EpochsTrained);
    }

    [Fact]
    public void Epoch_records_round_trip_through_json_even_with_a_diverged_loss()
    {
        var metrics = new Tagnn.Evaluation.RankingMetrics(3);
        metrics.AddRanks([1, 4]);
        var epoch = new EpochResult(2, 1e-4, double.NaN, 5, 80, "validation", metrics.Result(), new EpochImprovement(false, true), 1, 1.5, 0.25);
        var line = JsonSerializer.Serialize(epoch.ToJsonObject(), RunJson.Compact);
        Assert.Contains("\"train_loss\":\"NaN\"", line);
        using var doc = JsonDocument.Parse(line);
        var back = EpochResult.FromJson(doc.RootElement);
        Assert.True(double.IsNaN(back.TrainLoss));
        Assert.Equal(epoch with { TrainLoss = 0, Metrics = null! }, back with { TrainLoss = 0, Metrics = null! });
        Assert.Equal(epoch.Metrics.ToDictionary(), back.Metrics.ToDictionary());
        Assert.Equal(1.75, back.Seconds);
    }

    [Fact]
    public void A_run_can_start_from_weights_under_the_reference_names()
    {
        var (config, data) = Setup(TinyData.Options(epochs: 1));
        var weights = temp.Combine("init.safetensors");
        using (var source = Tagnn.Model.ModelFactory.Create((ModelConfig)config.Model, seed: 99)) source.SaveReferenceWeights(weights);
        using var run = TrainingRun.Start(temp.Combine("run"), config with { InitWeights = weights }, data);
        using var scope = NewDisposeScope();
        var loaded = Safetensors.Load(weights);
        foreach (var (name, tensor) in ((SessionModel)run.Trainer.Model).ReferenceTensors())
            Assert.True(TinyData.BitEqual(loaded[name], tensor), name);
        Assert.Equal(weights, run.Folder.ReadConfig().InitWeights);
    }

    [Fact]
    public void A_failed_checkpoint_write_leaves_no_partial_file_and_keeps_the_previous_one()
    {
        var (config, data) = Setup(TinyData.Options(epochs: 1));
        using var trainer = Trainer.Create(config.Model, data, config.Training);
        trainer.TrainEpoch();
        var path = temp.Combine("checkpoints", "last.safetensors");
        Checkpoint.Save(path, trainer, config);
        var before = File.ReadAllBytes(path);
        trainer.TrainEpoch();

        // The write dies after 1000 bytes (a full disk, a killed process): the earlier checkpoint stays as it was.
        var e = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream => Checkpoint.Write(new FailingStream(stream, 1000), trainer, config)));
        Assert.Equal("disk full", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(temp.Combine("checkpoints")));
        Assert.Equal(1, Checkpoint.ReadInfo(path).State.CompletedEpochs);

        // A first write that fails leaves nothing under the final name.
        var fresh = temp.Combine("checkpoints", "other.safetensors");
        Assert.Throws<IOException>(() => AtomicFile.Write(fresh, stream => Checkpoint.Write(new FailingStream(stream, 10), trainer, config)));
        Assert.False(File.Exists(fresh));
        Assert.Single(Directory.GetFiles(temp.Combine("checkpoints")));
    }

    [Fact]
    public void Restore_refuses_a_checkpoint_of_another_model_or_data()
    {
        var (config, data) = Setup(TinyData.Options(epochs: 1));
        using var trainer = Trainer.Create(config.Model, data, config.Training);
        trainer.TrainEpoch();
        var path = temp.Combine("c.safetensors");
        Checkpoint.Save(path, trainer, config);

        using var wider = Trainer.Create((ModelConfig)config.Model with { HiddenSize = 12 }, data, config.Training);
        Assert.Contains("another model", Assert.Throws<InvalidDataException>(() => Checkpoint.Restore(path, wider)).Message);
        var otherData = TrainingData.From(TinyData.Prepared(trainSessions: 70), config.Training);
        using var elsewhere = Trainer.Create(config.Model, otherData, config.Training);
        Assert.Contains("not the data of this run", Assert.Throws<InvalidDataException>(() => Checkpoint.Restore(path, elsewhere)).Message);

        var weights = temp.Combine("w.safetensors");
        ((SessionModel)trainer.Model).SaveReferenceWeights(weights);
        Assert.Contains("not a tagnn checkpoint", Assert.Throws<InvalidDataException>(() => Checkpoint.ReadInfo(weights)).Message);
    }

    private sealed class FailingStream(Stream inner, long failAfter) : Stream
    {
        private long written;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => written;
        public override long Position { get => written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var allowed = (int)Math.Max(0, Math.Min(buffer.Length, failAfter - written));
            inner.Write(buffer[..allowed]);
            written += allowed;
            if (allowed < buffer.Length) throw new IOException("disk full");
        }

        public override void WriteByte(byte value) => Write([value]);
    }
}
