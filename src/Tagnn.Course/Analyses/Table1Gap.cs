namespace Tagnn.Course;

/// <summary>
/// One model against a reference model on one metric of a results table, with the test set's noise in view
/// (<see cref="Table1Comparison.Against"/>).
/// </summary>
/// <param name="Model">The model's short name.</param>
/// <param name="Title">Its printed name.</param>
/// <param name="Value">Its value (percent).</param>
/// <param name="Reference">The reference model's value (percent).</param>
/// <param name="StandardError">The standard error of <see cref="Difference"/> from the test set alone (points), an upper
/// bound: the two models treated as scored on independent test sets (they share one, which makes the paired error
/// smaller) and, for MRR@20, the largest variance a reciprocal rank with that mean can have.</param>
public sealed record Table1Gap(string Model, string Title, double Value, double Reference, double StandardError)
{
    /// <summary>Value minus reference, in points.</summary>
    public double Difference => Value - Reference;

    /// <summary>Whether the difference exceeds two standard errors (either sign).</summary>
    public bool Clear => Math.Abs(Difference) > 2 * StandardError;
}
