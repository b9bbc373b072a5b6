using Tagnn.Cli.Commands.Data;
using Tagnn.Tests.Data;
using Tagnn.Tests.Training;

namespace Tagnn.Tests.Cli;

/// <summary>Error messages name the path and what is missing, or the option and what it needs, never a library
/// parameter or a .NET type (issue 9, item 7).</summary>
public sealed class MessageTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>Option values out of range or unreadable: usage errors (exit code 2) naming the option, in the real
    /// executable (the rewriting of Spectre's conversion message happens in its Program.cs).</summary>
    [Theory]
    [InlineData("--max-train must be at least 1, got 0", "train", "--max-train", "0")]
    [InlineData("--max-test must be at least 1, got -3", "train", "--max-test", "-3")]
    [InlineData("--max-train: 'abc' is not a number", "train", "--max-train", "abc")]
    [InlineData("--lr: 'x' is not a number", "train", "--lr=x")]
    [InlineData("--validation-fraction must be in (0, 1), got 1.5", "train", "--protocol", "validation", "--validation-fraction", "1.5")]
    [InlineData("--threads must be at least 1, got 0", "train", "--threads", "0")]
    [InlineData("--hidden must be at least 1, got 0", "train", "--hidden", "0")]
    [InlineData("--epochs must be at least 1, got 0", "train", "--resume", "runs/x", "--epochs", "0")]
    [InlineData("--batch must be at least 1, got 0", "evaluate", "--weights", "w.safetensors", "--batch", "0")]
    [InlineData("--gnn-steps must be at least 1, got 0", "evaluate", "--weights", "w.safetensors", "--gnn-steps", "0")]
    [InlineData("--batch must be at least 1, got 0", "bench", "batches", "--batch", "0")]
    [InlineData("--threads must be at least 1, got 0", "bench", "gemm", "--threads", "0")]
    [InlineData("--top must be at least 1, got 0", "bench", "eval", "--top", "0")]
    public void Option_errors_name_the_option(string message, params string[] args)
    {
        var result = CliProcess.Run(temp.Path, args).ExitsWith(2).Says("error: " + message);
        foreach (var internalName in new[] { "Parameter '", "maxExamples", "BatchSize", "HiddenSize", "GnnSteps", "Nullable", "fraction'", "Unhandled" })
            result.DoesNotSay(internalName);
    }

    [Fact]
    public void Missing_inputs_and_blocked_outputs_name_the_path_and_what_is_missing()
    {
        var data = temp.Combine("data");
        TinyData.Saved(data);
        var missing = temp.Combine("no", "such");
        var file = temp.File("a-file", "not a folder");
        var cases = new (string[] Args, string Expected)[]
        {
            (["convert", "--from", "pickle", "--to", "tsv", "--input", missing, "--output", temp.Combine("o1")],
                $"{missing} does not exist (the folder {temp.Combine("no")} does not exist); expected an SR-GNN folder holding train.txt and test.txt"),
            (["convert", "--from", "pickle", "--to", "tsv", "--input", data, "--output", temp.Combine("o2")],
                $"{data} is not an SR-GNN folder: train.txt is missing"),
            (["convert", "--from", "pickle", "--to", "tsv", "--input", data, "--output", temp.Combine("o3"), "--catalog", Path.Combine(missing, "items.tsv")],
                $"{Path.Combine(missing, "items.tsv")} does not exist (the folder {temp.Combine("no")} does not exist); expected an items.tsv"),
            (["evaluate", "--weights", Path.Combine(missing, "w.safetensors"), "--data", data],
                $"{Path.Combine(missing, "w.safetensors")} does not exist (the folder {temp.Combine("no")} does not exist); expected a weights file"),
            (["train", "--data", data, "--init-weights", Path.Combine(missing, "w.safetensors"), "--run", temp.Combine("r1")],
                $"{Path.Combine(missing, "w.safetensors")} does not exist (the folder {temp.Combine("no")} does not exist); expected a weights file for --init-weights"),
            (["train", "--data", missing, "--run", temp.Combine("r2")],
                $"{missing} does not exist (the folder {temp.Combine("no")} does not exist); expected a prepared dataset folder"),
            (["evaluate", "--run", missing], $"{missing} does not exist (the folder {temp.Combine("no")} does not exist); expected a run folder"),
            (["train", "--data", data, "--runs-root", Path.Combine(file, "runs"), "--name", "x", "--hidden", "8", "--epochs", "1", "--no-sknn"],
                $"Cannot create the folder {Path.Combine(file, "runs", "x", "checkpoints")}: {file} is a file"),
            (["preprocess", "--output", Path.Combine(file, "out")], $"{file} is a file, where a folder is needed"),
            (["data", "synth", "--output", data, "--sessions", "10"], $"{data} is a folder; a file of that name cannot be written"),
        };
        foreach (var (args, expected) in cases)
        {
            var (code, output) = InProcessCli.Run(args);
            Assert.True(code == 1, $"tagnn {string.Join(' ', args)}: exit {code}\n{output}");
            Assert.Contains("error: " + expected, output);
            Assert.DoesNotContain("Could not find", output);
        }
        Assert.False(Directory.Exists(temp.Combine("r1")) || Directory.Exists(temp.Combine("r2")));
    }

    [Fact]
    public void Dotnet_messages_about_missing_paths_that_nothing_checked_are_rewritten()
    {
        var root = temp.Combine("gone");
        var e = new DirectoryNotFoundException($"Could not find a part of the path '{Path.Combine(root, "a", "b.txt")}'.");
        Assert.Equal($"{Path.Combine(root, "a", "b.txt")} does not exist (the folder {root} does not exist).", CliErrors.Explain(e));
        Assert.Equal($"{temp.Combine("x.txt")} does not exist.", CliErrors.Explain(new FileNotFoundException($"Could not find file '{temp.Combine("x.txt")}'.")));
        Assert.Equal("other", CliErrors.Explain(new IOException("other")));
    }
}
