using System.Globalization;
using Spectre.Console;
using Tagnn.Cli.Commands.Data;
using Tagnn.Evaluation;
using Tagnn.IO;
using Tagnn.Runtime;
using Tagnn.Training;
using static TorchSharp.torch;

namespace Tagnn.Cli.Commands.Training;

/// <summary>Shared parts of the training commands: error handling, device and thread set-up, result tables.</summary>
internal static class TrainingCli
{
    /// <summary>Runs a command body; expected failures become one red line and exit code 1 (see <see cref="CliErrors"/>),
    /// a cancellation (Ctrl+C) exit code 130.</summary>
    public static int Run(Func<int> body) => CliErrors.Run(() =>
    {
        try
        {
            return body();
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[yellow]stopped.[/] Completed epochs are checkpointed; continue with [bold]tagnn train --resume <run folder>[/].");
            return 130;
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("CUDA was requested", StringComparison.Ordinal)
            || e.Message.StartsWith("Cannot build the ", StringComparison.Ordinal))
        {
            throw new ArgumentException(e.Message, e);
        }
    });

    /// <summary>Sets the threads (when given), selects the device and prints both with the reason.</summary>
    public static ComputeDevice Setup(string? device, int? threads)
    {
        TorchRuntime.EnsureLoaded();
        if (threads is { } t) TorchRuntime.SetThreads(t);
        var selected = ComputeDevice.Select(device);
        AnsiConsole.MarkupLine($"[grey]device[/] {selected.Device.type.ToString().ToLowerInvariant()} [grey]({selected.Reason.EscapeMarkup()}); " +
            $"{get_num_threads()} torch thread(s)[/]");
        return selected;
    }

    /// <summary>Loads the class library a recorded variant came from (<c>tagnn train --variant</c>), so its parts can
    /// be built; prints which one. A no-op for other models and for variants whose parts are registered.</summary>
    public static void LoadVariant(Tagnn.Model.ModelSpec spec)
    {
        if (Tagnn.Model.Variants.VariantProviders.LoadRecorded(spec) is { } provider)
            AnsiConsole.MarkupLine($"[grey]variant {spec.Name.EscapeMarkup()} loaded from {provider.EscapeMarkup()}[/]");
    }

    /// <summary>Prints a note when the safetensors file <paramref name="path"/> records no checksums (written by the
    /// authors' code, another tool or an older tagnn): it loads, but damage to its bytes cannot be detected.</summary>
    public static void NoteUnverified(string path)
    {
        if (!Safetensors.ReadHeader(path).HasChecksums)
            AnsiConsole.MarkupLine($"[yellow]note:[/] {Path.GetFullPath(path).EscapeMarkup()} carries no checksums (written by another tool or an " +
                "older tagnn), so damaged bytes in it cannot be detected; it is loaded as it is.");
    }

    /// <summary>The run-config record of a device selection.</summary>
    public static RunDevice Describe(ComputeDevice device) =>
        new(device.Requested, device.Device.ToString(), device.Reason);

    /// <summary>Parses a value against a list of allowed spellings.</summary>
    public static T Parse<T>(string option, string value, params (string Name, T Value)[] choices)
    {
        foreach (var (name, v) in choices)
        {
            if (string.Equals(name, value, StringComparison.OrdinalIgnoreCase)) return v;
        }
        throw new ArgumentException($"{option} must be {string.Join(", ", choices.Select(c => c.Name))}; got '{value}'.");
    }

    /// <summary>A number as the papers print it (two decimals).</summary>
    public static string Pct(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    /// <summary>The metrics of several rankers side by side at K = 5, 10, 20.</summary>
    public static Table MetricsTable(IEnumerable<(string Name, MetricsReport Report)> rows)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Caption("[grey]percent; P@20 = HR@20 (hit rate, the papers' \"precision\"); cov = catalogue coverage[/]")
            .AddColumn("")
            .AddColumn(new TableColumn("[bold]P@20[/]").RightAligned())
            .AddColumn(new TableColumn("[bold]MRR@20[/]").RightAligned())
            .AddColumn(new TableColumn("NDCG@20").RightAligned())
            .AddColumn(new TableColumn("HR@10").RightAligned())
            .AddColumn(new TableColumn("MRR@10").RightAligned())
            .AddColumn(new TableColumn("HR@5").RightAligned())
            .AddColumn(new TableColumn("MRR@5").RightAligned())
            .AddColumn(new TableColumn("cov@20").RightAligned());
        foreach (var (name, r) in rows)
        {
            table.AddRow(name.EscapeMarkup(), Pct(r[20].HitRate), Pct(r[20].Mrr), Pct(r[20].Ndcg), Pct(r[10].HitRate), Pct(r[10].Mrr),
                Pct(r[5].HitRate), Pct(r[5].Mrr), Pct(r[20].Coverage));
        }
        return table;
    }

    /// <summary>Scores POP (and SKNN) on <paramref name="data"/>'s test set, with a status line.</summary>
    public static IReadOnlyDictionary<string, BaselineResult> Baselines(TrainingData data, bool sknn) =>
        AnsiConsole.Status().Start(sknn ? "scoring POP and SKNN on the test set..." : "scoring POP on the test set...",
            _ => TrainingRun.Baselines(data, sknn));

    /// <summary>A baseline result as a report (for <see cref="MetricsTable"/>).</summary>
    public static MetricsReport Report(BaselineResult result, int examples) => MetricsReport.FromDictionary(examples, result.Metrics);
}
