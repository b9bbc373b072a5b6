using nietras.SeparatedValues;
using Tagnn.Data;
using Tagnn.Evaluation;
using Tagnn.Experiments;
using Tagnn.Model;
using Tagnn.Tests.Data;
using Tagnn.Training;

namespace Tagnn.Tests.Experiments;

/// <summary>One small real comparison on the bundled sample (TAGNN and SR-GNN at d 16, 2 seeds, 1,500 training
/// examples, 2 epochs), run once and shared by the tests below.</summary>
public sealed class SampleComparisonFixture : IDisposable
{
    public SampleComparisonFixture()
    {
        Data = SampleData.LoadPrepared();
        Models = SampleComparisonModels(Data);
        Result = ModelComparison.Run(Data, Models, Options(Output.Path), new InlineProgress<ComparisonProgress>(Reports.Add));
    }

    public static IReadOnlyList<ComparedModel> SampleComparisonModels(PreparedDataset data)
    {
        var n = data.Items.Count + 1;
        var training = new TrainingOptions { Epochs = 2, MaxTrainExamples = 1500, MaxTestExamples = 300, Prefetch = false };
        return
        [
            new ComparedModel("tagnn-16", ModelConfig.ForTagnn(n) with { HiddenSize = 16 }, training),
            new ComparedModel("srgnn-16", ModelConfig.ForSrGnn(n) with { HiddenSize = 16 }, training),
        ];
    }

    public static ComparisonOptions Options(string? output = null) =>
        new() { Seeds = 2, BaseSeed = 5, BootstrapResamples = 300, Output = output };

    internal TempFolder Output { get; } = new();

    public PreparedDataset Data { get; }

    public IReadOnlyList<ComparedModel> Models { get; }

    public List<ComparisonProgress> Reports { get; } = [];

    public ComparisonResult Result { get; }

    public void Dispose() => Output.Dispose();
}

/// <summary><see cref="ModelComparison"/> end to end on the sample: the numbers, their files, progress, determinism.</summary>
public sealed class ModelComparisonTests(SampleComparisonFixture fixture) : IClassFixture<SampleComparisonFixture>
{
    private ComparisonResult Result => fixture.Result;

    [Fact]
    public void Every_model_runs_with_every_seed_and_is_summarised_over_them()
    {
        Assert.Equal([5L, 6L], Result.Seeds);
        Assert.Equal("tagnn-16", Result.Reference);
        Assert.Equal(["tagnn-16", "srgnn-16"], Result.Models.Select(m => m.Model));
        foreach (var model in Result.Models)
        {
            Assert.Equal([5L, 6L], model.Runs.Select(r => r.Seed));
            Assert.All(model.Runs, r => Assert.InRange(r.SelectedEpoch, 0, 1));
            Assert.Equal(model.Runs.Average(r => r.P20), model.P20.Mean, 10);
            Assert.Equal(model.Runs.Average(r => r.Mrr20), model.Mrr20.Mean, 10);
            Assert.Equal(Math.Abs(model.Runs[0].P20 - model.Runs[1].P20) / Math.Sqrt(2), model.P20.Sd!.Value, 10); // SD of two values
            Assert.Equal(model.P20.Sd!.Value / Math.Sqrt(2), model.P20.StandardError!.Value, 10);
            Assert.True(model.P20.Mean > 0, "a trained model hits some targets");
        }
        Assert.Equal(300, Result.TestExamples);
        Assert.Equal(fixture.Data.Items.Count + 1, ((ModelConfig)fixture.Models[0].Spec).ItemTableSize);
    }

    [Fact]
    public void The_per_example_ranks_are_those_of_the_selected_epoch()
    {
        foreach (var run in Result.Models.SelectMany(m => m.Runs))
        {
            Assert.NotNull(run.TestRanks);
            Assert.Equal(Result.TestExamples, run.TestRanks.Count);
            Assert.Equal(run.P20, TargetRanks.Hits(run.TestRanks).Average(), 9);
            Assert.Equal(run.Mrr20, TargetRanks.ReciprocalRanks(run.TestRanks).Average(), 9);
        }
    }

    [Fact]
    public void The_contrast_is_the_paired_test_of_the_per_seed_numbers_and_the_verdict_follows_the_rule()
    {
        var self = Result.Contrast("tagnn-16");
        Assert.Equal(ComparisonVerdict.Reference, self.P20.Verdict);
        var other = Result.Contrast("srgnn-16");
        var tagnn = Result.Summary("tagnn-16");
        var srgnn = Result.Summary("srgnn-16");
        var expected = PairedTTest.Compute(srgnn.P20.Values, tagnn.P20.Values, 0.05);
        Assert.Equal(expected, other.P20.TTest);
        Assert.Equal(srgnn.P20.Mean - tagnn.P20.Mean, other.P20.TTest.MeanDifference, 10);
        Assert.Equal(1, other.P20.TTest.DegreesOfFreedom);
        Assert.Equal(12.706204736, other.P20.TTest.Critical!.Value, 6);
        Assert.Equal(other.P20.TTest.P < 0.05 ? ComparisonVerdict.Distinguishable : ComparisonVerdict.NotDistinguishable, other.P20.Verdict);
        var bootstrap = other.Mrr20.Bootstrap!;
        Assert.Equal(srgnn.Mrr20.Mean - tagnn.Mrr20.Mean, bootstrap.MeanDifference, 9);  // averaged over seeds, per example
        Assert.Equal(300, bootstrap.Resamples);
        Assert.Equal(Result.TestSessions, bootstrap.Sessions);
        Assert.True(Result.TestSessions < Result.TestExamples);
        Assert.Contains("|t| > 12.706", Result.Rule);
        Assert.Contains(other.P20.VerdictText, Result.Describe());
    }

    [Fact]
    public void Progress_forwards_the_trainers_reports_and_announces_each_finished_run()
    {
        var finished = fixture.Reports.Where(r => r.Finished is not null).ToList();
        Assert.Equal([1, 2, 3, 4], finished.Select(r => r.Run));
        Assert.Equal(["tagnn-16", "srgnn-16", "tagnn-16", "srgnn-16"], finished.Select(r => r.Model)); // seed-major
        Assert.All(fixture.Reports, r => Assert.Equal(4, r.Runs));
        Assert.Equal(4 * 2, fixture.Reports.Count(r => r.Training?.Phase == TrainingPhase.EpochCompleted));
        Assert.Equal(4, fixture.Reports.Count(r => r.Training?.Phase == TrainingPhase.Test && r.Training.Step == 1));
    }

    [Fact]
    public void The_csv_and_json_are_written_and_read_back()
    {
        var json = ComparisonResult.Load(Path.Combine(fixture.Output.Path, ComparisonResult.JsonFile));
        Assert.Equal(Result.Models.Select(m => m.P20.Values), json.Models.Select(m => m.P20.Values));
        Assert.Equal(Result.Contrasts.Select(c => c.Mrr20.Verdict), json.Contrasts.Select(c => c.Mrr20.Verdict));
        Assert.Empty(Directory.EnumerateFiles(fixture.Output.Path, "*.tmp*"));

        using var reader = Sep.Reader().FromFile(Path.Combine(fixture.Output.Path, ComparisonResult.CsvFile));
        Assert.Equal(ComparisonCsv.Columns, reader.Header.ColNames);
        var rows = reader.Enumerate(r => (Model: r["model"].ToString(), P20: r["p20_mean"].Parse<double>(), Diff: r["p20_diff"].ToString(),
            Verdict: r["p20_verdict"].ToString())).ToList();
        Assert.Equal(["tagnn-16", "srgnn-16"], rows.Select(r => r.Model));
        Assert.Equal(Result.Models[1].P20.Mean, rows[1].P20, 3);
        Assert.Equal("", rows[0].Diff);
        Assert.Equal("reference", rows[0].Verdict);
        Assert.Equal(Result.Contrasts[1].P20.VerdictText, rows[1].Verdict);
    }

    [Fact]
    public void The_same_seed_gives_the_same_numbers()
    {
        var again = ModelComparison.Run(fixture.Data, [fixture.Models[1]], new ComparisonOptions { Seeds = 1, BaseSeed = 6, BootstrapResamples = 0 });
        var first = Result.Summary("srgnn-16").Runs[1];
        var run = again.Models[0].Runs[0];
        Assert.Equal((first.P20, first.Mrr20, first.SelectedEpoch), (run.P20, run.Mrr20, run.SelectedEpoch));
        Assert.Null(run.TestRanks);
        Assert.Null(again.Contrasts[0].P20.Bootstrap);
    }

    [Fact]
    public void Cancelling_stops_the_comparison_and_writes_nothing()
    {
        using var output = new TempFolder();
        using var cancel = new CancellationTokenSource();
        var progress = new InlineProgress<ComparisonProgress>(p =>
        {
            if (p.Training?.Phase == TrainingPhase.Train) cancel.Cancel();
        });
        Assert.ThrowsAny<OperationCanceledException>(() =>
            ModelComparison.Run(fixture.Data, fixture.Models, SampleComparisonFixture.Options(output.Path), progress, cancel.Token));
        Assert.Empty(Directory.EnumerateFileSystemEntries(output.Path));
    }

    [Fact]
    public void Models_that_would_see_other_examples_or_an_unknown_reference_are_refused_before_training()
    {
        var models = fixture.Models;
        var other = models[1] with { Training = models[1].Training with { MaxTestExamples = 200 } };
        var e = Assert.Throws<ArgumentException>(() => ModelComparison.Run(fixture.Data, [models[0], other]));
        Assert.Contains("same examples", e.Message);
        e = Assert.Throws<ArgumentException>(() => ModelComparison.Run(fixture.Data, [models[0], models[0]]));
        Assert.Contains("repeated: tagnn-16", e.Message);
        e = Assert.Throws<ArgumentException>(() => ModelComparison.Run(fixture.Data, models, new ComparisonOptions { Reference = "gru" }));
        Assert.Contains("'gru' is not among", e.Message);
        Assert.Throws<ArgumentException>(() => ModelComparison.Run(fixture.Data, [], new ComparisonOptions()));
        Assert.Throws<ArgumentException>(() => ModelComparison.Run(fixture.Data, models, new ComparisonOptions { BootstrapResamples = 10 }));
    }
}
