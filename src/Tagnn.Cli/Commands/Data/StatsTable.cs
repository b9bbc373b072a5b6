using System.Globalization;
using Spectre.Console;
using Tagnn.Data;

namespace Tagnn.Cli.Commands.Data;

/// <summary>Renders one or more <see cref="PreprocessStats"/> side by side as a Spectre table.</summary>
internal static class StatsTable
{
    /// <summary>A table with one column per dataset.</summary>
    public static Table Build(IReadOnlyList<(string Name, PreprocessStats Stats)> sets)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("");
        foreach (var (name, _) in sets) table.AddColumn(new TableColumn(name.EscapeMarkup()).RightAligned());
        var stats = sets.Select(s => s.Stats).ToArray();
        static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
        void Row(string label, Func<PreprocessStats, string> value) =>
            table.AddRow([new Markup(label.EscapeMarkup()), .. stats.Select(s => new Markup(value(s).EscapeMarkup()))]);

        Row("input", s => s.Input);
        Row("skipped input rows", s => N(s.SkippedRows));
        table.AddRow([new Markup("[grey]clicks / sessions after each step:[/]"), .. stats.Select(_ => new Markup(""))]);
        var stepCount = stats.Max(s => s.Steps.Count);
        for (var i = 0; i < stepCount; i++)
        {
            var label = stats.Select(s => i < s.Steps.Count ? s.Steps[i].Step : null).FirstOrDefault(l => l is not null)!;
            if (stats.Any(s => i < s.Steps.Count && s.Steps[i].Step != label)) label = "train fraction";
            Row($"  {label}", s => i < s.Steps.Count ? $"{N(s.Steps[i].Clicks)} / {N(s.Steps[i].Sessions)}" : "");
        }
        Row("max date", s => s.MaxDate);
        Row("split date (sessions on it are dropped)", s => s.SplitDate);
        Row("train sessions", s => N(s.TrainSessions));
        Row("test sessions", s => N(s.TestSessions));
        Row("train examples", s => N(s.TrainExamples));
        Row("test examples", s => N(s.TestExamples));
        Row("items n (item table: n + 1 rows)", s => N(s.Items));
        Row("distinct items in train", s => N(s.ItemsInTrain));
        Row("average length (reference formula)", s => s.AverageLength.ToString("F2", CultureInfo.InvariantCulture));
        Row("longest train prefix", s => N(s.LongestTrainPrefix));
        Row("longest test prefix", s => N(s.LongestTestPrefix));
        return table;
    }
}
