using System.Text.Json;
using Tagnn.Cli;

namespace Tagnn.Tests.Model;

/// <summary><c>tagnn bench train-step | eval | gemm</c> in process on tiny sizes: one JSON line each with the
/// settings and the measurements (the figures themselves belong to BENCHMARKS.md, not to assertions).</summary>
public sealed class BenchCommandsTests
{
    private static readonly string[] Tiny =
        ["--items", "40", "--batch", "6", "--dim", "8", "--length", "5", "--min-length", "2", "--steps", "3", "--warmup", "1",
         "--threads", "1", "--mmap-threshold-mb", "0"];

    [Theory]
    [InlineData("tagnn", "batch", "fused")]
    [InlineData("tagnn", "dataset", "fused")]
    [InlineData("tagnn", "batch", "exact")]
    [InlineData("srgnn", "batch", "fused")]
    public void Train_step_prints_one_json_line_with_the_settings_and_the_measurements(string model, string padding, string scorer)
    {
        var lines = Run(["bench", "train-step", "--model", model, "--padding", padding, "--scorer", scorer, "--pad-length", "12", .. Tiny]);
        var line = Assert.Single(lines);
        Assert.Equal("train-step", line.GetProperty("bench").GetString());
        Assert.Equal(model, line.GetProperty("model").GetString());
        Assert.Equal(padding, line.GetProperty("padding").GetString());
        Assert.Equal(12, line.GetProperty("pad_length").GetInt32());
        Assert.Equal(6, line.GetProperty("batch").GetInt32());
        Assert.Equal(3, line.GetProperty("steps").GetInt32());
        Assert.True(line.GetProperty("step_ms_median").GetDouble() > 0);
        Assert.True(line.GetProperty("peak_rss_mb").GetDouble() > 0);
        Assert.True(double.IsFinite(line.GetProperty("loss_last").GetDouble()));
        var expectedLength = padding == "dataset" ? 12 : 5.0;
        Assert.True(line.GetProperty("batch_length_mean").GetDouble() <= expectedLength);
        if (model == "tagnn" && scorer == "fused")
        {
            // Packed rows: at most the real clicks of a batch (6 examples of at most 5 clicks), never the padding.
            var rows = line.GetProperty("scorer_rows_per_step").GetDouble();
            Assert.InRange(rows, 6 * 1, 6 * 5);
        }
    }

    [Fact]
    public void Eval_and_gemm_print_their_lines()
    {
        var eval = Assert.Single(Run(["bench", "eval", "--top", "7", .. Tiny]));
        Assert.Equal("eval", eval.GetProperty("bench").GetString());
        Assert.Equal(7, eval.GetProperty("top").GetInt32());
        Assert.True(eval.GetProperty("batch_ms_median").GetDouble() > 0);
        Assert.InRange(eval.GetProperty("hits").GetInt64(), 0, 3 * 6);

        var gemm = Run(["bench", "gemm", "--size", "32", "--rows", "12", "--items", "50", "--dim", "8", "--repeats", "2", "--threads", "1"]);
        Assert.Equal(10, gemm.Count); // 5 cases x (fresh, reused output)
        Assert.All(gemm, g => Assert.True(g.GetProperty("gflops").GetDouble() > 0));
    }

    [Fact]
    public void Bad_settings_are_refused()
    {
        var e = Assert.Throws<Spectre.Console.Cli.CommandRuntimeException>(() => TagnnApp.Create().Run(["bench", "train-step", "--min-length", "6", "--length", "5"]));
        Assert.Contains("--min-length", e.Message);
        e = Assert.Throws<Spectre.Console.Cli.CommandRuntimeException>(() => TagnnApp.Create().Run(["bench", "train-step", "--length", "10", "--pad-length", "9"]));
        Assert.Contains("--pad-length", e.Message);
    }

    private static List<JsonElement> Run(string[] args)
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            Assert.Equal(0, TagnnApp.Create().Run(args));
        }
        finally
        {
            Console.SetOut(original);
        }
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .ToList();
    }
}
