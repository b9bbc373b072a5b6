using System.Text.Json;
using Tagnn.Data;
using Tagnn.Evaluation.Baselines;

namespace Tagnn.Tests.Evaluation.Baselines;

public sealed class BaselineEvaluatorTests
{
    [Fact]
    public void Every_name_has_a_default_spec_that_round_trips_through_json()
    {
        foreach (var name in BaselineSpec.Names)
        {
            var spec = BaselineSpec.Default(name);
            Assert.Equal(name, spec.Name);
            Assert.False(string.IsNullOrWhiteSpace(spec.Describe()));
            var json = JsonSerializer.Serialize(spec);
            Assert.Contains($"\"Kind\":\"{name}\"", json);
            Assert.Equal(spec, JsonSerializer.Deserialize<BaselineSpec>(json));
        }
        Assert.Equal(new StanSpec(), BaselineSpec.Default(" STAN "));
        var e = Assert.Throws<ArgumentException>(() => BaselineSpec.Default("gru4rec"));
        Assert.Contains("spop", e.Message);
    }

    [Fact]
    public void Bad_hyper_parameters_and_data_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SknnSpec(Neighbours: 10, SampleSize: 5).Fit(BaselineData.Four, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StanSpec(Lambda2: 0).Fit(BaselineData.Four, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ItemKnnSpec(Alpha: 2).Fit(BaselineData.Four, 6));
        var e = Assert.Throws<ArgumentException>(() => new SrSpec().Fit(BaselineData.Four, 5));
        Assert.Contains("item 6", e.Message);
        var model = new SrSpec().Fit(BaselineData.Four, 6);
        e = Assert.Throws<ArgumentException>(() => BaselineEvaluator.Evaluate(model, SessionDataset.FromExamples([(7, [1])])));
        Assert.Contains("target 7", e.Message);
    }

    [Fact]
    public void The_report_does_not_depend_on_the_thread_count()
    {
        const int items = 60;
        var train = BaselineData.Augment(BaselineData.RandomSessions(400, items, 9, seed: 5));
        var test = BaselineData.Augment(BaselineData.RandomSessions(300, items, 9, seed: 6));
        foreach (var name in BaselineSpec.Names)
        {
            var model = BaselineSpec.Default(name).Fit(train, items);
            var one = BaselineEvaluator.Evaluate(model, test, threads: 1).ToDictionary();
            var three = BaselineEvaluator.Evaluate(model, test, threads: 3).ToDictionary();
            Assert.Equal(one, three);
        }
    }

    [Fact]
    public void Run_times_fit_and_evaluation_apart_and_reports_progress()
    {
        var test = SessionDataset.FromExamples([(4, [2]), (6, [5]), (3, [4])]);
        var seen = new List<int>();
        var outcome = BaselineEvaluator.Run(new SknnSpec(), BaselineData.Four, test, 6, cutoffs: [1, 2], threads: 1, progress: seen.Add);
        Assert.Equal(new SknnSpec(), outcome.Spec);
        Assert.True(outcome.FitSeconds >= 0 && outcome.EvaluateSeconds >= 0);
        Assert.Equal(3, outcome.Metrics.Examples);
        Assert.Equal(3, seen[^1]);
    }
}
