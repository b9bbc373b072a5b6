using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Spectre.Console.Cli;
using Tagnn.Model;
using Tagnn.Model.Scoring;
using Tagnn.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Cli.Commands.Bench;

/// <summary>
/// <c>tagnn bench train-step</c>: the time and memory of one training step (forward, loss, backward, Adam with
/// weight decay 1e-5 coupled into the gradient, as the reference) on random prefixes (random sessions for bprmf and
/// fpmc), for TAGNN, SR-GNN or a neural baseline. Prints one JSON line.
/// </summary>
public sealed class BenchTrainStepCommand : Command<BenchTrainStepCommand.Settings>
{
    /// <summary>Options of <c>tagnn bench train-step</c>.</summary>
    public sealed class Settings : BenchModelSettings
    {
        /// <summary>Adam's learning rate.</summary>
        [CommandOption("--lr <LR>")]
        [Description("Adam's learning rate (default 0.001).")]
        public double LearningRate { get; init; } = 1e-3;
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        BenchWorkload.Configure(settings);
        var baseline = BenchWorkload.RssMb();
        var total = settings.Warmup + settings.Steps;
        var data = BenchWorkload.Workload(settings, total * settings.Batch);
        var batcher = BenchWorkload.Batcher(settings, data);
        var model = BenchWorkload.Recommender(settings, data);
        var adam = optim.Adam(model.parameters(), lr: settings.LearningRate, weight_decay: 1e-5);
        var fused = (model as SessionModel)?.Scorer as FusedTargetScorer;

        var steps = new List<double>();
        var forwards = new List<double>();
        var backwards = new List<double>();
        var updates = new List<double>();
        var lengths = new List<double>();
        var loss = double.NaN;
        var k = 0;
        foreach (var batch in batcher.Batches(0))
        {
            using (batch)
            {
                if (k == settings.Warmup) fused?.ResetStatistics();
                using var scope = NewDisposeScope();
                var clock = Stopwatch.StartNew();
                adam.zero_grad();
                var l = model.Loss(batch, new TrainingStepContext(0, k, settings.Seed));   // BPR negatives, dropout masks of step k
                var forward = clock.Elapsed.TotalMilliseconds;
                l.backward();
                var backward = clock.Elapsed.TotalMilliseconds;
                adam.step();
                loss = l.item<float>();
                BenchWorkload.MaybeCollect(settings, k);
                var end = clock.Elapsed.TotalMilliseconds;
                if (k >= settings.Warmup)
                {
                    steps.Add(end);
                    forwards.Add(forward);
                    backwards.Add(backward - forward);
                    updates.Add(end - backward);
                    lengths.Add(batch.Length);
                }
            }
            if (++k == total || cancellationToken.IsCancellationRequested) break;
        }

        var line = BenchWorkload.SettingsFields(settings, model);
        line["bench"] = "train-step";
        line["step_ms_median"] = BenchWorkload.Round(BenchWorkload.Median(steps));
        line["step_ms_min"] = BenchWorkload.Round(steps.Min());
        line["step_ms_max"] = BenchWorkload.Round(steps.Max());
        line["forward_ms_median"] = BenchWorkload.Round(BenchWorkload.Median(forwards));
        line["backward_ms_median"] = BenchWorkload.Round(BenchWorkload.Median(backwards));
        line["adam_ms_median"] = BenchWorkload.Round(BenchWorkload.Median(updates));
        line["peak_rss_mb"] = BenchWorkload.PeakRssMb();
        line["rss_before_model_mb"] = baseline;
        line["batch_length_mean"] = BenchWorkload.Round(lengths.Average(), 2);
        line["loss_last"] = BenchWorkload.Round(loss, 4);
        if (fused is not null && model is SessionModel { Config.TargetAttention: true, ForceGenericTargetPath: false })
        {
            var st = fused.Statistics;
            line["scorer_rows_per_step"] = BenchWorkload.Round((double)st.Rows / Math.Max(1, st.ForwardCalls));
            line["scorer_positions_per_step"] = BenchWorkload.Round((double)st.Positions / Math.Max(1, st.ForwardCalls));
            line["scorer_gemm_ms_per_step"] = BenchWorkload.Round(st.GemmMilliseconds / Math.Max(1, st.ForwardCalls));
            line["scorer_gemm_gflops"] = BenchWorkload.Round(st.GemmGflops);
            line["scorer_kernel_ms_per_step"] = BenchWorkload.Round(st.KernelMilliseconds / Math.Max(1, st.ForwardCalls));
        }
        line["load_average"] = BenchWorkload.LoadAverage();
        Console.WriteLine(JsonSerializer.Serialize(line));
        return 0;
    }
}
