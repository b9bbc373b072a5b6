using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using Tagnn.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Cli.Commands.Bench;

/// <summary>
/// <c>tagnn bench gemm</c>: libtorch's float32 matrix-product rate on a square product and on the three product
/// shapes of the fused scorer, with a fresh output each time and with a reused output. One JSON line per case.
/// </summary>
public sealed class BenchGemmCommand : Command<BenchGemmCommand.Settings>
{
    /// <summary>Options of <c>tagnn bench gemm</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Side of the square product.</summary>
        [CommandOption("--size <S>")]
        [Description("Side of the square product (default 1000).")]
        public int Size { get; init; } = 1000;

        /// <summary>Rows of the scorer's products.</summary>
        [CommandOption("--rows <R>")]
        [Description("Rows 2U of the scorer's products (default 1500: batch 100, about 7.5 distinct clicks each, keys and values).")]
        public int Rows { get; init; } = 1500;

        /// <summary>N.</summary>
        [CommandOption("--items <N>")]
        [Description("Items N (default 43097).")]
        public int Items { get; init; } = 43_097;

        /// <summary>d.</summary>
        [CommandOption("--dim <D>")]
        [Description("Hidden size d (default 100).")]
        public int Dim { get; init; } = 100;

        /// <summary>Timed repetitions.</summary>
        [CommandOption("--repeats <R>")]
        [Description("Timed repetitions per case (default 10, after 2 untimed).")]
        public int Repeats { get; init; } = 10;

        /// <summary>libtorch threads.</summary>
        [CommandOption("--threads <T>")]
        [Description("libtorch intra-op threads (default 2).")]
        public int Threads { get; init; } = 2;

        /// <inheritdoc />
        public override ValidationResult Validate() => OptionChecks.First(
            OptionChecks.AtLeast("--size", Size, 1),
            OptionChecks.AtLeast("--rows", Rows, 1),
            OptionChecks.AtLeast("--items", Items, 1),
            OptionChecks.AtLeast("--dim", Dim, 1),
            OptionChecks.AtLeast("--repeats", Repeats, 1),
            OptionChecks.AtLeast("--threads", Threads, 1));
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        TorchRuntime.SetThreads(settings.Threads);
        using var scope = NewDisposeScope();
        var generator = new Generator(1);
        var (s, r, n, d) = (settings.Size, settings.Rows, settings.Items, settings.Dim);
        var a = randn(s, s, generator: generator);
        var b = randn(s, s, generator: generator);
        var kv = randn(r, d, generator: generator);                                        // (2U, d)
        var e = randn(n, d, generator: generator);                                         // (N, d)
        var y = randn(r, n, generator: generator);                                         // (2U, N)
        Case(settings, "square", $"({s} x {s}) x ({s} x {s})", a, b);
        Case(settings, "scorer forward [X; S] = [K; V] E^T", $"({r} x {d}) x ({d} x {n})", kv, e.t());
        Case(settings, "scorer backward [dK; dV] = [dX; dS] E", $"({r} x {n}) x ({n} x {d})", y, e);
        Case(settings, "scorer backward dE = [dX; dS]^T [K; V]", $"({n} x {r}) x ({r} x {d})", y.t(), kv);
        Case(settings, "scorer backward dE^T = [K; V]^T [dX; dS] (alternative layout)", $"({d} x {r}) x ({r} x {n})", kv.t(), y);
        return 0;
    }

    private static void Case(Settings settings, string name, string shape, Tensor a, Tensor b)
    {
        var flops = 2.0 * a.shape[0] * a.shape[1] * b.shape[1];
        var output = empty(a.shape[0], b.shape[1]);
        foreach (var reuse in new[] { false, true })
        {
            var times = new List<double>();
            for (var i = 0; i < settings.Repeats + 2; i++)
            {
                using var scope = NewDisposeScope();
                var clock = Stopwatch.StartNew();
                if (reuse) output.addmm_(a, b, 0, 1);
                else a.mm(b);
                if (i >= 2) times.Add(clock.Elapsed.TotalMilliseconds);
            }
            var median = BenchWorkload.Median(times);
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["bench"] = "gemm",
                ["case"] = name,
                ["shape"] = shape,
                ["output"] = reuse ? "reused" : "fresh",
                ["ms_median"] = Math.Round(median, 2),
                ["gflops"] = Math.Round(flops / median / 1e6, 1),
                ["gflops_best"] = Math.Round(flops / times.Min() / 1e6, 1),
                ["threads"] = settings.Threads,
                ["load_average"] = BenchWorkload.LoadAverage(),
            }));
        }
    }
}
