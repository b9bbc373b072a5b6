using Tagnn.Training;

namespace Tagnn.Cli.Commands.Training;

/// <summary>
/// How <c>tagnn train</c> words the way a run's numbers were selected, printed under them: under the reference
/// protocol a warning that they were chosen on the test set; under the validation protocol which epoch the held-out
/// sessions chose. (The core records the facts in <c>summary.json</c>: protocol, epochs, the selected-on flag.)
/// </summary>
internal static class SelectionNote
{
    /// <summary>The note for <paramref name="summary"/>, a run of <paramref name="config"/>.</summary>
    public static string For(RunSummary summary, RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(config);
        if (summary.Protocol == SelectionProtocol.Reference)
        {
            return $"Reference protocol: the best test P@20 (epoch {summary.HitRate20Epoch}) and the best test MRR@20 " +
                $"(epoch {summary.Mrr20Epoch}) over {summary.EpochsTrained} epoch(s), taken separately as the SR-GNN and TAGNN papers report them. " +
                "SELECTED ON THE TEST SET: optimistic, comparable with the paper's Table 1 only.";
        }
        var metric = config.Training.SelectBy == SelectionMetric.HitRate ? "P@20" : "MRR@20";
        return $"Validation protocol: epoch {summary.SelectedEpoch} of {summary.EpochsTrained} chosen by validation {metric} on " +
            $"{config.Data.ValidationSessions} held-out training sessions ({config.Data.ValidationExamples} examples); " +
            "the test set was scored once, at that epoch.";
    }
}
