using System.Globalization;

namespace Tagnn.Model;

/// <summary>What <see cref="GradientCheck"/> found for one parameter.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Shape">Its shape.</param>
/// <param name="ElementsChecked">How many of its elements were differentiated numerically.</param>
/// <param name="MaxAbsoluteError">The largest |autograd - numeric| over those elements.</param>
/// <param name="MaxRelativeError">The largest |autograd - numeric| / max(|autograd|, |numeric|) over them (0 where both
/// are 0).</param>
/// <param name="MaxGradient">The largest |autograd| over them (how large the gradients being compared are).</param>
/// <param name="WorstElement">The flat index of the element with the largest absolute error.</param>
/// <param name="Passed">Whether every checked element is within the absolute or the relative tolerance.</param>
public sealed record ParameterGradientCheck(string Name, long[] Shape, int ElementsChecked, double MaxAbsoluteError,
    double MaxRelativeError, double MaxGradient, long WorstElement, bool Passed)
{
    /// <summary>One line: name, shape, elements, errors and the verdict.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Passed ? "ok  " : "FAIL")} {Name} [{string.Join(", ", Shape)}]: {ElementsChecked} element(s), max abs error {MaxAbsoluteError:E2}, " +
        $"max rel error {MaxRelativeError:E2}, max |grad| {MaxGradient:E2}, worst element {WorstElement}");
}
