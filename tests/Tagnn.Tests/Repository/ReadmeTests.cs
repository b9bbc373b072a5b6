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

    [Fact]
    public void The_readmes_sample_table_is_the_shipped_table1()
    {
        // README's "The paper's Table 1 on the sample" is data/sample/table1/table1.csv, not typed by hand: this block,
        // made from the CSV, must appear in the README word for word (on a mismatch, paste the expected block).
        var csv = Path.Combine(Root, "data", "sample", "table1", "table1.csv");
        var expected = SampleTable1Block(File.ReadAllLines(csv));
        var readme = File.ReadAllText(Path.Combine(Root, "README.md")).ReplaceLineEndings("\n");
        Assert.True(readme.Contains(expected, StringComparison.Ordinal),
            $"README.md's sample Table 1 differs from {csv}; expected this block:\n{expected}");
    }

    /// <summary>The README's table of the sample: the catalog's titles in table order, P@20, MRR@20 and NDCG@20 with two
    /// decimals, the four models the paper does not have under their own line.</summary>
    internal static string SampleTable1Block(IReadOnlyList<string> csvLines)
    {
        Assert.Equal(Tagnn.Experiments.Table1Csv.Header, csvLines[0]);
        var lines = new List<string> { "| method | P@20 | MRR@20 | NDCG@20 |", "|---|---|---|---|" };
        var paperDone = false;
        foreach (var line in csvLines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = line.Split(',');
            var entry = Tagnn.Experiments.ModelCatalog.Default.Find(cells[0]) ?? throw new InvalidDataException($"unknown model {cells[0]}");
            if (!entry.InPaper && !paperDone)
            {
                lines.Add("| *not in the paper's Table 1:* | | | |");
                paperDone = true;
            }
            string Pct(string cell) => double.Parse(cell, System.Globalization.CultureInfo.InvariantCulture).ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
            lines.Add($"| {entry.Title} | {Pct(cells[2])} | {Pct(cells[4])} | {Pct(cells[6])} |");
        }
        return string.Join("\n", lines) + "\n";
    }

    [GeneratedRegex(@"```[a-z]*\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"!\[[^\]]*\]\((?<path>[^)\s]+)\)")]
    private static partial Regex ImageLink();
}
