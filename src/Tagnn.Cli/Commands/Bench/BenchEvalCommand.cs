using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using Tagnn.Model;
using Tagnn.Model.Scoring;
using Tagnn.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Cli.Commands.Bench;

/// <summary>
/// <c>tagnn bench eval</c>: the time and memory of scoring a test batch against every item and taking the top K
/// (no gradients), on random prefixes. Prints one JSON line.
/// </summary>
public sealed class BenchEvalCommand : Command<BenchEvalCommand.Settings>
{
    /// <summary>Options of <c>tagnn bench eval</c>.</summary>
    public sealed class Settings : BenchModelSettings
    {
        /// <summary>K of the top-K.</summary>
        [CommandOption("--top <K>")]
        [Description("How many items to take per example (default 20).")]
        public int Top { get; init; } = 20;

        /// <inheritdoc />
        public override ValidationResult Validate() => OptionChecks.First(base.Validate(), OptionChecks.AtLeast("--top", Top, 1),
            Top <= Items ? ValidationResult.Success() : ValidationResult.Error($"--top ({Top}) must be at most --items ({Items})."));
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
        var fused = (model as SessionModel)?.Scorer as FusedTargetScorer;
        var times = new List<double>();
        var hits = 0L;
        var k = 0;
        using (no_grad())
        {
            foreach (var batch in batcher.Batches(0))
            {
                using (batch)
                {
                    if (k == settings.Warmup) fused?.ResetStatistics();
                    using var scope = NewDisposeScope();
                    var clock = Stopwatch.StartNew();
                    var scores = model.forward(batch);                                              // (B, N)
                    var top = scores.topk(settings.Top, dim: 1).indexes + 1;                         // (B, K) item ids
                    var ids = top.data<long>().ToArray();                                            // to the host, as an evaluation does
                    BenchWorkload.MaybeCollect(settings, k);
                    var elapsed = clock.Elapsed.TotalMilliseconds;
                    var targets = batch.Targets.data<long>().ToArray();
                    for (var b = 0; b < targets.Length; b++)
                    {
                        if (ids.AsSpan(b * settings.Top, settings.Top).Contains(targets[b])) hits++;
                    }
                    if (k >= settings.Warmup) times.Add(elapsed);
                }
                if (++k == total || cancellationToken.IsCancellationRequested) break;
            }
        }

        var line = BenchWorkload.SettingsFields(settings, model);
        line["bench"] = "eval";
        line["top"] = settings.Top;
        line["batch_ms_median"] = BenchWorkload.Round(BenchWorkload.Median(times));
        line["batch_ms_min"] = BenchWorkload.Round(times.Min());
        line["batch_ms_max"] = BenchWorkload.Round(times.Max());
        line["peak_rss_mb"] = BenchWorkload.PeakRssMb();
        line["rss_before_model_mb"] = baseline;
        line["hits"] = hits; // random weights and targets: a sanity value, not a metric
        if (fused is not null && model is SessionModel { Config.TargetAttention: true })
        {
            var st = fused.Statistics;
            line["scorer_gemm_gflops"] = BenchWorkload.Round(st.GemmGflops);
            line["scorer_gemm_ms_per_batch"] = BenchWorkload.Round(st.GemmMilliseconds / Math.Max(1, st.ForwardCalls));
            line["scorer_kernel_ms_per_batch"] = BenchWorkload.Round(st.KernelMilliseconds / Math.Max(1, st.ForwardCalls));
        }
        line["load_average"] = BenchWorkload.LoadAverage();
        Console.WriteLine(JsonSerializer.Serialize(line));
        return 0;
    }
}
