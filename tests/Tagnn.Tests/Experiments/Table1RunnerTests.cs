using nietras.SeparatedValues;
using Tagnn.Evaluation.Baselines;
using Tagnn.Experiments;
using Tagnn.Tests.Data;
using Tagnn.Tests.Training;
using Tagnn.Training;

namespace Tagnn.Tests.Experiments;

/// <summary><see cref="Table1Runner"/> on a tiny dataset with fast models: the outputs, failures, reruns, cancellation.</summary>
public sealed class Table1RunnerTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly string data;

    public Table1RunnerTests()
    {
        data = temp.Combine("data");
        TinyData.Saved(data);
    }

    public void Dispose() => temp.Dispose();

    private Table1Options Options(string output, int epochs = 2, int seeds = 1, SelectionProtocol protocol = SelectionProtocol.Reference) => new()
    {
        Data = data,
        Output = temp.Combine(output),
        Seeds = seeds,
        BaseSeed = 7,
        Protocol = protocol,
        Epochs = EpochPreset.Parse(epochs.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        BaselineThreads = 1,
    };

    private static Table1Result Run(Table1Options options, ModelCatalog? catalog = null, Table1Observer? observer = null,
        CancellationToken cancellationToken = default) =>
        new Table1Runner(options, catalog ?? Table1TestModels.Small(), observer).Run(cancellationToken);

    /// <summary>Counts what the runner really runs, and optionally cancels after a training epoch.</summary>
    private sealed class Recorder(CancellationTokenSource? cancelAfterFirstEpoch = null) : Table1Observer
    {
        public List<Table1Job> Planned { get; } = [];
        public List<Table1Job> Trained { get; } = [];
        public List<Table1Job> Fitted { get; } = [];

        public override void Starting(Table1Result table, IReadOnlyList<Table1Job> jobs) => Planned.AddRange(jobs);

        public override RunSummary Train(Table1Job job, TrainingRun run, Func<IProgress<TrainingProgress>?, RunSummary> train)
        {
            Trained.Add(job);
            return train(cancelAfterFirstEpoch is null ? null : new InlineProgress<TrainingProgress>(p =>
            {
                if (p.Completed is not null) cancelAfterFirstEpoch.Cancel();
            }));
        }

        public override BaselineOutcome Fit(Table1Job job, int testExamples, Func<Action<int>?, BaselineOutcome> fit)
        {
            Fitted.Add(job);
            return fit(null);
        }
    }

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        using var reader = Sep.Reader().FromFile(path);
        Assert.Equal(Table1Csv.Columns, reader.Header.ColNames);
        var rows = new List<Dictionary<string, string>>();
        foreach (var row in reader)
        {
            var cells = new Dictionary<string, string>();
            foreach (var column in Table1Csv.Columns) cells[column] = row[column].ToString();
            rows.Add(cells);
        }
        return rows;
    }

    [Fact]
    public void Writes_the_csv_md_json_and_a_run_folder_per_model_and_seed_with_the_spread_over_seeds()
    {
        var result = Run(Options("out", seeds: 2));
        var folder = Table1Folder.At(temp.Combine("out"));

        Assert.Equal(Table1Csv.Header, File.ReadLines(folder.CsvPath).First());
        var csv = ReadCsv(folder.CsvPath);
        Assert.Equal(["pop", "sknn", "mean"], csv.Select(r => r["model"]));
        Assert.True(result.Complete);

        // The neural model: one run folder per seed (base seed + k), mean and sample std of the two runs.
        var summaries = new[] { 7L, 8L }.Select(s => RunFolder.Open(folder.Full(Table1Folder.RunName("mean", s))).ReadSummary()!).ToList();
        Assert.Equal(7, RunFolder.Open(folder.Full("runs/mean-seed7")).ReadConfig().Training.Seed);
        Assert.Equal(8, RunFolder.Open(folder.Full("runs/mean-seed8")).ReadConfig().Training.Seed);
        var (a, b) = (summaries[0].HitRate20, summaries[1].HitRate20);
        var mean = result.Rows.Single(r => r.Model == "mean");
        Assert.Equal(2, mean.Seeds);
        Assert.Equal((a + b) / 2, mean.P20Mean!.Value, 12);
        Assert.Equal(Math.Abs(a - b) / Math.Sqrt(2), mean.P20Std!.Value, 12); // sample std of two values: |a - b| / sqrt(2)
        Assert.Equal("2", csv[2]["seeds"]);
        Assert.Equal(((a + b) / 2).ToString("F4", System.Globalization.CultureInfo.InvariantCulture), csv[2]["p20_mean"]);
        Assert.Equal(summaries.Average(s => s.Test["ndcg@20"]), mean.Ndcg20Mean!.Value, 12);

        // A baseline is deterministic under the reference protocol: one run, spread 0, its result file.
        var pop = result.Rows.Single(r => r.Model == "pop");
        Assert.True(pop.Deterministic);
        Assert.Equal(1, pop.Seeds);
        Assert.Equal(0, pop.P20Std);
        Assert.Equal("1", csv[0]["seeds"]);
        Assert.Equal("0.0000", csv[0]["p20_std"]);
        var record = BaselineRecord.TryLoad(folder.Full(Table1Folder.BaselineName("pop", null)))!;
        Assert.Equal(record.Metrics["hit_rate@20"], pop.P20Mean);

        // table1.json holds every run; table1.md every model, SKNN and Mean below the paper's methods.
        var json = Table1Result.Load(folder.JsonPath);
        Assert.Equal([7L, 8L], json.Rows.Single(r => r.Model == "mean").Runs.Select(r => r.Seed!.Value));
        Assert.Equal(result.Rows.Select(r => r.P20Mean), json.Rows.Select(r => r.P20Mean));
        var md = File.ReadAllText(folder.MarkdownPath);
        Assert.True(md.IndexOf("| POP |", StringComparison.Ordinal) < md.IndexOf(Table1Markdown.NotInPaper, StringComparison.Ordinal));
        Assert.True(md.IndexOf(Table1Markdown.NotInPaper, StringComparison.Ordinal) < md.IndexOf("| SKNN |", StringComparison.Ordinal));
        Assert.Contains("Selected on the test set: optimistic", md);
        Assert.Contains("no published numbers are shown", md);
    }

    [Fact]
    public void A_model_that_throws_gets_a_failed_row_and_the_others_still_run()
    {
        var catalog = Table1TestModels.Small()
            .With(Table1TestModels.Exploding())
            .With(new BaselineEntry("failing", "Failing", () => new FailingBaselineSpec()))
            .With(new Tagnn.Experiments.NeuralEntry("unbuildable", "Unbuildable", _ => throw new InvalidOperationException("no such model")));
        var options = Options("out") with { Models = ["pop", "exploding", "failing", "unbuildable", "mean"] };
        var result = Run(options, catalog);

        var rows = result.Rows.ToDictionary(r => r.Model);
        Assert.Equal(Table1Status.Done, rows["pop"].Status);
        Assert.Equal(Table1Status.Done, rows["mean"].Status);
        Assert.Equal(Table1Status.Failed, rows["exploding"].Status);
        Assert.Equal($"ExternalException: {ExplodingSpec.Message}", rows["exploding"].Error);
        Assert.Equal($"InvalidOperationException: {FailingBaselineSpec.Message}", rows["failing"].Error);
        Assert.Equal("InvalidOperationException: no such model", rows["unbuildable"].Error);
        Assert.False(result.Complete);

        // The CSV keeps the exact header; a failed row has seeds 0 and empty metric cells.
        var folder = Table1Folder.At(options.Output);
        var csv = ReadCsv(folder.CsvPath).ToDictionary(r => r["model"]);
        Assert.Equal(["pop", "mean", "exploding", "failing", "unbuildable"], ReadCsv(folder.CsvPath).Select(r => r["model"]));
        foreach (var name in new[] { "exploding", "failing", "unbuildable" })
        {
            Assert.Equal("0", csv[name]["seeds"]);
            Assert.All(Table1Csv.Columns.Skip(2), c => Assert.Equal("", csv[name][c]));
        }
        Assert.NotEqual("", csv["mean"]["p20_mean"]);
        Assert.Contains($"failed: ExternalException: {ExplodingSpec.Message}", File.ReadAllText(folder.MarkdownPath));
        Assert.Equal(Table1Status.Failed, Table1Result.Load(folder.JsonPath).Rows.Single(r => r.Model == "exploding").Runs.Single().Status);

        // A rerun retries the failures (they are not "done") and reuses the rest.
        var recorder = new Recorder();
        Run(options, catalog, recorder);
        Assert.Equal(["exploding"], recorder.Trained.Select(j => j.Model.Name));
        Assert.Equal(["failing"], recorder.Fitted.Select(j => j.Model.Name));
    }

    [Fact]
    public void A_rerun_reuses_every_finished_run_and_trains_only_new_seeds()
    {
        var first = Run(Options("out"));
        var folder = Table1Folder.At(temp.Combine("out"));
        var summary = folder.Full("runs/mean-seed7/summary.json");
        var checkpoint = folder.Full("runs/mean-seed7/checkpoints/last.safetensors");
        var baseline = folder.Full("baselines/sknn.json");
        var before = new[] { summary, checkpoint, baseline }.Select(f => (File.GetLastWriteTimeUtc(f), File.ReadAllBytes(f))).ToList();

        var again = new Recorder();
        var second = Run(Options("out"), observer: again);
        Assert.All(again.Planned, j => Assert.Equal(Table1Action.Reuse, j.Action));
        Assert.Empty(again.Trained);
        Assert.Empty(again.Fitted);
        Assert.All(second.Rows.SelectMany(r => r.Runs), r => Assert.True(r.Reused));
        Assert.Equal(first.Rows.Select(r => (r.P20Mean, r.Mrr20Mean, r.TrainSeconds)), second.Rows.Select(r => (r.P20Mean, r.Mrr20Mean, r.TrainSeconds)));
        var after = new[] { summary, checkpoint, baseline }.Select(f => (File.GetLastWriteTimeUtc(f), File.ReadAllBytes(f))).ToList();
        for (var i = 0; i < before.Count; i++)
        {
            Assert.Equal(before[i].Item1, after[i].Item1);
            Assert.Equal(before[i].Item2, after[i].Item2);
        }

        // A second seed trains only that seed.
        var more = new Recorder();
        Run(Options("out", seeds: 2), observer: more);
        Assert.Equal([8L], more.Trained.Select(j => j.Seed!.Value));
        Assert.Empty(more.Fitted);
    }

    [Fact]
    public void Cancellation_leaves_a_resumable_folder_and_the_rerun_gives_the_uninterrupted_numbers()
    {
        var straight = Run(Options("straight", epochs: 2));

        using var stop = new CancellationTokenSource();
        var options = Options("out", epochs: 2);
        Assert.ThrowsAny<OperationCanceledException>(() => Run(options, observer: new Recorder(stop), cancellationToken: stop.Token));
        var folder = Table1Folder.At(options.Output);
        var stopped = Table1Result.Load(folder.JsonPath).Rows.ToDictionary(r => r.Model);
        Assert.Equal(Table1Status.Done, stopped["pop"].Status);
        Assert.Equal(Table1Status.Done, stopped["sknn"].Status);
        Assert.Equal(Table1Status.Cancelled, stopped["mean"].Status);
        Assert.Contains("cancelled: run the command again", File.ReadAllText(folder.MarkdownPath));
        var run = RunFolder.Open(folder.Full("runs/mean-seed7"));
        Assert.True(File.Exists(run.LastCheckpointPath));
        Assert.False(File.Exists(run.SummaryPath));
        Assert.Single(run.ReadMetrics());

        var rerun = new Recorder();
        var resumed = Run(options, observer: rerun);
        Assert.Equal([Table1Action.Reuse, Table1Action.Reuse, Table1Action.Resume], rerun.Planned.Select(j => j.Action));
        Assert.Empty(rerun.Fitted);
        Assert.True(resumed.Complete);
        Assert.Equal(2, run.ReadSummary()!.EpochsTrained);
        var (expected, actual) = (straight.Rows.Single(r => r.Model == "mean"), resumed.Rows.Single(r => r.Model == "mean"));
        Assert.Equal((expected.P20Mean, expected.Mrr20Mean, expected.Ndcg20Mean), (actual.P20Mean, actual.Mrr20Mean, actual.Ndcg20Mean));
    }

    [Fact]
    public void More_epochs_continue_finished_runs_and_fewer_are_refused_without_touching_them()
    {
        Run(Options("out", epochs: 1));
        var folder = Table1Folder.At(temp.Combine("out"));
        var longer = new Recorder();
        var result = Run(Options("out", epochs: 2), observer: longer);
        Assert.Equal(Table1Action.Resume, longer.Planned.Single(j => j.Model.Name == "mean").Action);
        Assert.Equal(2, result.Rows.Single(r => r.Model == "mean").Runs.Single().EpochsTrained);

        var summary = File.ReadAllBytes(folder.Full("runs/mean-seed7/summary.json"));
        var shorter = Run(Options("out", epochs: 1));
        var row = shorter.Rows.Single(r => r.Model == "mean");
        Assert.Equal(Table1Status.Failed, row.Status);
        Assert.Contains("more than the 1 asked", row.Error);
        Assert.Equal(summary, File.ReadAllBytes(folder.Full("runs/mean-seed7/summary.json")));
    }

    [Fact]
    public void Under_the_validation_protocol_baselines_run_once_per_seed_on_that_seeds_training_split()
    {
        var result = Run(Options("out", epochs: 1, seeds: 2, protocol: SelectionProtocol.Validation) with { Models = ["pop", "mean"] });
        var folder = Table1Folder.At(temp.Combine("out"));
        var pop = result.Rows.Single(r => r.Model == "pop");
        Assert.False(pop.Deterministic);
        Assert.Equal(2, pop.Seeds);
        var records = new[] { 7L, 8L }.Select(s => BaselineRecord.TryLoad(folder.Full(Table1Folder.BaselineName("pop", s)))!).ToList();
        var full = TinyData.Prepared().Train.Count;
        Assert.All(records, r => Assert.True(r.TrainExamples < full, "fitted on the training split, without the held-out sessions"));
        Assert.Equal(records.Select(r => r.TrainExamples), new[] { 7L, 8L }.Select(s =>
            TrainingData.From(Tagnn.Data.PreparedDataset.Load(data), new TrainingOptions { Seed = s, Protocol = SelectionProtocol.Validation }).Train.Count));
        Assert.Equal(SelectionProtocol.Validation, RunFolder.Open(folder.Full("runs/mean-seed8")).ReadConfig().Training.Protocol);
        Assert.Contains("validation:", File.ReadAllText(folder.MarkdownPath));
    }

    [Fact]
    public void On_a_folder_whose_stats_json_describes_diginetica_the_table_shows_the_published_numbers()
    {
        // The tiny examples under Diginetica's published statistics: recognition reads stats.json (the preprocessing
        // writes both), so the table puts the paper's Diginetica column beside ours.
        var digi = temp.Combine("diginetica");
        var tiny = TinyData.Prepared();
        (tiny with { Stats = tiny.Stats with { TrainExamples = 719_470, TestExamples = 60_858, Items = 43_097, ItemsInTrain = 43_097 } }).Save(digi);
        var result = Run(Options("digi-out") with { Data = digi, Models = ["pop", "sknn"] });

        Assert.Equal(Tagnn.Evaluation.PublishedResults.Diginetica, result.PaperDataset);
        var pop = result.Rows.Single(r => r.Model == "pop");
        Assert.Equal((0.89, 0.20), (pop.PaperP20, pop.PaperMrr20));
        Assert.Null(result.Rows.Single(r => r.Model == "sknn").PaperP20);
        var md = File.ReadAllText(Table1Folder.At(temp.Combine("digi-out")).MarkdownPath);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        Assert.Contains($"| POP | {pop.P20Mean!.Value.ToString("F2", inv)} | 0.89 | {(pop.P20Mean.Value - 0.89).ToString("+0.00;-0.00", inv)} " +
            $"| {pop.Mrr20Mean!.Value.ToString("F2", inv)} | 0.20 | {(pop.Mrr20Mean.Value - 0.20).ToString("+0.00;-0.00", inv)} |", md);
        Assert.Contains("| TAGNN | — | 51.31 | — | — | 18.03 |", md);
        Assert.Contains("Yu et al., SIGIR 2020 (TAGNN), Table 1, Diginetica columns", md);

        // A smoke-mode subset of it is not the paper's dataset.
        var subset = Run(Options("digi-subset") with { Data = digi, Models = ["pop"], MaxTrainExamples = 50 });
        Assert.Null(subset.PaperDataset);
        Assert.Contains("--max-train/--max-test", subset.PaperDatasetNote);
        Assert.Null(subset.Rows.Single().PaperP20);
    }
}
