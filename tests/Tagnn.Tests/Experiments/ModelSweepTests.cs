using nietras.SeparatedValues;
using Tagnn.Experiments;
using Tagnn.Tests.Data;
using Tagnn.Tests.Support;
using Tagnn.Tests.Training;
using Tagnn.Training;

namespace Tagnn.Tests.Experiments;

/// <summary><see cref="ModelSweep"/> on the tiny dataset with a tiny model: the shape of one- and two-parameter sweeps.</summary>
public sealed class ModelSweepTests
{
    private static readonly TrainingOptions Training = TinyData.Options(epochs: 2);

    public ModelSweepTests() => MeanOfEmbeddingsSpec.Register();

    [Fact]
    public void A_one_parameter_sweep_has_a_point_per_value_with_its_statistics_over_the_seeds()
    {
        using var output = new TempFolder();
        var data = TinyData.Prepared();
        var n = data.Items.Count + 1;
        var sweep = ModelSweep.Run(data, new SweepParameter<int>("d", [4, 8, 12]), d => (new MeanOfEmbeddingsSpec(n, d), Training),
            new ComparisonOptions { Seeds = 2, BootstrapResamples = 100, Output = output.Path });

        Assert.Equal(["d"], sweep.Parameters);
        Assert.Equal(["d=4", "d=8", "d=12"], sweep.Points.Select(p => p.Model));
        Assert.Equal([4.0, 8.0, 12.0], sweep.Points.Select(p => p.Values.Single()));
        Assert.All(sweep.Points, p => Assert.Equal(2, p.P20.Count));
        Assert.All(sweep.Points, p => Assert.NotNull(p.P20.StandardError));
        Assert.Equal(ComparisonVerdict.Reference, sweep.Point("d=4").Contrast.P20.Verdict);
        Assert.NotEqual(ComparisonVerdict.Reference, sweep.Point("d=12").Contrast.P20.Verdict);
        Assert.Equal(sweep.Comparison.Summary("d=8").P20, sweep.Point("d=8").P20);
        Assert.Equal("Mean of the clicks' embeddings, d 12", sweep.Comparison.Summary("d=12").Description);

        using var reader = Sep.Reader().FromFile(Path.Combine(output.Path, SweepResult.CsvFile));
        Assert.Equal(SweepCsv.Columns(["d"]), reader.Header.ColNames);
        Assert.Equal(["4", "8", "12"], reader.Enumerate(r => r["d"].ToString()).ToList());
        Assert.True(File.Exists(Path.Combine(output.Path, SweepResult.JsonFile)));
        Assert.True(File.Exists(Path.Combine(output.Path, ComparisonResult.CsvFile)));
    }

    [Fact]
    public void A_two_parameter_sweep_covers_the_grid_with_the_second_parameter_fastest_and_is_deterministic()
    {
        var data = TinyData.Prepared();
        var n = data.Items.Count + 1;
        SweepResult Sweep() => ModelSweep.Run(data, new SweepParameter<int>("d", [4, 8]), new SweepParameter<double>("lr", [0.001, 0.01]),
            (d, lr) => (new MeanOfEmbeddingsSpec(n, d), Training with { LearningRate = lr }),
            new ComparisonOptions { Seeds = 1, BootstrapResamples = 0, Reference = "d=8, lr=0.01" });
        var sweep = Sweep();
        Assert.Equal(["d", "lr"], sweep.Parameters);
        Assert.Equal(["d=4, lr=0.001", "d=4, lr=0.01", "d=8, lr=0.001", "d=8, lr=0.01"], sweep.Points.Select(p => p.Model));
        Assert.Equal([8.0, 0.01], sweep.Points[3].Values);
        Assert.Equal(ComparisonVerdict.Reference, sweep.Points[3].Contrast.P20.Verdict);
        Assert.Null(sweep.Points[0].P20.StandardError);                                     // one seed: no SE
        Assert.Equal(ComparisonVerdict.NotDistinguishable, sweep.Points[0].Contrast.P20.Verdict);
        Assert.Equal(sweep.Points.Select(p => (p.P20.Mean, p.Mrr20.Mean)), Sweep().Points.Select(p => (p.P20.Mean, p.Mrr20.Mean)));
        Assert.Contains("lr", SweepCsv.Format(sweep).Split('\n')[0]);

        Assert.Throws<ArgumentException>(() => ModelSweep.Run(data, new SweepParameter<int>("d", [4, 4]), d => (new MeanOfEmbeddingsSpec(n, d), Training)));
        Assert.Throws<ArgumentException>(() => ModelSweep.Run(data, new SweepParameter<int>("d", [4]), new SweepParameter<int>("d", [1]),
            (d, _) => (new MeanOfEmbeddingsSpec(n, d), Training)));
    }
}
