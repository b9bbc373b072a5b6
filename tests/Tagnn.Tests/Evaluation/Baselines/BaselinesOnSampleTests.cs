using Tagnn.Data;
using Tagnn.Evaluation;
using Tagnn.Evaluation.Baselines;

namespace Tagnn.Tests.Evaluation.Baselines;

/// <summary>Every baseline, with cheap settings, finds the bundled sample's planted structure (topics, strong
/// transitions, returns to earlier items) that POP cannot see.</summary>
public sealed class BaselinesOnSampleTests
{
    private static readonly Lazy<PreparedDataset> Sample = new(() => PreparedDataset.Load(SampleData.PreparedPath));
    private static readonly Lazy<MetricsReport> Pop = new(() => Evaluate(new PopSpec()));

    public static TheoryData<string> Cheap => [.. new[] { "spop", "itemknn", "sknn", "vsknn", "stan", "sr" }];

    [Theory]
    [MemberData(nameof(Cheap))]
    public void Beats_POP_on_the_sample(string name)
    {
        BaselineSpec spec = BaselineSpec.Default(name) switch
        {
            VsknnSpec v => v with { Neighbours = 100, SampleSize = 500 },
            StanSpec s => s with { Neighbours = 100, SampleSize = 500 },
            var other => other,
        };
        var report = Evaluate(spec);
        var pop = Pop.Value;
        Assert.True(report[20].HitRate > pop[20].HitRate, $"{name}: HR@20 {report[20].HitRate:F2} vs POP {pop[20].HitRate:F2}");
        Assert.True(report[20].Mrr > pop[20].Mrr, $"{name}: MRR@20 {report[20].Mrr:F2} vs POP {pop[20].Mrr:F2}");
    }

    private static MetricsReport Evaluate(BaselineSpec spec)
    {
        var data = Sample.Value;
        return BaselineEvaluator.Evaluate(spec.Fit(data.Train, data.Items.Count), data.Test);
    }
}
