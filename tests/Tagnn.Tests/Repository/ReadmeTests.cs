using System.Text.RegularExpressions;
using Tagnn.Tests.Notebooks;

namespace Tagnn.Tests.Repository;

/// <summary>
/// The README's first code block holds the two commands a fresh machine needs: the main job (the whole course on the
/// bundled sample, with HTML pages) and the test command, which <c>.ci/run</c> must call exactly.
/// </summary>
public sealed partial class ReadmeTests
{
    private static string Root => CourseRepository.Layout.Root;

    private static List<string> FirstCommands()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var block = FencedBlock().Match(readme);
        Assert.True(block.Success, "README.md has no fenced code block");
        return block.Groups["body"].Value.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
    }

    [Fact]
    public void The_first_two_commands_are_the_main_job_and_the_tests()
    {
        Assert.Equal(
            ["dotnet run --project src/Tagnn.Cli -c Release -- notebooks run --html", "dotnet test -c Release"],
            FirstCommands());
    }

    [Fact]
    public void Ci_runs_exactly_the_readme_test_command()
    {
        var testCommand = FirstCommands()[1];
        var ci = File.ReadAllLines(Path.Combine(Root, ".ci", "run")).Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.Contains(testCommand, ci);
        Assert.Single(ci, l => l.StartsWith("dotnet test", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_notebook_is_listed_in_the_readme()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var notebooks = Directory.GetFiles(Path.Combine(Root, "notebooks"), "*.ipynb")
            .Select(Path.GetFileName).Where(n => Regex.IsMatch(n!, @"^\d\d-")).ToList();
        Assert.NotEmpty(notebooks);
        Assert.All(notebooks, n => Assert.Contains($"(notebooks/{n})", readme));
    }

    [Fact]
    public void The_readme_screenshot_exists()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var images = ImageLink().Matches(readme).Select(m => m.Groups["path"].Value).ToList();
        Assert.NotEmpty(images);
        Assert.All(images, p => Assert.True(File.Exists(Path.Combine(Root, p)), $"README.md shows {p}, which does not exist"));
    }

    [GeneratedRegex(@"```[a-z]*\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"!\[[^\]]*\]\((?<path>[^)\s]+)\)")]
    private static partial Regex ImageLink();
}
