using System.Text.Json.Nodes;

namespace Tagnn.Tests.Notebooks;

/// <summary>
/// No notebook types a published number: results and dataset statistics are printed from PublishedResults and
/// PublishedStatistics, the one table of published numbers with their sources, and no number sits beside a citation
/// without coming from them (<see cref="PublishedNumberScanner"/>; docs/notebooks.md, "Published numbers").
/// </summary>
public sealed class PublishedNumbersTests
{
    /// <summary>
    /// Notebooks that still break the rule, each fixed on its owner's branch (issue 13). The test asserts that they
    /// DO still break it, so this list cannot outlive the fix: when a notebook is fixed, remove it here.
    /// </summary>
    private static readonly Dictionary<string, string> Pending = new()
    {
    };

    /// <summary>One case per notebooks/NN-*.ipynb.</summary>
    public static TheoryData<string> Notebooks() => CourseRepository.Notebooks();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_types_no_published_number(string notebook)
    {
        var cells = JsonNode.Parse(File.ReadAllText(CourseRepository.PathOf(notebook)))!["cells"]!.AsArray()
            .Select(c => ((string?)c!["cell_type"] ?? "", Source(c["source"]))).ToList();

        var violations = PublishedNumberScanner.Scan(cells);

        if (Pending.TryGetValue(notebook, out var owner))
        {
            Assert.True(violations.Count > 0,
                $"{notebook} no longer types a published number ({owner}): remove it from PublishedNumbersTests.Pending.");
            return;
        }
        Assert.True(violations.Count == 0,
            $"{notebook} quotes numbers against the rule (docs/notebooks.md, \"Published numbers\"):\n" +
            string.Join("\n", violations));
    }

    [Fact]
    public void Typed_published_values_are_found_in_prose_and_code()
    {
        var violations = PublishedNumberScanner.Scan(
        [
            ("markdown", "TAGNN reaches 51.31 on Diginetica."),
            ("code", "double[] srgnn = [50.73, 17.59];"),
            ("markdown", "The code gives 43,097 items, and 719470 training examples."),
            ("code", "var items = 43_097;"),
            ("markdown", "The model's item table has 37,484 rows."),      // a count from a note of PublishedStatistics
        ]);

        Assert.Equal(["51.31", "50.73", "17.59", "43,097", "719470", "43_097", "37,484"],
            violations.Where(v => v.Why.StartsWith("the published value", StringComparison.Ordinal)).Select(v => v.Number));
        Assert.Contains(violations, v => v.Why.Contains("TAGNN, Diginetica, P@20 = 51.31 (Yu et al., SIGIR 2020 (TAGNN), Table 1)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_number_beside_a_citation_that_no_table_holds_is_found()
    {
        var violations = PublishedNumberScanner.Scan(
        [
            ("markdown", "On Yoochoose 1/4 the TAGNN paper prints 72.03 and 31.45."),
            ("markdown", "* TAGNN's published lead over SR-GNN is 0.45-0.58 points."),
            ("markdown", "| method | P@20 |\n|---|---|\n| TAGNN (Table 1, 1/4) | 72.03 |"),
            ("markdown", "Shehzad and Jannach (ECIR 2024) found a seed variation of 0.015."),
            ("markdown", "The paper counts 982,961 clicks and lists 6.16 % for one."),
            ("code", "// as printed by the SR-GNN and TAGNN papers\nvar yoochoose4 = new[] { 71.36, 72.03 };"),
        ]);

        Assert.Equal(["72.03", "31.45", "0.45", "0.58", "72.03", "0.015", "982,961", "6.16", "71.36", "72.03"],
            violations.Select(v => v.Number));
    }

    [Fact]
    public void Section_and_equation_numbers_years_versions_and_computed_figures_are_not_quotes()
    {
        var violations = PublishedNumberScanner.Scan(
        [
            ("markdown", "The paper's Section 2.5 scores items; Eq. 10 combines. Yu et al., SIGIR 2020, set d = 100 and decay by 0.1."),
            ("markdown", "TorchSharp 0.107.0 is published on NuGet; see [the DOI](https://doi.org/10.1145/3397271.3401319)."),
            ("markdown", "The sample has 1,352 items and a seed spread of 0.015 (no citation in this sentence)."),
            ("code", "var share = Top(0.25);                      // no citation in this cell\nvar n = 1_352;"),
            ("code", "display(Tables.Results(PublishedResults.TagnnTable1)); // printed from the table, with sources"),
        ]);

        Assert.Empty(violations);
    }

    [Fact]
    public void Units_are_sentences_list_items_and_table_rows_and_abbreviations_do_not_end_them()
    {
        var units = PublishedNumberScanner.Units("First one. Yu et al. found it, e.g. here. Next.\n\n* item one\n* item two\n| a | b |").ToList();

        Assert.Equal(["First one.", "Yu et al. found it, e.g. here.", "Next.", "* item one", "* item two", "| a | b |"],
            units.Select(u => u.Text.Trim()));
        Assert.Equal(0, units[0].Start);
        Assert.Equal("First one. ".Length, units[1].Start);
    }

    private static string Source(JsonNode? source) => source switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue text => (string?)text ?? "",
        _ => "",
    };
}
