using Tagnn.Evaluation;
using Tagnn.Model;
using Tagnn.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Tests.Training;

public sealed class TrainerTests
{
    [Fact]
    public void Same_seed_gives_bit_identical_parameters_and_metrics()
    {
        var prepared = TinyData.Prepared();
        var options = TinyData.Options(epochs: 2) with { Prefetch = true };
        using var a = Trainer.Create(TinyData.TagnnConfig(prepared.ItemTableSize), TrainingData.From(prepared, options), options);
        using var b = Trainer.Create(TinyData.TagnnConfig(prepared.ItemTableSize), TrainingData.From(prepared, options), options);
        var historyA = a.Fit();
        var historyB = b.Fit();
        TinyData.AssertSameParameters(a.Model, b.Model);
        TinyData.AssertSameHistory(historyA.Epochs, historyB.Epochs);
        Assert.Equal(historyA.Selection with { Test = null!, Validation = null }, historyB.Selection with { Test = null!, Validation = null });

        using var other = Trainer.Create(TinyData.TagnnConfig(prepared.ItemTableSize), TrainingData.From(prepared, options), options with { Seed = 8 });
        other.Fit();
        Assert.False(TinyData.BitEqual(((SessionModel)a.Model).Embedding.weight!, ((SessionModel)other.Model).Embedding.weight!));
    }

    [Fact]
    public void Each_epoch_trains_with_the_schedules_rate_and_records_it()
    {
        var prepared = TinyData.Prepared();
        var options = TinyData.Options(epochs: 4) with { LearningRateStep = 2, Patience = 100 };
        using var trainer = Trainer.Create(TinyData.TagnnConfig(prepared.ItemTableSize), TrainingData.From(prepared, options), options);
        var rates = new List<double>();
        var history = trainer.Fit(progress: new InlineProgress<TrainingProgress>(p =>
        {
            if (p.Phase == TrainingPhase.Train && p.Step == 1) rates.Add(trainer.Optimizer.LearningRate);
        }));
        // Reference stepping with step 2: epochs 0 | 1-2 | 3 -> 1e-3, 1e-4, 1e-4, 1e-5.
        var expected = new[] { 1e-3, 1e-3 * 0.1, 1e-3 * 0.1, 1e-3 * 0.1 * 0.1 };
        Assert.Equal(expected, history.Epochs.Select(e => e.LearningRate));
        Assert.Equal(expected, rates);
        Assert.All(history.Epochs, e => Assert.Equal(TrainingData.From(prepared, options).Train.Count, e.TrainExamples));
        Assert.True(history.Epochs[^1].TrainLoss < history.Epochs[0].TrainLoss, "the loss goes down on learnable data");
    }

    [Fact]
    public void Reference_protocol_reports_the_best_test_P20_and_MRR20_taken_separately()
    {
        var prepared = TinyData.Prepared(items: 40, seed: 4);
        var options = TinyData.Options(epochs: 6) with { Stepping = LearningRateStepping.Textbook, LearningRateStep = 100, LearningRate = 2e-2, Patience = 100 };
        using var trainer = Trainer.Create(TinyData.TagnnConfig(prepared.ItemTableSize), TrainingData.From(prepared, options), options);
        var history = trainer.Fit();
        var s = history.Selection;
        Assert.Equal(SelectionProtocol.Reference, s.Protocol);
        Assert.True(s.SelectedOnTestSet);
        Assert.Contains("selected on the test set", s.Describe());
        Assert.All(history.Epochs, e => Assert.Equal("test", e.EvaluatedOn));
        Assert.All(history.Epochs, e => Assert.Equal(prepared.Test.Count, e.Metrics.Examples));
        var hits = history.Epochs.Select(e => e.Metrics[20].HitRate).ToList();
        var mrrs = history.Epochs.Select(e => e.Metrics[20].Mrr).ToList();
        Assert.Equal(hits.Max(), s.HitRate20);
        Assert.Equal(hits.LastIndexOf(hits.Max()), s.HitRateEpoch);   // ties: the later epoch, as `>=` does
        Assert.Equal(mrrs.Max(), s.Mrr20);
        Assert.Equal(mrrs.LastIndexOf(mrrs.Max()), s.MrrEpoch);
        Assert.Equal(s.HitRateEpoch, s.SelectedEpoch);
        Assert.Same(history.Epochs[s.SelectedEpoch].Metrics, s.Test);
    }

    [Fact]
    public void Validation_protocol_picks_the_epoch_on_held_out_sessions_and_scores_the_test_set_once_with_its_weights()
    {
        var prepared = TinyData.Prepared(trainSessions: 80, items: 40, seed: 5);
        var options = TinyData.Options(epochs: 4) with { Protocol = SelectionProtocol.Validation, ValidationFraction = 0.25, LearningRate = 2e-2, Patience = 100 };
        var data = TrainingData.From(prepared, options);
        Assert.NotNull(data.Validation);
        Assert.Equal(20, data.Validation!.SessionStarts().Count);
        using var trainer = Trainer.Create(TinyData.TagnnConfig(prepared.ItemTableSize), data, options);
        var testBatches = 0;
        var weightsAtEpoch = new List<Dictionary<string, Tensor>>();
        var progress = new InlineProgress<TrainingProgress>(p =>
        {
            if (p.Phase == TrainingPhase.Test) testBatches++;
            if (p.Phase == TrainingPhase.EpochCompleted)
                weightsAtEpoch.Add(trainer.Model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone()));
        });
        var history = trainer.Fit(progress: progress);

        Assert.All(history.Epochs, e => Assert.Equal("validation", e.EvaluatedOn));
        Assert.All(history.Epochs, e => Assert.Equal(data.Validation.Count, e.Metrics.Examples));
        Assert.Equal((data.Test.Count + options.BatchSize - 1) / options.BatchSize, testBatches); // one pass over test
        var s = history.Selection;
        Assert.False(s.SelectedOnTestSet);
        var validationHits = history.Epochs.Select(e => e.Metrics[20].HitRate).ToList();
        Assert.Equal(validationHits.LastIndexOf(validationHits.Max()), s.SelectedEpoch);
        Assert.Equal((s.SelectedEpoch, s.SelectedEpoch), (s.HitRateEpoch, s.MrrEpoch));
        Assert.Equal(s.Test.Headline, (s.HitRate20, s.Mrr20));
        Assert.Same(history.Epochs[s.SelectedEpoch].Metrics, s.Validation);

        // The test metrics are those of the selected epoch's weights, and the trainer kept its last weights.
        using var check = trainer.Model.Spec.Build(0);
        using (no_grad())
        {
            foreach (var (name, p) in check.named_parameters()) p.copy_(weightsAtEpoch[s.SelectedEpoch][name]);
        }
        var expected = ModelEvaluator.Evaluate(check, data.Test, data.Popularity, new EvaluationOptions(options.BatchSize));
        Assert.Equal(expected.ToDictionary(), s.Test.ToDictionary());
        foreach (var (name, p) in trainer.Model.named_parameters())
            Assert.True(TinyData.BitEqual(weightsAtEpoch[^1][name], p), $"{name} was not put back");
        // Selecting again does not score the test set again.
        trainer.Select(progress);
        Assert.Equal((data.Test.Count + options.BatchSize - 1) / options.BatchSize, testBatches);
    }

    [Fact]
    public void Patience_stops_training_after_that_many_non_improving_epochs()
    {
        var prepared = TinyData.Prepared();
        var options = TinyData.Options(epochs: 30) with { Patience = 3 };
        using var trainer = Trainer.Create(TinyData.TagnnConfig(prepared.ItemTableSize), TrainingData.From(prepared, options), options);
        // Bests no epoch can reach (above 100%): every epoch is a bad one.
        trainer.RestoreState(new TrainerState(0, new BestResultsState(101, -1, 101, -1, 0), -1, double.NegativeInfinity, [],
            trainer.Optimizer.State().Steps), trainer.Optimizer.State().Tensors.ToDictionary(), new Dictionary<string, Tensor>());
        var history = trainer.Fit();
        Assert.Equal(3, history.Epochs.Count);
        Assert.True(history.StoppedEarly);
        Assert.Equal(new[] { 1, 2, 3 }, history.Epochs.Select(e => e.BadEpochs));
        Assert.True(trainer.PatienceExhausted);
        Assert.Equal(3, trainer.Fit(epochs: 40).Epochs.Count); // no further epoch once patience is exhausted
    }

    [Fact]
    public void Ties_count_as_improvements_so_an_unchanging_model_never_stops()
    {
        var prepared = TinyData.Prepared();
        var options = TinyData.Options(epochs: 3) with { LearningRate = 0, Patience = 1 };  // lr 0: the same metrics every epoch
        using var trainer = Trainer.Create(TinyData.TagnnConfig(prepared.ItemTableSize), TrainingData.From(prepared, options), options);
        var history = trainer.Fit();
        Assert.Equal(3, history.Epochs.Count);
        Assert.False(history.StoppedEarly);
        Assert.All(history.Epochs, e => Assert.True(e.Improvement.HitRate && e.Improvement.Mrr));
        Assert.Single(history.Epochs.Select(e => e.Metrics[20].Mrr).Distinct());
        Assert.Equal((2, 2), (history.Selection.HitRateEpoch, history.Selection.MrrEpoch)); // the later epoch on ties
    }

    [Fact]
    public void Many_epochs_do_not_grow_the_live_tensor_count()
    {
        var prepared = TinyData.Prepared();
        var options = TinyData.Options(epochs: 8) with { Prefetch = true, Patience = 100 };
        using var trainer = Trainer.Create(TinyData.TagnnConfig(prepared.ItemTableSize), TrainingData.From(prepared, options), options);
        // An outer scope catches anything a step or an evaluation moves out of its own scope.
        using var outer = NewDisposeScope();
        long? live = null, outside = null;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            trainer.TrainEpoch();
            var nowLive = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            var nowOutside = DisposeScopeManager.Statistics.CreatedOutsideScopeCount;
            if (epoch == 1) (live, outside) = (nowLive, nowOutside); // after the first epoch's lazily made state
            if (epoch > 1)
            {
                Assert.Equal(live, nowLive);
                Assert.Equal(outside, nowOutside);
            }
        }
        Assert.Equal(options.Epochs * ((trainer.Data.Train.Count + options.BatchSize - 1) / options.BatchSize), trainer.History.Sum(h => h.TrainSteps));
    }
}
