using Tagnn.Evaluation.Baselines;
using Tagnn.Training;

namespace Tagnn.Experiments;

/// <summary>
/// Watches a <see cref="Table1Runner"/> (the command line shows progress bars through it; tests count runs). Every
/// method does nothing by default, except that <see cref="Train"/> and <see cref="Fit"/> must call the function they
/// are given, once, and return its result.
/// </summary>
public class Table1Observer
{
    /// <summary>Before the first run: what will run (the rows as they stand, every job planned).</summary>
    public virtual void Starting(Table1Result table, IReadOnlyList<Table1Job> jobs) { }

    /// <summary>Before a run.</summary>
    public virtual void JobStarting(Table1Job job) { }

    /// <summary>Trains a neural model: calls <paramref name="train"/> with a progress sink (or null) and returns its summary.</summary>
    public virtual RunSummary Train(Table1Job job, TrainingRun run, Func<IProgress<TrainingProgress>?, RunSummary> train)
    {
        ArgumentNullException.ThrowIfNull(train);
        return train(null);
    }

    /// <summary>Fits and scores a baseline: calls <paramref name="fit"/> with a callback for the test examples scored
    /// so far (or null) and returns its outcome.</summary>
    /// <param name="job">The run.</param>
    /// <param name="testExamples">Test examples to score.</param>
    /// <param name="fit">Fits and scores.</param>
    public virtual BaselineOutcome Fit(Table1Job job, int testExamples, Func<Action<int>?, BaselineOutcome> fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return fit(null);
    }

    /// <summary>After a run, finished, failed or reused (not after a cancelled one).</summary>
    public virtual void JobFinished(Table1Job job, Table1SeedResult result) { }

    /// <summary>After the three table files were written (after every run and at the end).</summary>
    public virtual void Written(Table1Result table) { }
}
