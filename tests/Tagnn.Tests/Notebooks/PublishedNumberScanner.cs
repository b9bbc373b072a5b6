using System.Globalization;
using System.Text.RegularExpressions;
using Tagnn.Data;
using Tagnn.Evaluation;

namespace Tagnn.Tests.Notebooks;

/// <summary>
/// The rule for published numbers in notebooks (docs/notebooks.md, "Published numbers"): a notebook never types one.
/// Published results and dataset statistics are printed by code from the one table that holds them with their sources
/// (<see cref="PublishedResults"/>, <see cref="PublishedStatistics"/>), and figures derived from them are computed. Two
/// checks, each able to fail on its own:
/// <list type="number">
/// <item><b>Typed published values.</b> Every value of those tables is searched for in every cell, markdown and code,
/// as it would be typed: results with two decimals (<c>51.31</c>), counts with or without separators (<c>43,097</c>,
/// <c>43097</c>, <c>43_097</c>).</item>
/// <item><b>Numbers beside a citation.</b> A sentence, list item or table row of a markdown cell that cites a
/// publication (the paper, "published", Table N, Figure N, et al., a venue) may not contain a number with two or more
/// decimals, a number with thousands separators or a percentage with decimals: such a number is either a published
/// value (check 1 would name it) or one the tables do not hold (a number without a source, or a derived figure typed
/// by hand). The same for a code cell that mentions a publication in a comment or string: no literal with two or more
/// decimals or separators. Allowed: integers without separators (years, equation and section numbers, d = 100),
/// numbers with one decimal (a decay of 0.1, Section 2.5 is skipped anyway) and exponents (10^-5).</item>
/// </list>
/// </summary>
internal static partial class PublishedNumberScanner
{
    /// <summary>One quoted number that breaks the rule.</summary>
    /// <param name="Cell">0-based cell index.</param>
    /// <param name="Number">The number as written.</param>
    /// <param name="Why">What it is and what to do.</param>
    /// <param name="Position">Where in the cell's source.</param>
    public sealed record Violation(int Cell, int Position, string Number, string Why)
    {
        /// <inheritdoc />
        public override string ToString() => $"cell {Cell}: {Number}: {Why}";
    }

    /// <summary>Every published value with where it comes from, in the forms a notebook could type it.</summary>
    public static IReadOnlyList<(string Typed, string Source)> PublishedForms { get; } = BuildForms();

    /// <summary>The violations in a notebook's cells, given as (type, source) pairs.</summary>
    public static IReadOnlyList<Violation> Scan(IReadOnlyList<(string Type, string Source)> cells)
    {
        var found = new List<Violation>();
        for (var i = 0; i < cells.Count; i++)
        {
            var (type, source) = cells[i];
            foreach (var (typed, from) in PublishedForms)
            {
                foreach (Match m in Regex.Matches(source, $@"(?<![\d.,_]){Regex.Escape(typed)}(?![\d]|[.,_]\d)"))
                    found.Add(new Violation(i, m.Index, m.Value,
                        $"the published value of {from}, typed by hand: print it from PublishedResults / PublishedStatistics"));
            }
            if (type == "markdown")
            {
                foreach (var (at, unit) in Units(source).Where(u => Citation().IsMatch(u.Text)))
                {
                    foreach (Match m in SourcelessNumber().Matches(WithoutAddresses(unit)))
                        found.Add(new Violation(i, at + m.Index, m.Value.Trim(),
                            $"a number beside a citation (\"{Shorten(unit)}\"): print published values from the tables, compute derived ones"));
                }
            }
            else if (type == "code" && Citation().IsMatch(CommentsAndStrings(source)))
            {
                foreach (Match m in SourcelessNumber().Matches(source))
                    found.Add(new Violation(i, m.Index, m.Value.Trim(),
                        "a literal in a cell that cites a publication: print published values from the tables"));
            }
        }
        // One report per place (a published value beside a citation is named as the published value).
        return found.OrderBy(v => v.Cell).ThenBy(v => v.Position).ThenBy(v => v.Why.StartsWith("the published", StringComparison.Ordinal) ? 0 : 1)
            .DistinctBy(v => (v.Cell, v.Position)).ToList();
    }

    /// <summary>Sentences, list items and table rows of a markdown text, with where each starts.</summary>
    internal static IEnumerable<(int Start, string Text)> Units(string markdown)
    {
        var cuts = new SortedSet<int> { 0, markdown.Length };
        foreach (Match m in BlockBreak().Matches(markdown)) cuts.Add(m.Index + m.Length);
        foreach (Match m in SentenceBreak().Matches(markdown))
            if (!Abbreviation().IsMatch(markdown[..m.Index])) cuts.Add(m.Index + m.Length);
        var bounds = cuts.ToList();
        for (var k = 0; k + 1 < bounds.Count; k++)
        {
            var text = markdown[bounds[k]..bounds[k + 1]];
            if (text.Trim().Length > 0) yield return (bounds[k], text);
        }
    }

    private static string WithoutAddresses(string text) => Address().Replace(text, " ");

    private static string CommentsAndStrings(string code) =>
        string.Join("\n", CodeText().Matches(code).Select(m => m.Value));

    private static string Shorten(string unit)
    {
        var flat = Regex.Replace(unit, @"\s+", " ").Trim();
        return flat.Length <= 90 ? flat : flat[..87] + "...";
    }

    private static List<(string, string)> BuildForms()
    {
        var forms = new List<(string, string)>();
        foreach (var r in PublishedResults.All)
            forms.Add((r.Value.ToString("0.00", CultureInfo.InvariantCulture), r.ToString()));
        foreach (var s in PublishedStatistics.Paper.Concat(PublishedStatistics.AuthorsCode))
        {
            var counts = new (string What, long? Value)[]
            {
                ("clicks", s.Clicks), ("training examples", s.TrainExamples), ("test examples", s.TestExamples), ("items", s.Items),
            };
            var fromNote = GroupedInteger().Matches(s.Note)
                .Select(m => ("a count in the note", (long?)long.Parse(m.Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)));
            foreach (var (what, value) in counts.Concat(fromNote))
            {
                if (value is not { } v || v < 1000) continue;
                var from = $"{s.Dataset} {what} ({s.Source})";
                foreach (var typed in new[]
                         {
                             v.ToString("#,0", CultureInfo.InvariantCulture), v.ToString(CultureInfo.InvariantCulture),
                             v.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '_'),
                             v.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', ' '),
                         })
                    forms.Add((typed, from));
            }
        }
        return forms.DistinctBy(f => f.Item1).ToList();
    }

    // A publication cited: the paper(s), published, a numbered table or figure, "et al." or a venue.
    [GeneratedRegex(@"\b(?:papers?|published|publishes|Table \d|Figure \d|et al\.|AAAI|SIGIR|CIKM|KDD|WWW|ICLR|ECIR|RecSys|NAACL|arXiv)", RegexOptions.IgnoreCase)]
    private static partial Regex Citation();

    // Two or more decimals, thousands separators, or a percentage with decimals; not a version (1.2.3), not a section,
    // equation, table or figure number.
    [GeneratedRegex(@"(?<![\w.,/])(?<!(?:Section|Sec\.|Eqs?\.|Table|Figure|Fig\.|§)\s?)(?:\d+\.\d{2,}|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+\s?%)(?![\w/]|\.\d)")]
    private static partial Regex SourcelessNumber();

    [GeneratedRegex(@"\d{1,3}(?:,\d{3})+")]
    private static partial Regex GroupedInteger();

    // Paragraphs, and lines that start a list item or a table row.
    [GeneratedRegex(@"\n\s*\n|\n(?=\s*(?:[*+-]|\d+\.|\|)\s)")]
    private static partial Regex BlockBreak();

    // The end of a sentence: . ! or ? then a space and what starts a sentence.
    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z*(\[`$])")]
    private static partial Regex SentenceBreak();

    // A text ending in an abbreviation: the sentence goes on.
    [GeneratedRegex(@"(?:\b(?:et al|e\.g|i\.e|Eqs?|Fig|Sec|vs|cf|resp|approx)\.)$", RegexOptions.IgnoreCase)]
    private static partial Regex Abbreviation();

    // Link targets and bare addresses (DOIs, URLs) are not quoted numbers.
    [GeneratedRegex(@"\]\([^)]*\)|https?://\S+|doi\.org/\S+")]
    private static partial Regex Address();

    // Comments and string literals of C# code.
    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@?""(?:[^""\\\n]|\\.)*""", RegexOptions.Singleline)]
    private static partial Regex CodeText();
}
