using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Tagnn.Tests.Notebooks;

namespace Tagnn.Tests.Repository;

/// <summary>
/// Citations of how the authors' code behaves point into <c>docs/REFERENCE.md</c>, and every such citation resolves:
/// a <c>REFERENCE.md#anchor</c> anywhere in the sources, tests, notebooks and docs must name a heading of that page
/// (GitHub's anchors, as Markdig computes them), and nothing may cite the old page outside the repository.
/// </summary>
public sealed partial class ReferenceCitationTests
{
    private static string Root => CourseRepository.Layout.Root;

    private static readonly string[] Folders = ["src", "tests", "notebooks", "docs"];
    private static readonly string[] RootFiles = ["README.md", "BENCHMARKS.md"];
    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".cs", ".md", ".ipynb", ".json", ".props", ".targets", ".csproj", ".sh", ".txt", ".yml", ".yaml", ".py",
    };

    // This file names the banned phrases to ban them.
    private static readonly string Self = Path.Combine("tests", "Tagnn.Tests", "Repository", "ReferenceCitationTests.cs");

    /// <summary>Phrases that cite a page that is not in this repository.</summary>
    private static readonly string[] Banned = ["reference page", "reference notes", "TAGNN-REFERENCE", "shared/reference"];

    [Fact]
    public void The_reference_page_has_the_sections_code_and_notebooks_cite()
    {
        var anchors = Anchors();
        foreach (var expected in new[] { "r1-preprocessing", "r2-augmentation-and-fractions", "r5-session-graph",
                     "r11-padding-inside-the-softmaxes", "r16-cost-and-the-exact-rewrite", "r17-paper-versus-code" })
            Assert.Contains(expected, anchors);
        Assert.Equal(anchors.Count, anchors.Distinct().Count());
    }

    [Fact]
    public void Every_citation_of_REFERENCE_md_names_an_existing_anchor()
    {
        var anchors = Anchors().ToHashSet(StringComparer.Ordinal);
        var broken = new List<string>();
        var citations = 0;
        foreach (var (file, lineNumber, line) in Lines())
        {
            foreach (Match m in Citation().Matches(line))
            {
                citations++;
                var anchor = m.Groups["anchor"].Value;
                if (!anchors.Contains(anchor)) broken.Add($"{file}:{lineNumber}: REFERENCE.md#{anchor}");
            }
        }
        Assert.True(broken.Count == 0,
            $"{broken.Count} citation(s) of docs/REFERENCE.md name an anchor it does not have (its anchors: " +
            $"{string.Join(", ", anchors.Order())}):\n{string.Join("\n", broken)}");
        Assert.True(citations > 0, "no file cites docs/REFERENCE.md#...: is the search looking in the right folders?");
    }

    [Fact]
    public void The_reference_page_links_only_to_its_own_anchors()
    {
        var anchors = Anchors().ToHashSet(StringComparer.Ordinal);
        var text = File.ReadAllText(Path.Combine(Root, "docs", "REFERENCE.md"));
        var links = InternalLink().Matches(text).Select(m => m.Groups["anchor"].Value).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, a => Assert.True(anchors.Contains(a), $"docs/REFERENCE.md links to #{a}, which is not one of its headings"));
    }

    [Fact]
    public void Nothing_cites_a_reference_page_outside_the_repository()
    {
        var found = new List<string>();
        foreach (var (file, lineNumber, line) in Lines())
        {
            foreach (var phrase in Banned)
            {
                if (line.Contains(phrase, StringComparison.OrdinalIgnoreCase)) found.Add($"{file}:{lineNumber}: \"{phrase}\"");
            }
        }
        Assert.True(found.Count == 0,
            "cite docs/REFERENCE.md#<section> instead of a page that is not in the repository:\n" + string.Join("\n", found));
    }

    /// <summary>The heading anchors of docs/REFERENCE.md, as GitHub renders them.</summary>
    private static List<string> Anchors()
    {
        var path = Path.Combine(Root, "docs", "REFERENCE.md");
        Assert.True(File.Exists(path), "docs/REFERENCE.md is missing");
        var pipeline = new MarkdownPipelineBuilder().UseAutoIdentifiers(AutoIdentifierOptions.GitHub).Build();
        var document = Markdown.Parse(File.ReadAllText(path), pipeline);
        return [.. document.Descendants<HeadingBlock>().Select(h => h.GetAttributes().Id).OfType<string>()];
    }

    /// <summary>Every line of every text file under the cited folders (build output and hidden folders skipped),
    /// with its repository-relative path and 1-based line number.</summary>
    private static IEnumerable<(string File, int Line, string Text)> Lines()
    {
        var files = Folders.Select(f => Path.Combine(Root, f)).Where(Directory.Exists).SelectMany(Files)
            .Concat(RootFiles.Select(f => Path.Combine(Root, f)).Where(File.Exists));
        foreach (var path in files)
        {
            var relative = Path.GetRelativePath(Root, path);
            if (relative == Self) continue;
            var number = 0;
            foreach (var line in File.ReadLines(path))
            {
                number++;
                yield return (relative, number, line);
            }
        }
    }

    private static IEnumerable<string> Files(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            if (TextExtensions.Contains(Path.GetExtension(file))) yield return file;
        }
        foreach (var sub in Directory.EnumerateDirectories(folder))
        {
            var name = Path.GetFileName(sub);
            if (name is "bin" or "obj" || name.StartsWith('.')) continue;
            foreach (var file in Files(sub)) yield return file;
        }
    }

    // REFERENCE.md#anchor, but not a longer file name ending in REFERENCE.md.
    [GeneratedRegex(@"(?<![\w-])REFERENCE\.md#(?<anchor>[A-Za-z0-9_-]*)")]
    private static partial Regex Citation();

    [GeneratedRegex(@"\]\(#(?<anchor>[^)\s]*)\)")]
    private static partial Regex InternalLink();
}
