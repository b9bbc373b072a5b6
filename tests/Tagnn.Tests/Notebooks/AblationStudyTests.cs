using Plotly.NET;
using Tagnn.Cli.Commands.Training;
using Tagnn.Model;
using Tagnn.Training;

namespace Tagnn.Tests.Notebooks;

// Inside the namespace: from code in Tagnn.*, a plain `Course` would name the namespace Tagnn.Course, not the class.
using Tagnn.Course;

public sealed class AblationStudyTests
{
    [Fact]
    public void The_variants_are_four_readouts_with_and_without_target_attention_plus_srgnn()
    {
        var variants = AblationStudy.Figure2Variants;
        Assert.Equal(9, variants.Count);
        Assert.Equal(9, variants.Select(v => v.Config(101)).Distinct().Count());
        foreach (var readout in Enum.GetValues<ReadoutKind>())
        {
            Assert.Single(variants, v => v.Kind == ModelKind.Tagnn && v.Readout == readout && v.TargetAttention);
            Assert.Single(variants, v => v.Kind == ModelKind.Tagnn && v.Readout == readout && !v.TargetAttention);
        }
        var srgnn = Assert.Single(variants, v => v.Kind == ModelKind.SrGnn);
        Assert.Equal(ModelConfig.ForSrGnn(101), srgnn.Config(101));
        Assert.Equal(ModelConfig.ForTagnn(101) with { TargetAttention = true },
            variants.Single(v => v.Name.StartsWith("TAGNN-L+Att", StringComparison.Ordinal)).Config(101));

        foreach (var v in variants)
        {
            // The built model has the parts the variant names.
            var model = ModelFactory.Create(v.Config(11) with { HiddenSize = 4 });
            Assert.Equal(v.TargetAttention, model.TargetAttention is not null);
            Assert.Equal(v.Readout is ReadoutKind.Local or ReadoutKind.LocalAttentive, model.Readout.HasLocal);
            Assert.Equal(v.Readout is not ReadoutKind.Local, model.Readout.HasGlobal);
            Assert.Equal(v.Readout is ReadoutKind.Attentive or ReadoutKind.LocalAttentive, model.Readout is AttentiveReadout);
        }
    }

    [Fact]
    public void The_cli_arguments_train_the_same_model()
    {
        foreach (var v in AblationStudy.Figure2Variants)
        {
            var words = v.CliArguments.Split(' ');
            string? Option(string name) => Array.IndexOf(words, name) is var i and >= 0 ? words[i + 1] : null;
            var options = new ModelOptions
            {
                Model = Option("--model") ?? "tagnn",
                Readout = Option("--readout") ?? "local-attentive",
                TargetAttention = Option("--target-attention"),
            };
            var fromCli = options.ToConfig(101);
            var expected = v.Config(101);
            Assert.Equal(expected.Kind, fromCli.Kind);
            Assert.Equal(expected.Readout, fromCli.Readout);
            Assert.Equal(expected.TargetAttention, fromCli.TargetAttention);
            Assert.Equal(expected.GlobalSoftmax, fromCli.GlobalSoftmax);
        }
    }

    [Fact]
    public void Summaries_charts_and_tables_show_every_seed()
    {
        var v = AblationStudy.Figure2Variants;
        AblationResult R(int i, long seed, double hit, double mrr) => new(v[i], seed, hit, mrr, 1, "/tmp/x");
        AblationResult[] results = [R(0, 1, 60, 30), R(8, 1, 58, 31), R(4, 1, 59, 29), R(0, 2, 62, 32), R(8, 2, 57, 30), R(4, 2, 59.5, 29.5)];

        var summary = AblationStudy.Summarize(results);
        Assert.Equal(new[] { v[0], v[8], v[4] }, summary.Select(s => s.Variant));
        Assert.Equal((61.0, 60.0, 62.0), summary[0].HitRate20);
        Assert.Equal((30.5, 30.0, 31.0), summary[1].Mrr20);
        Assert.All(summary, s => Assert.Equal(2, s.Seeds));

        var json = GenericChart.toFigureJson(AblationStudy.Chart(results, "ablation"));
        Assert.Contains("\"name\":\"with target attention\"", json);
        Assert.Contains("\"name\":\"without target attention\"", json);
        Assert.Contains("\"x\":[\"L\"]", json);                          // TAGNN-L with target attention
        Assert.Contains("\"x\":[\"SR-GNN\",\"L\"]", json);               // without: SR-GNN and L, no target
        Assert.Contains("\"array\":[1.0]", json);                        // TAGNN-L P@20: mean 61, max 62
        Assert.Contains("\"arrayminus\":[1.0]", json);
        Assert.Contains("mean of 2 seeds", json);
        Assert.Contains("\"barmode\":\"group\"", json);

        var table = AblationStudy.Table(results).Html;
        Assert.Contains("P@20 seed 1", table);
        Assert.Contains("MRR@20 seed 2", table);
        Assert.Contains("62.00", table);
        Assert.Contains("tagnn train --readout local --target-attention on", table);
        Assert.Contains("tagnn train --model srgnn", table);
        Assert.Throws<ArgumentException>(() => AblationStudy.Chart([]));
    }

    [Fact]
    public void Run_trains_each_variant_and_seed_once_and_reads_the_summaries()
    {
        Course.Setup(device: "cpu", threads: 1, quiet: true);
        var options = new TrainingOptions { Epochs = 1, MaxTrainExamples = 200, MaxTestExamples = 100, BatchSize = 50, Prefetch = false };
        AblationVariant[] variants = [AblationStudy.Figure2Variants[0], AblationStudy.Figure2Variants[8]];
        var seen = new List<AblationResult>();
        var results = AblationStudy.Run(variants, [3, 4], options, seen.Add);
        try
        {
            Assert.Equal(4, results.Count);
            Assert.Equal(results, seen);
            Assert.Equal(new long[] { 3, 3, 4, 4 }, results.Select(r => r.Seed));
            Assert.Equal(4, results.Select(r => r.RunDirectory).Distinct().Count());
            foreach (var r in results)
            {
                var summary = RunFolder.Open(r.RunDirectory).ReadSummary()!;
                Assert.Equal(summary.HitRate20, r.HitRate20);
                Assert.Equal(summary.Mrr20, r.Mrr20);
                Assert.Equal(r.Variant.Config(Tagnn.Data.SampleData.LoadPrepared().ItemTableSize),
                    RunFolder.Open(r.RunDirectory).ReadConfig().Model);
            }
            var again = AblationStudy.Run(variants, [3], options);                 // cached: the same folders
            Assert.Equal(results.Take(2).Select(r => r.RunDirectory), again.Select(r => r.RunDirectory));
        }
        finally
        {
            foreach (var r in results) Directory.Delete(r.RunDirectory, recursive: true);
        }
    }
}
