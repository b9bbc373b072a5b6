namespace Tagnn.Experiments;

/// <summary>The data a table was made on.</summary>
/// <param name="Path">The prepared folder (absolute).</param>
/// <param name="Name">Its short name (<c>sample</c> for the bundled sample, else the folder's name), which names the
/// default output folder.</param>
/// <param name="Dataset">The dataset <c>stats.json</c> names (<c>diginetica</c>, <c>yoochoose</c>).</param>
/// <param name="Fraction">The Yoochoose fraction, else null.</param>
/// <param name="Items">N, the number of items.</param>
/// <param name="TrainExamples">Training examples used (after smoke-mode limits; the validation protocol holds a
/// share of their sessions out of training).</param>
/// <param name="TestExamples">Test examples used.</param>
/// <param name="Sample">Whether it is the bundled sample.</param>
public sealed record Table1Data(string Path, string Name, string Dataset, string? Fraction, int Items, int TrainExamples, int TestExamples, bool Sample);
