using System.Text.Json;
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
    public void Figure2_is_four_readouts_without_target_attention_and_tagnn_and_the_extension_adds_the_rest()
    {
        // The paper's Figure 2 (Section 3.3): TAGNN-L, -Avg, -Att, -L+Att are session representations without target
        // attention; TAGNN is a separate bar.
        var figure2 = AblationStudy.Figure2Variants;
        Assert.Equal(["TAGNN-L", "TAGNN-Avg", "TAGNN-Att", "TAGNN-L+Att", "TAGNN"], figure2.Select(v => v.Name));
        Assert.All(figure2.Take(4), v => Assert.False(v.TargetAttention));
        Assert.Equal([ReadoutKind.Local, ReadoutKind.Average, ReadoutKind.Attentive, ReadoutKind.LocalAttentive], figure2.Take(4).Select(v => v.Readout));
        Assert.Equal(ModelConfig.ForTagnn(101), figure2[4].Config(101));
        Assert.Equal(ModelConfig.ForTagnn(101) with { TargetAttention = false }, figure2[3].Config(101));

        var all = AblationStudy.AllVariants;
        Assert.Equal(9, all.Count);
        Assert.Equal(9, all.Select(v => v.Config(101)).Distinct().Count());
        Assert.Equal(9, all.Select(v => v.Name).Distinct().Count());
        foreach (var readout in Enum.GetValues<ReadoutKind>())
        {
            Assert.Single(all, v => v.Kind == ModelKind.Tagnn && v.Readout == readout && v.TargetAttention);
            Assert.Single(all, v => v.Kind == ModelKind.Tagnn && v.Readout == readout && !v.TargetAttention);
        }
        var srgnn = Assert.Single(all, v => v.Kind == ModelKind.SrGnn);
        Assert.Equal(ModelConfig.ForSrGnn(101), srgnn.Config(101));
        Assert.Equal(all, [.. figure2, .. AblationStudy.ExtensionVariants]);

        foreach (var v in all)
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
    public void Noise_is_the_seed_deviation_pooled_over_variants_and_a_difference_is_judged_in_its_standard_errors()
    {
        var v = AblationStudy.AllVariants;
        AblationResult R(int i, long seed, double hit, double mrr) => new(v[i], seed, hit, mrr, 1, "/tmp/x", 1000);
        // Variant 0: P@20 60, 62, 64 (deviations -2, 0, 2); variant 4: 50, 51 (-0.5, 0.5); variant 1: one seed, left out.
        AblationResult[] results = [R(0, 1, 60, 30), R(0, 2, 62, 30), R(0, 3, 64, 33), R(4, 1, 50, 20), R(4, 2, 51, 20), R(1, 1, 40, 10)];
        var noise = AblationStudy.Noise(results);
        Assert.Equal((5, 2, 3), (noise.Runs, noise.Variants, noise.DegreesOfFreedom));
        Assert.Equal(Math.Sqrt((4 + 0 + 4 + 0.25 + 0.25) / 3.0), noise.HitRate20, 12);
        Assert.Equal(Math.Sqrt((1 + 1 + 4 + 0 + 0) / 3.0), noise.Mrr20, 12);
        Assert.Equal(noise.HitRate20 / Math.Sqrt(3), noise.StandardError(AblationMetric.HitRate20, 3), 12);
        Assert.Equal(100 * Math.Sqrt(0.6 * 0.4 / 1000), noise.TestSetError(60), 12);

        var d = AblationStudy.Compare(results, v[0], v[4], AblationMetric.HitRate20, noise);
        Assert.Equal(62 - 50.5, d.Difference, 12);
        Assert.Equal(noise.HitRate20 * Math.Sqrt(1 / 3.0 + 1 / 2.0), d.PooledError, 12);
        Assert.Equal(Math.Sqrt(4.0 / 3 + 0.5 / 2), d.OwnError, 12);                 // own variances 4 and 0.5
        Assert.Equal(Math.Max(d.PooledError, d.OwnError), d.StandardError, 12);
        // MRR@20: variant 0 varies (30, 30, 33: variance 3), variant 4 not at all; the larger estimate is used.
        var mrr = AblationStudy.Compare(results, v[0], v[4], AblationMetric.Mrr20, noise);
        Assert.Equal(Math.Sqrt(3.0 / 3), mrr.OwnError, 12);
        Assert.Equal(noise.Mrr20 * Math.Sqrt(1 / 3.0 + 1 / 2.0), mrr.PooledError, 12);
        Assert.Equal(Math.Max(mrr.PooledError, mrr.OwnError), mrr.StandardError, 12);
        Assert.Equal(AblationVerdict.Clear, d.Verdict);                          // 11.5 points at sd 1.66: about 8 SE
        Assert.Equal(v[0], d.Ahead);
        Assert.Contains("TAGNN-L ahead", d.ToString());

        // The verdict follows the ratio: below 2 SE noise, 2-3 suggestive, from 3 clear, either sign.
        AblationDifference At(double ratio) => new(v[0], v[4], AblationMetric.Mrr20, 10 + ratio, 10, 3, 3, 1, 0.5);
        Assert.Equal(AblationVerdict.Noise, At(1.99).Verdict);
        Assert.Equal(AblationVerdict.Suggestive, At(2.0).Verdict);
        Assert.Equal(AblationVerdict.Suggestive, At(-2.5).Verdict);
        Assert.Equal(v[4], At(-2.5).Ahead);
        Assert.Equal(AblationVerdict.Clear, At(-3).Verdict);
        Assert.Null(At(1).Ahead);
        Assert.Equal("not distinguishable from noise", At(1).VerdictText);
        Assert.Equal(AblationVerdict.NoNoiseEstimate, new AblationDifference(v[0], v[4], AblationMetric.Mrr20, 1, 0, 1, 1, double.NaN, double.NaN).Verdict);
        Assert.Equal(2.0, new AblationDifference(v[0], v[4], AblationMetric.Mrr20, 1, 0, 2, 2, 1, 2).StandardError);   // the own is larger
        Assert.Equal(1.0, new AblationDifference(v[0], v[4], AblationMetric.Mrr20, 1, 0, 1, 2, 1, double.NaN).StandardError);

        // A claim holds only when every difference is clear in its favour.
        Assert.StartsWith("“x”: holds on these numbers (2 differences: 2 clearly in its favour)", AblationStudy.Judge("x", [At(3), At(4)]));
        Assert.Contains("not established on these numbers (3 differences: 1 clearly in its favour, 1 suggestive only, 1 not distinguishable from noise)",
            AblationStudy.Judge("x", [At(3), At(2.5), At(0.5)]));
        Assert.Contains("contradicted", AblationStudy.Judge("x", [At(3), At(-3)]));

        // One seed each: no estimate, no verdict.
        var single = AblationStudy.Noise([R(0, 1, 60, 30), R(4, 1, 50, 20)]);
        Assert.Equal(0, single.DegreesOfFreedom);
        Assert.True(double.IsNaN(single.HitRate20));
        Assert.Equal(AblationVerdict.NoNoiseEstimate, AblationStudy.Compare([R(0, 1, 60, 30), R(4, 1, 50, 20)], v[0], v[4], AblationMetric.HitRate20).Verdict);
        Assert.Throws<ArgumentException>(() => AblationStudy.Noise([R(0, 1, 60, 30), R(0, 2, 60, 30) with { TestExamples = 5 }]));
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
        var v = AblationStudy.AllVariants;   // 0 TAGNN-L (no target att.), 5 TAGNN-L + target att., 8 SR-GNN
        AblationResult R(int i, long seed, double hit, double mrr) => new(v[i], seed, hit, mrr, 1, "/tmp/x", 100);
        AblationResult[] results = [R(5, 1, 60, 30), R(8, 1, 58, 31), R(0, 1, 59, 29), R(5, 2, 62, 32), R(8, 2, 57, 30), R(0, 2, 59.5, 29.5)];

        var summary = AblationStudy.Summarize(results);
        Assert.Equal(new[] { v[5], v[8], v[0] }, summary.Select(s => s.Variant));
        Assert.Equal((61.0, 60.0, 62.0), summary[0].HitRate20);
        Assert.Equal((30.5, 30.0, 31.0), summary[1].Mrr20);
        Assert.All(summary, s => Assert.Equal(2, s.Seeds));

        var json = GenericChart.toFigureJson(AblationStudy.Chart(results, "ablation"));
        Assert.Contains("\"name\":\"with target attention\"", json);
        Assert.Contains("\"name\":\"without target attention\"", json);
        Assert.Contains("\"x\":[\"L\"]", json);                          // TAGNN-L + target att.
        Assert.Contains("\"x\":[\"SR-GNN\",\"L\"]", json);               // without: SR-GNN and TAGNN-L
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

        // Figure 2: only its variants, one bar each, whiskers of one pooled standard error, every seed as a dot.
        var figure2 = JsonDocument.Parse(GenericChart.toFigureJson(AblationStudy.Figure2Chart(results))).RootElement.GetProperty("data");
        var bars = figure2.EnumerateArray().Where(t => t.GetProperty("type").GetString() == "bar").ToList();
        Assert.Equal(2, bars.Count);                                                       // P@20 and MRR@20
        Assert.Equal(["TAGNN-L"], bars[0].GetProperty("x").EnumerateArray().Select(x => x.GetString()));
        var se = AblationStudy.Noise(results).StandardError(AblationMetric.HitRate20, 2);
        Assert.Equal(se, bars[0].GetProperty("error_y").GetProperty("array")[0].GetDouble(), 9);
        var dots = figure2.EnumerateArray().First(t => t.GetProperty("type").GetString() == "scatter");
        Assert.Equal([59, 59.5], dots.GetProperty("y").EnumerateArray().Select(y => y.GetDouble()));

        var differences = AblationStudy.Compare(results, v[5], [v[0], v[8]]);
        Assert.Equal(4, differences.Count);
        var chart = JsonDocument.Parse(GenericChart.toFigureJson(AblationStudy.DifferenceChart(differences))).RootElement.GetProperty("data");
        Assert.Equal(2, chart.GetArrayLength());
        Assert.Equal(AblationDifference.ClearAt * differences[0].StandardError, chart[0].GetProperty("error_x").GetProperty("array")[0].GetDouble(), 9);
        Assert.Contains(differences[0].VerdictText, AblationStudy.DifferenceTable(differences).Html);
    }

    [Fact]
    public void Run_trains_each_variant_and_seed_once_and_reads_the_summaries()
    {
        Course.Setup(device: "cpu", threads: 1, quiet: true);
        var options = new TrainingOptions { Epochs = 1, MaxTrainExamples = 200, MaxTestExamples = 100, BatchSize = 50, Prefetch = false };
        AblationVariant[] variants = [AblationStudy.Figure2Variants[0], AblationStudy.ExtensionVariants[3]];
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
                Assert.Equal(summary.TestExamples, r.TestExamples);
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
