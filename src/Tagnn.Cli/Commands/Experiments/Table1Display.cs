using System.Globalization;
using Spectre.Console;
using Tagnn.Cli.Commands.Training;
using Tagnn.Evaluation.Baselines;
using Tagnn.Experiments;
using Tagnn.Training;

namespace Tagnn.Cli.Commands.Experiments;

/// <summary>
/// What <c>tagnn table1</c> shows: the plan, a header line per run, the training progress of each neural model (the
/// bars of <c>tagnn train</c>), a bar while a baseline scores the test set, one result line per run, and the table at
/// the end.
/// </summary>
internal sealed class Table1Display : Table1Observer
{
    /// <inheritdoc />
    public override void Starting(Table1Result table, IReadOnlyList<Table1Job> jobs)
    {
        var d = table.Data;
        AnsiConsole.MarkupLine($"[grey]data[/] {d.Path.EscapeMarkup()} [grey]— {d.TrainExamples:N0} train / {d.TestExamples:N0} test examples, {d.Items:N0} items[/]");
        AnsiConsole.MarkupLine($"[grey]models[/] {string.Join(", ", table.Rows.Select(r => r.Model))}");
        AnsiConsole.MarkupLine($"[grey]epochs[/] {table.Epochs} [grey]({table.EpochsPreset}: {table.EpochsNote.EscapeMarkup()}), patience {table.Patience}; " +
            $"seed(s) {string.Join(", ", table.Seeds)}[/]");
        AnsiConsole.MarkupLine($"[grey]protocol[/] [bold]{table.Protocol.ToString().ToLowerInvariant()}[/] [grey]— {table.ProtocolNote.EscapeMarkup()}[/]");
        AnsiConsole.MarkupLine($"[grey]published numbers[/] {(table.PaperDataset ?? "not shown").EscapeMarkup()} [grey]— {table.PaperDatasetNote.EscapeMarkup()}[/]");
        var reuse = jobs.Count(j => j.Action == Table1Action.Reuse);
        AnsiConsole.MarkupLine($"[grey]{jobs.Count} run(s): {jobs.Count(j => j.Action == Table1Action.Train)} to train, " +
            $"{jobs.Count(j => j.Action == Table1Action.Resume)} to resume, {jobs.Count(j => j.Action == Table1Action.Fit)} baseline(s) to fit, " +
            $"{reuse} done already[/]");
    }

    /// <inheritdoc />
    public override void JobStarting(Table1Job job)
    {
        var what = job.Action switch
        {
            Table1Action.Train => "training",
            Table1Action.Resume => "resuming",
            Table1Action.Fit => "fitting and scoring",
            _ => "done already, reading",
        };
        var seed = job.Seed is { } s ? $", seed {s}" : "";
        AnsiConsole.MarkupLine($"[bold][[{job.Number}/{job.Count}]] {job.Model.Title.EscapeMarkup()}[/]{seed}: {what} [grey]{job.Path.EscapeMarkup()} — {job.Description.EscapeMarkup()}[/]");
    }

    /// <inheritdoc />
    public override RunSummary Train(Table1Job job, TrainingRun run, Func<IProgress<TrainingProgress>?, RunSummary> train) =>
        ProgressDisplay.Show(run.Trainer, run.Config.Training.Epochs, progress => train(progress));

    /// <inheritdoc />
    public override BaselineOutcome Fit(Table1Job job, int testExamples, Func<Action<int>?, BaselineOutcome> fit)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive) return fit(null);
        BaselineOutcome outcome = null!;
        AnsiConsole.Progress().AutoClear(true).HideCompleted(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"{job.Model.Title.EscapeMarkup()}: scoring {testExamples:N0} test examples", maxValue: Math.Max(1, testExamples));
                outcome = fit(done => task.Value = done);
            });
        return outcome;
    }

    /// <inheritdoc />
    public override void JobFinished(Table1Job job, Table1SeedResult result)
    {
        if (result.Status != Table1Status.Done)
        {
            AnsiConsole.MarkupLine($"[red]{job.Model.Name} failed:[/] {(result.Error ?? "").EscapeMarkup()}");
            return;
        }
        AnsiConsole.MarkupLine($"  {job.Model.Title.EscapeMarkup()}: P@20 {TrainingCli.Pct(result.P20 ?? double.NaN)}  MRR@20 {TrainingCli.Pct(result.Mrr20 ?? double.NaN)}  " +
            $"[grey]{Seconds(result.TrainSeconds)} s training/fitting + {Seconds(result.EvalSeconds)} s scoring{(result.Reused ? " (earlier run)" : "")}[/]");
    }

    /// <summary>Prints the table and where it was written.</summary>
    public static void Summary(Table1Result table, Table1Folder folder, TimeSpan elapsed)
    {
        var paper = table.PaperDataset is not null;
        var grid = new Table().Border(TableBorder.Rounded)
            .Caption("[grey]percent; mean ± sample std over seeds; P@20 = HR@20[/]")
            .AddColumn("model")
            .AddColumn(new TableColumn("[bold]P@20[/]").RightAligned());
        if (paper) grid.AddColumn(new TableColumn("paper").RightAligned());
        grid.AddColumn(new TableColumn("[bold]MRR@20[/]").RightAligned());
        if (paper) grid.AddColumn(new TableColumn("paper").RightAligned());
        grid.AddColumn(new TableColumn("NDCG@20").RightAligned())
            .AddColumn(new TableColumn("seeds").RightAligned())
            .AddColumn(new TableColumn("train s").RightAligned())
            .AddColumn(new TableColumn("eval s").RightAligned())
            .AddColumn("status");
        foreach (var r in table.Rows)
        {
            var cells = new List<string> { (r.Title + (r.InPaper ? "" : " *")).EscapeMarkup(), Metric(r.P20Mean, r.P20Std) };
            if (paper) cells.Add(Number(r.PaperP20));
            cells.Add(Metric(r.Mrr20Mean, r.Mrr20Std));
            if (paper) cells.Add(Number(r.PaperMrr20));
            cells.AddRange([Number(r.Ndcg20Mean), r.Deterministic ? "1 (det.)" : r.Seeds.ToString(CultureInfo.InvariantCulture),
                Seconds(r.TrainSeconds), Seconds(r.EvalSeconds),
                r.Status == Table1Status.Done ? "done" : $"[red]{r.Status.ToString().ToLowerInvariant()}[/]"]);
            grid.AddRow(cells.ToArray());
        }
        AnsiConsole.Write(grid);
        AnsiConsole.MarkupLine("[grey]* not in the paper's Table 1.[/] " +
            (table.Protocol == SelectionProtocol.Reference ? "[yellow]Reference protocol: the neural models' numbers are SELECTED ON THE TEST SET (optimistic), as the paper's.[/]" : "[grey]Validation protocol.[/]"));
        AnsiConsole.MarkupLine($"[grey]written to[/] {folder.Directory.EscapeMarkup()} [grey]({Table1Folder.CsvFile}, {Table1Folder.MarkdownFile}, {Table1Folder.JsonFile}, " +
            $"{Table1Folder.RunsFolder}/, {Table1Folder.BaselinesFolder}/) in {elapsed.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)} s[/]");
    }

    private static string Metric(double? mean, double? std) =>
        mean is null ? "—" : std is { } s && s > 0 ? $"{TrainingCli.Pct(mean.Value)} ± {TrainingCli.Pct(s)}" : TrainingCli.Pct(mean.Value);

    private static string Number(double? value) => value is null ? "—" : TrainingCli.Pct(value.Value);

    private static string Seconds(double? value) => value?.ToString("F1", CultureInfo.InvariantCulture) ?? "—";
}
