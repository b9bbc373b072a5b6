using Tagnn.Course;
using Tagnn.Tests.Training;
using Tagnn.Training;

namespace Tagnn.Tests.Notebooks;

public sealed class SelectionStudyTests
{
    [Fact]
    public void Reports_both_protocols_from_one_run_and_the_validation_numbers_equal_the_trainers()
    {
        using var folder = CourseRepository.NewTempFolder();
        var prepared = TinyData.Saved(folder.Path, trainSessions: 80);
        var options = TinyData.Options(epochs: 3) with
        {
            Protocol = SelectionProtocol.Validation, ValidationFraction = 0.25, LearningRate = 2e-2, Patience = 100,
        };
        var model = TinyData.TagnnConfig(prepared.Items.Count + 1);
        var monitor = new TrainingMonitor("study", redrawSeconds: 0);
        var study = SelectionStudy.Run(options, model, monitor, folder.Path);

        Assert.Equal([0, 1, 2], study.Epochs.Select(e => e.Epoch));
        Assert.Equal(3, monitor.Epochs.Count);
        Assert.Equal(prepared.Test.Count, study.Epochs[0].Test.Examples);
        Assert.Equal(study.Data.ValidationExamples, study.Epochs[0].Validation.Examples);

        // The reference protocol: the best test value of each metric, the later epoch on ties.
        var bestP20 = study.Epochs.Max(e => e.Test[20].HitRate);
        Assert.Equal(bestP20, study.ReferenceHitRate);
        Assert.Equal(study.Epochs.Last(e => e.Test[20].HitRate == bestP20).Epoch, study.ReferenceHitRateEpoch);
        Assert.Equal(study.Epochs.Max(e => e.Test[20].Mrr), study.ReferenceMrr);

        // The validation protocol: the same epoch, validation metrics and test numbers as a plain trainer's run.
        var data = TrainingData.Load(folder.Path, options);
        using var trainer = Trainer.Create(model, data, options);
        var history = trainer.Fit();
        Assert.Equal(history.Selection.SelectedEpoch, study.ValidationEpoch);
        Assert.Equal(history.Epochs.Select(e => e.Metrics.ToDictionary()), study.Epochs.Select(e => e.Validation.ToDictionary()));
        Assert.Equal(history.Selection.HitRate20, study.ValidationHitRate);
        Assert.Equal(history.Selection.Mrr20, study.ValidationMrr);
        Assert.True(study.ReferenceHitRate >= study.ValidationHitRate);
    }

    [Fact]
    public void Needs_the_validation_protocol()
    {
        var error = Assert.Throws<ArgumentException>(() => SelectionStudy.Run(new TrainingOptions { Epochs = 1 }));
        Assert.Contains("validation split", error.Message);
    }
}
