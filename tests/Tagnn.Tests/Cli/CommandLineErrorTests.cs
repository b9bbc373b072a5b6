using Tagnn.Tests.Support;

namespace Tagnn.Tests.Cli;

/// <summary>The real executable (not the in-process app): usage mistakes give one line and exit code 2.</summary>
public sealed class CommandLineErrorTests
{
    private static readonly string Cli = System.IO.Path.Combine(
        System.IO.Path.GetDirectoryName(typeof(Tagnn.Cli.TagnnApp).Assembly.Location)!, "Tagnn.Cli.dll");

    [Theory]
    [InlineData(new[] { "trian" }, "Unknown command 'trian'")]
    [InlineData(new[] { "preprocess", "--dataset", "movielens" }, "--dataset must be diginetica or yoochoose")]
    [InlineData(new[] { "train", "--model", "gru4rec", "--dropout", "1" }, "--dropout must be in [0, 1), got 1.")]
    public void Usage_errors_are_one_red_line_and_exit_code_2(string[] args, string message)
    {
        var (exit, output) = Repo.Run("dotnet", [Cli, .. args]);
        Assert.Equal(2, exit);
        Assert.Contains(message, output);
        Assert.DoesNotContain("   at ", output); // no stack trace
    }

    [Fact]
    public void Help_is_available_on_the_root_and_every_command()
    {
        var (exit, output) = Repo.Run("dotnet", [Cli, "--help"]);
        Assert.Equal(0, exit);
        var commands = new[] { "info", "preprocess", "convert", "data", "train", "evaluate", "recommend", "export", "bench", "notebooks" };
        foreach (var command in commands) Assert.Contains(command, output);
        foreach (var command in commands)
        {
            var (code, help) = Repo.Run("dotnet", [Cli, command, "--help"]);
            Assert.True(code == 0, $"tagnn {command} --help exited with {code}: {help}");
            Assert.Contains("USAGE", help);
        }
    }
}
