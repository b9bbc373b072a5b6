using System.Text.RegularExpressions;
using Tagnn.Tests.Support;

namespace Tagnn.Tests.Repository;

/// <summary>
/// docs/GPU.md ("Running on a GPU") exists, is linked from the README's GPU paragraph, says its memory figures are not
/// measured on a GPU, and its table covers both scales and every batch size from 100 to 3,200 with figures that are
/// BENCHMARKS.md's.
/// </summary>
public sealed partial class GpuDocsTests
{
    private static string Read(params string[] path) => File.ReadAllText(Repo.Path(path));

    [Fact]
    public void The_readme_gpu_paragraph_links_the_gpu_page()
    {
        var readme = Read("README.md");
        var paragraph = readme[readme.IndexOf("**GPU.**", StringComparison.Ordinal)..];
        paragraph = paragraph[..paragraph.IndexOf("\n\n", StringComparison.Ordinal)];
        Assert.Contains("(docs/GPU.md)", paragraph);
        var page = Read("docs", "GPU.md");
        Assert.StartsWith("# Running on a GPU", page);
        Assert.Contains("not yet measured on a GPU", page);
    }

    [Fact]
    public void The_memory_table_covers_both_scales_and_every_batch_size_with_benchmarked_figures()
    {
        var page = Read("docs", "GPU.md");
        var benchmarks = Read("BENCHMARKS.md");
        var rows = TableRow().Matches(page).Select(m => m.Groups).ToList();
        foreach (var batch in new[] { "100", "200", "400", "800", "1,600", "3,200" })
        {
            var row = rows.SingleOrDefault(g => g["batch"].Value == batch);
            Assert.True(row is not null, $"docs/GPU.md has no memory row for batch {batch}");
            foreach (var measured in new[] { row["diginetica"].Value, row["yoochoose"].Value })
                Assert.True(benchmarks.Contains($"| {measured} |", StringComparison.Ordinal),
                    $"batch {batch}: {measured} MB is not a figure of BENCHMARKS.md's GPU-path table");
        }
    }

    // | batch | Diginetica measured | ... | Yoochoose measured | ...  (the first column after the batch of each scale)
    [GeneratedRegex(@"^\| (?<batch>[0-9,]+) \| (?<diginetica>[0-9,]+) \| [^|]+\| [^|]+\| (?<yoochoose>[0-9,]+) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
