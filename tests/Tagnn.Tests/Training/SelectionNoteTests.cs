using Tagnn.Cli.Commands.Training;
using Tagnn.Training;

namespace Tagnn.Tests.Training;

/// <summary>The CLI's wording of how a run's numbers were selected (the core records only the facts).</summary>
public sealed class SelectionNoteTests
{
    private static RunSummary Summary(SelectionProtocol protocol) => new()
    {
        Model = "TAGNN",
        Protocol = protocol,
        Label = "",
        SelectedOn = protocol == SelectionProtocol.Reference ? "test" : "validation",
        HitRate20 = 30,
        HitRate20Epoch = 3,
        Mrr20 = 9,
        Mrr20Epoch = protocol == SelectionProtocol.Reference ? 2 : 3,
        SelectedEpoch = 3,
        Test = new Dictionary<string, double>(),
        TestExamples = 100,
        Baselines = new Dictionary<string, BaselineResult>(),
        EpochsTrained = 5,
        EpochsPlanned = 5,
        StoppedEarly = false,
        Timings = new RunTimings(0, 0, 0, 0, 0, 0),
    };

    private static RunConfig Config(SelectionProtocol protocol, SelectionMetric selectBy) => new()
    {
        Model = TinyData.TagnnConfig(11),
        Training = new TrainingOptions { Protocol = protocol, SelectBy = selectBy },
        Data = new RunData(null, 10, 900, 90, 100, 12, 300, 8, 7, 9, null),
    };

    [Fact]
    public void The_reference_protocol_warns_that_the_numbers_were_selected_on_the_test_set()
    {
        var note = SelectionNote.For(Summary(SelectionProtocol.Reference), Config(SelectionProtocol.Reference, SelectionMetric.HitRate));
        Assert.StartsWith("Reference protocol: the best test P@20 (epoch 3) and the best test MRR@20 (epoch 2) over 5 epoch(s)", note);
        Assert.Contains("SELECTED ON THE TEST SET", note);
    }

    [Fact]
    public void The_validation_protocol_names_the_epoch_the_metric_and_the_held_out_sessions()
    {
        var note = SelectionNote.For(Summary(SelectionProtocol.Validation), Config(SelectionProtocol.Validation, SelectionMetric.Mrr));
        Assert.Equal("Validation protocol: epoch 3 of 5 chosen by validation MRR@20 on 12 held-out training sessions (100 examples); " +
            "the test set was scored once, at that epoch.", note);
    }
}
