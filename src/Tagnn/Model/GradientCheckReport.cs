namespace Tagnn.Model;

/// <summary>The result of <see cref="GradientCheck.Run(IReadOnlyList{ValueTuple{string, TorchSharp.torch.Tensor}}, Func{TorchSharp.torch.Tensor}, GradientCheckOptions?)"/>:
/// one entry per parameter, in the order given.</summary>
/// <param name="Loss">The loss at the unperturbed parameters.</param>
/// <param name="Parameters">Per parameter, the comparison of autograd with finite differences.</param>
/// <param name="Options">The options used.</param>
public sealed record GradientCheckReport(double Loss, IReadOnlyList<ParameterGradientCheck> Parameters, GradientCheckOptions Options)
{
    /// <summary>Whether every parameter passed.</summary>
    public bool Passed => Parameters.All(p => p.Passed);

    /// <summary>The parameters that failed.</summary>
    public IReadOnlyList<ParameterGradientCheck> Failures => [.. Parameters.Where(p => !p.Passed)];

    /// <summary>The largest absolute error over all parameters.</summary>
    public double MaxAbsoluteError => Parameters.Count == 0 ? 0 : Parameters.Max(p => p.MaxAbsoluteError);

    /// <summary>The parameter named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No parameter has that name.</exception>
    public ParameterGradientCheck this[string name] =>
        Parameters.FirstOrDefault(p => p.Name == name) ?? throw new KeyNotFoundException($"No parameter '{name}' was checked.");

    /// <summary>One line per parameter.</summary>
    public override string ToString() => string.Join(Environment.NewLine, Parameters.Select(p => p.ToString()));
}
