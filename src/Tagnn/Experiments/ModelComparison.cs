using System.Diagnostics;
using System.Globalization;
using Tagnn.Data;
using Tagnn.Evaluation;
using Tagnn.Runtime;
using Tagnn.Training;
using static TorchSharp.torch;

namespace Tagnn.Experiments;

/// <summary>
/// Compares models honestly: trains each <see cref="ComparedModel"/> once per seed under the validation protocol
/// (the <see cref="Trainer"/>: the epoch is chosen on held-out training sessions, the test set is scored once), then
/// reports per model the mean, spread and standard error of test P@20 and MRR@20 over the seeds, and per model against
/// a reference model a paired t-test over seeds (the verdict, <see cref="Rule"/>) and a paired bootstrap over test
/// sessions (docs/EXPERIMENTS.md, "Comparing models honestly").
/// </summary>
/// <remarks>
/// <para>Seed s trains every model from <c>Build(s)</c> on the same validation split and, at the same batch size, in
/// the same batch order: the runs of one seed are paired. Everything is a pure function of the seeds on a given
/// machine (same seeds, same numbers), the bootstrap included (<see cref="ComparisonOptions.BootstrapSeed"/>).</para>
/// <para>Runs go seed by seed (every model with the first seed, then the second, ...). Cancellation stops between
/// training batches with <see cref="OperationCanceledException"/>; nothing is written then.</para>
/// </remarks>
public static class ModelComparison
{
    /// <summary>The rule that turns numbers into verdicts, with the computed critical value for K seeds.</summary>
    public static string Rule(int seeds, double alpha = 0.05)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seeds, 1);
        var head = string.Create(CultureInfo.InvariantCulture,
            $"Rule: a model's difference to the reference on a metric is 'distinguishable' when the two-sided paired t-test over the {seeds} seed(s) gives p < {alpha:0.###}");
        return seeds < 2
            ? head + "; with one seed no noise is measured, so every difference is 'not distinguishable from seed noise'."
            : head + string.Create(CultureInfo.InvariantCulture,
                $" (|t| > {StudentT.Critical(alpha, seeds - 1):0.000} with {seeds - 1} degree(s) of freedom, i.e. a mean difference above {StudentT.Critical(alpha, seeds - 1) / Math.Sqrt(seeds):0.00} times the standard deviation of the per-seed differences); otherwise 'not distinguishable from seed noise'.");
    }

    /// <summary>Loads the prepared folder <paramref name="data"/> and compares (see the other overload).</summary>
    public static ComparisonResult Run(string data, IReadOnlyList<ComparedModel> models, ComparisonOptions? options = null,
        IProgress<ComparisonProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Run(PreparedDataset.Load(data), models, options, progress, cancellationToken);
    }

    /// <summary>Trains every model with every seed and compares them.</summary>
    /// <param name="data">The prepared dataset (its test set scores every run).</param>
    /// <param name="models">The models, unique names; the first is the reference unless
    /// <see cref="ComparisonOptions.Reference"/> names another.</param>
    /// <param name="options">Seeds, reference, level, bootstrap, device, output (defaults: 3 seeds from 1, the first
    /// model, 0.05, 1000 resamples, CPU, nothing written).</param>
    /// <param name="progress">Every trainer report and every finished run.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <exception cref="ArgumentException">No models, a repeated name, an unknown reference, models that would see
    /// different examples, or an invalid option.</exception>
    public static ComparisonResult Run(PreparedDataset data, IReadOnlyList<ComparedModel> models, ComparisonOptions? options = null,
        IProgress<ComparisonProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(models);
        options ??= new ComparisonOptions();
        options.Validate();
        var reference = Check(models, options);
        TorchRuntime.EnsureLoaded();
        var clock = Stopwatch.StartNew();
        var seeds = options.SeedList;
        var runs = models.ToDictionary(m => m.Name, _ => new List<ComparisonRun>(), StringComparer.Ordinal);
        TrainingData? sets = null;
        var total = models.Count * seeds.Count;
        var number = 0;
        foreach (var seed in seeds)
        {
            sets = TrainingData.From(data, models[0].For(seed)); // every model sees these examples (Check)
            foreach (var model in models)
            {
                cancellationToken.ThrowIfCancellationRequested();
                number++;
                var run = Train(model, seed, sets, options, number, total, progress, cancellationToken);
                runs[model.Name].Add(run);
                progress?.Report(new ComparisonProgress(model.Name, seed, number, total) { Finished = run });
            }
        }

        var test = sets!.Test;
        var sessions = test.SessionStarts();
        var summaries = models.Select(m => Summarize(m, runs[m.Name])).ToList();
        var referenceRuns = runs[reference];
        var contrasts = models.Select(m => m.Name == reference
            ? new ModelContrast(reference, reference, MetricContrast.Self("P@20", [.. referenceRuns.Select(r => r.P20)], options.Alpha),
                MetricContrast.Self("MRR@20", [.. referenceRuns.Select(r => r.Mrr20)], options.Alpha))
            : Contrast(m.Name, runs[m.Name], reference, referenceRuns, sessions, options)).ToList();
        var result = new ComparisonResult
        {
            Data = data.Directory,
            Seeds = seeds,
            Alpha = options.Alpha,
            Rule = Rule(seeds.Count, options.Alpha),
            Reference = reference,
            TestExamples = test.Count,
            TestSessions = sessions.Count,
            BootstrapResamples = options.BootstrapResamples,
            BootstrapSeed = options.BootstrapSeed,
            Models = summaries,
            Contrasts = contrasts,
            WallSeconds = clock.Elapsed.TotalSeconds,
        };
        if (options.Output is { } output) result.Save(output);
        return result;
    }

    /// <summary>Validates the models against each other; returns the reference's name.</summary>
    private static string Check(IReadOnlyList<ComparedModel> models, ComparisonOptions options)
    {
        if (models.Count == 0) throw new ArgumentException("A comparison needs at least one model.", nameof(models));
        foreach (var model in models)
        {
            ArgumentNullException.ThrowIfNull(model, nameof(models));
            model.Validate();
        }
        var repeated = models.GroupBy(m => m.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0) throw new ArgumentException($"Model names must be unique; repeated: {string.Join(", ", repeated)}.", nameof(models));
        var first = models[0].Training;
        foreach (var model in models.Skip(1))
        {
            var t = model.Training;
            if (t.ValidationFraction != first.ValidationFraction || t.MaxTrainExamples != first.MaxTrainExamples || t.MaxTestExamples != first.MaxTestExamples)
                throw new ArgumentException($"'{model.Name}' would see other examples than '{models[0].Name}' (validation fraction, MaxTrainExamples " +
                    "or MaxTestExamples differ); every model of a comparison trains, selects and is tested on the same examples.", nameof(models));
        }
        var reference = options.Reference ?? models[0].Name;
        if (models.All(m => m.Name != reference))
            throw new ArgumentException($"The reference '{reference}' is not among the models ({string.Join(", ", models.Select(m => m.Name))}).");
        return reference;
    }

    private static ComparisonRun Train(ComparedModel model, long seed, TrainingData sets, ComparisonOptions options, int number, int total,
        IProgress<ComparisonProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var training = model.For(seed);
        var forward = progress is null ? null : new InlineProgress<TrainingProgress>(p =>
            progress.Report(new ComparisonProgress(model.Name, seed, number, total) { Training = p }));
        try
        {
            using var trainer = Trainer.Create(model.Spec, sets, training, options.Device);
            var history = trainer.Fit(progress: forward, cancellationToken: cancellationToken);
            var selection = history.Selection;
            int[]? ranks = null;
            if (options.BootstrapResamples > 0)
            {
                // The selected epoch's weights into the model (training is over), then one more pass over the test set.
                using (no_grad())
                {
                    foreach (var (name, parameter) in trainer.Model.named_parameters())
                        parameter.copy_(trainer.BestWeights[name]);
                }
                ranks = TargetRanks.Compute(trainer.Model, sets.Test, new EvaluationOptions(training.BatchSize, training.Padding),
                    cancellationToken);
            }
            return new ComparisonRun
            {
                Model = model.Name,
                Seed = seed,
                P20 = selection.HitRate20,
                Mrr20 = selection.Mrr20,
                Ndcg20 = selection.Test[20].Ndcg,
                ValidationP20 = selection.Validation?[20].HitRate,
                SelectedEpoch = selection.SelectedEpoch,
                EpochsTrained = selection.EpochsTrained,
                StoppedEarly = history.StoppedEarly,
                Seconds = clock.Elapsed.TotalSeconds,
                TestRanks = ranks,
            };
        }
        finally
        {
            GC.Collect(); // release what TorchSharp frees in finalizers before the next model
            GC.WaitForPendingFinalizers();
        }
    }

    private static ModelSummary Summarize(ComparedModel model, List<ComparisonRun> runs) => new(model.Name, model.Spec.Describe(),
        MetricSummary.Of([.. runs.Select(r => r.P20)]), MetricSummary.Of([.. runs.Select(r => r.Mrr20)]), runs);

    private static ModelContrast Contrast(string name, List<ComparisonRun> runs, string reference, List<ComparisonRun> referenceRuns,
        IReadOnlyList<int> sessions, ComparisonOptions options)
    {
        PairedBootstrap? Bootstrap(Func<IReadOnlyList<int>, double[]> terms) => options.BootstrapResamples == 0 ? null
            : PairedBootstrap.Compute(MeanOverSeeds(runs, terms), MeanOverSeeds(referenceRuns, terms), sessions,
                options.BootstrapResamples, options.BootstrapSeed, options.Alpha);
        return new ModelContrast(name, reference,
            MetricContrast.Compute("P@20", [.. runs.Select(r => r.P20)], [.. referenceRuns.Select(r => r.P20)], options.Alpha,
                Bootstrap(r => TargetRanks.Hits(r))),
            MetricContrast.Compute("MRR@20", [.. runs.Select(r => r.Mrr20)], [.. referenceRuns.Select(r => r.Mrr20)], options.Alpha,
                Bootstrap(r => TargetRanks.ReciprocalRanks(r))));
    }

    /// <summary>Each test example's per-example term (hit or reciprocal rank), averaged over the runs (seeds).</summary>
    private static double[] MeanOverSeeds(List<ComparisonRun> runs, Func<IReadOnlyList<int>, double[]> terms)
    {
        double[]? sum = null;
        foreach (var run in runs)
        {
            var values = terms(run.TestRanks!);
            sum ??= new double[values.Length];
            for (var i = 0; i < values.Length; i++) sum[i] += values[i];
        }
        for (var i = 0; i < sum!.Length; i++) sum[i] /= runs.Count;
        return sum;
    }
}
