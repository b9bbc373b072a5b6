using Tagnn.Data;
using Tagnn.Model;
using Tagnn.Training;

namespace Tagnn.Experiments;

/// <summary>
/// A sensitivity study in a few lines: one or two hyper-parameters (d, GNN steps, learning rate, batch size, or
/// anything a function can set), every setting trained for K seeds by <see cref="ModelComparison"/> and reported with
/// the same statistics (mean, spread, SE over seeds, and the paired test against a reference setting).
/// </summary>
/// <example>
/// <code>
/// var n = data.Items.Count + 1;
/// var sweep = ModelSweep.Run(data, new SweepParameter&lt;int&gt;("d", [16, 32]),
///     d =&gt; (ModelConfig.ForTagnn(n) with { HiddenSize = d }, new TrainingOptions { Epochs = 2 }),
///     new ComparisonOptions { Seeds = 3 });
/// </code>
/// </example>
public static class ModelSweep
{
    /// <summary>Sweeps one parameter: <paramref name="setting"/> makes the model and its training options of each
    /// value (the options' seed and protocol are the comparison's; see <see cref="ComparedModel"/>).</summary>
    public static SweepResult Run<T>(PreparedDataset data, SweepParameter<T> parameter, Func<T, (ModelSpec Spec, TrainingOptions Training)> setting,
        ComparisonOptions? options = null, IProgress<ComparisonProgress>? progress = null, CancellationToken cancellationToken = default)
        where T : IConvertible
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(setting);
        parameter.Validate();
        var points = parameter.Values.Select(v => (Label: parameter.Label(v), Values: (IReadOnlyList<double>)[SweepParameter<T>.Number(v)],
            Make: (Func<(ModelSpec, TrainingOptions)>)(() => setting(v)))).ToList();
        return Sweep(data, [parameter.Name], points, options, progress, cancellationToken);
    }

    /// <summary>Sweeps two parameters over their grid (every pair; the second varies fastest).</summary>
    public static SweepResult Run<T1, T2>(PreparedDataset data, SweepParameter<T1> first, SweepParameter<T2> second,
        Func<T1, T2, (ModelSpec Spec, TrainingOptions Training)> setting, ComparisonOptions? options = null,
        IProgress<ComparisonProgress>? progress = null, CancellationToken cancellationToken = default)
        where T1 : IConvertible
        where T2 : IConvertible
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(setting);
        first.Validate();
        second.Validate();
        if (first.Name == second.Name) throw new ArgumentException($"The two sweep parameters are both called '{first.Name}'.");
        var points = (from a in first.Values
                      from b in second.Values
                      select (Label: $"{first.Label(a)}, {second.Label(b)}",
                          Values: (IReadOnlyList<double>)[SweepParameter<T1>.Number(a), SweepParameter<T2>.Number(b)],
                          Make: (Func<(ModelSpec, TrainingOptions)>)(() => setting(a, b)))).ToList();
        return Sweep(data, [first.Name, second.Name], points, options, progress, cancellationToken);
    }

    private static SweepResult Sweep(PreparedDataset data, IReadOnlyList<string> parameters,
        List<(string Label, IReadOnlyList<double> Values, Func<(ModelSpec, TrainingOptions)> Make)> points, ComparisonOptions? options,
        IProgress<ComparisonProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new ComparisonOptions();
        var models = points.Select(p =>
        {
            var (spec, training) = p.Make();
            return new ComparedModel(p.Label, spec, training);
        }).ToList();
        var comparison = ModelComparison.Run(data, models, options with { Output = null }, progress, cancellationToken);
        var result = new SweepResult(parameters, [.. points.Select(p =>
        {
            var summary = comparison.Summary(p.Label);
            return new SweepPoint(p.Label, p.Values, summary.P20, summary.Mrr20, comparison.Contrast(p.Label));
        })], comparison);
        if (options.Output is { } output) result.Save(output);
        return result;
    }
}
