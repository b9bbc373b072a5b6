using System.Text.Json;
using Tagnn.Cli;
using Tagnn.Data;

namespace Tagnn.Tests.Evaluation.Baselines;

/// <summary><c>tagnn bench baselines</c> in process on the bundled sample: one JSON line per model with its timings,
/// memory and headline metrics (the figures themselves belong to BENCHMARKS.md, not to assertions).</summary>
public sealed class BenchBaselinesCommandTests
{
    [Fact]
    public void Prints_one_line_per_model()
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            Assert.Equal(0, TagnnApp.Create().Run(["bench", "baselines", "--data", SampleData.PreparedPath, "--models", "pop, SR", "--threads", "1"]));
        }
        finally
        {
            Console.SetOut(original);
        }
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Equal(["pop", "sr"], lines.Select(l => l.GetProperty("model").GetString()));
        var sample = PreparedDataset.Load(SampleData.PreparedPath);
        foreach (var line in lines)
        {
            Assert.Equal("baselines", line.GetProperty("bench").GetString());
            Assert.Equal(sample.Test.Count, line.GetProperty("test_examples").GetInt32());
            Assert.Equal(1, line.GetProperty("threads").GetInt32());
            Assert.True(line.GetProperty("fit_seconds").GetDouble() >= 0);
            Assert.True(line.GetProperty("evaluate_seconds").GetDouble() >= 0);
            Assert.True(line.GetProperty("peak_rss_mb").GetDouble() > 0);
        }
        Assert.True(lines[1].GetProperty("mrr20").GetDouble() > lines[0].GetProperty("mrr20").GetDouble());
    }

    [Fact]
    public void Unknown_models_are_refused()
    {
        var e = Assert.Throws<Spectre.Console.Cli.CommandRuntimeException>(() => TagnnApp.Create().Run(["bench", "baselines", "--models", "pop,narm"]));
        Assert.Contains("narm", e.Message);
    }
}
