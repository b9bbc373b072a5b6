using System.Globalization;
using TorchSharp;

namespace Tagnn.Course;

/// <summary>
/// Asserted comparisons for notebooks: every "by hand versus the library" prints its gap and throws a
/// <see cref="CheckFailedException"/> when the gap exceeds the tolerance, so a drift fails the cell, the course run and
/// CI instead of printing a number nobody reads.
/// </summary>
/// <example>
/// <code>
/// Check.Close("C[1, 0]", byHand: 10, library: C[1, 0].item&lt;float&gt;(), tolerance: 0);
/// Check.Close("Eq. 5 by hand vs GatedGraphCell", byHand: hidden, library: fromCell, tolerance: 1e-6);
/// Check.True("the untrained loss is near ln N", Math.Abs(loss - Math.Log(n)) &lt; 0.1, $"loss {loss:F4}, ln N {Math.Log(n):F4}");
/// </code>
/// </example>
public static class Check
{
    /// <summary>
    /// Where the one-line reports go; null (the default) means <see cref="Console.Out"/> at the time of the check (the
    /// notebook's output). A check that passes prints one line ending in <c>ok</c>; one that fails throws and prints
    /// nothing.
    /// </summary>
    public static TextWriter? Output { get; set; }

    /// <summary>
    /// Asserts <c>|byHand - library| &lt;= tolerance</c> for two numbers; prints the gap and returns it.
    /// NaN on either side fails.
    /// </summary>
    /// <param name="name">What is compared, as the reader would say it (e.g. <c>"loss by hand vs SessionModel.Loss"</c>).</param>
    /// <param name="byHand">The notebook's own computation.</param>
    /// <param name="library">The library's value.</param>
    /// <param name="tolerance">The largest gap accepted (0 for exact agreement).</param>
    /// <exception cref="CheckFailedException">The gap exceeds the tolerance or a value is NaN.</exception>
    public static double Close(string name, double byHand, double library, double tolerance)
    {
        CheckTolerance(tolerance);
        var gap = Math.Abs(byHand - library);
        var values = $"by hand {Value(byHand)}, library {Value(library)}";
        if (!(gap <= tolerance))
        {
            throw new CheckFailedException(
                $"Check failed: {name}: {values}, |gap| {Format(gap)} is above the tolerance {Format(tolerance)}. " +
                "The hand computation and the library no longer agree: one of them changed.");
        }
        Report($"{name}: {values}, |gap| {Format(gap)} <= {Format(tolerance)} ok");
        return gap;
    }

    /// <summary>
    /// Asserts <c>max |byHand - library| &lt;= tolerance</c> over two tensors of the same shape; prints the largest
    /// gap and returns it. Any NaN fails.
    /// </summary>
    /// <exception cref="CheckFailedException">The shapes differ, the largest gap exceeds the tolerance, or a value is NaN.</exception>
    public static double Close(string name, torch.Tensor byHand, torch.Tensor library, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(byHand);
        ArgumentNullException.ThrowIfNull(library);
        CheckTolerance(tolerance);
        if (!byHand.shape.SequenceEqual(library.shape))
        {
            throw new CheckFailedException(
                $"Check failed: {name}: the shapes differ, by hand {Shape(byHand.shape)}, library {Shape(library.shape)}.");
        }
        double gap;
        using (torch.NewDisposeScope())
        {
            var a = byHand.detach().to(torch.float64).cpu();
            var b = library.detach().to(torch.float64).cpu();
            gap = a.numel() == 0 ? 0 : (a - b).abs().max().item<double>();
            if (a.isnan().any().item<bool>() || b.isnan().any().item<bool>()) gap = double.NaN;
        }
        return Gaps(name, gap, byHand.numel(), Shape(byHand.shape), tolerance);
    }

    /// <summary>
    /// Asserts <c>max |byHand[i] - library[i]| &lt;= tolerance</c> over two lists of the same length; prints the
    /// largest gap and returns it. Any NaN fails.
    /// </summary>
    /// <exception cref="CheckFailedException">The lengths differ, the largest gap exceeds the tolerance, or a value is NaN.</exception>
    public static double Close(string name, IReadOnlyList<double> byHand, IReadOnlyList<double> library, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(byHand);
        ArgumentNullException.ThrowIfNull(library);
        CheckTolerance(tolerance);
        if (byHand.Count != library.Count)
        {
            throw new CheckFailedException(
                $"Check failed: {name}: by hand has {byHand.Count} values, the library {library.Count}.");
        }
        var gap = 0.0;
        for (var i = 0; i < byHand.Count; i++)
        {
            var g = Math.Abs(byHand[i] - library[i]);
            if (double.IsNaN(g)) { gap = double.NaN; break; }
            gap = Math.Max(gap, g);
        }
        return Gaps(name, gap, byHand.Count, $"[{byHand.Count}]", tolerance);
    }

    /// <summary>Asserts that two values are equal (<see cref="EqualityComparer{T}.Default"/>); prints them.</summary>
    /// <exception cref="CheckFailedException">They differ.</exception>
    public static void Equal<T>(string name, T byHand, T library)
    {
        if (!EqualityComparer<T>.Default.Equals(byHand, library))
        {
            throw new CheckFailedException($"Check failed: {name}: by hand {byHand}, library {library}: they differ.");
        }
        Report($"{name}: {byHand} both ways ok");
    }

    /// <summary>
    /// Asserts a stated fact (a sign, an order, a share between bounds); prints the fact and its detail.
    /// </summary>
    /// <param name="name">The fact, as a sentence the reader can check (e.g. <c>"Eq. 4 as printed differs from the code"</c>).</param>
    /// <param name="condition">Whether it holds.</param>
    /// <param name="detail">The numbers behind it, printed either way.</param>
    /// <exception cref="CheckFailedException">The fact does not hold.</exception>
    public static void True(string name, bool condition, string? detail = null)
    {
        var suffix = string.IsNullOrEmpty(detail) ? "" : $" ({detail})";
        if (!condition) throw new CheckFailedException($"Check failed: {name}{suffix}: this no longer holds.");
        Report($"{name}{suffix} ok");
    }

    private static double Gaps(string name, double gap, long count, string shape, double tolerance)
    {
        var what = $"max |by hand - library| = {Format(gap)} over {count} values {shape}";
        if (!(gap <= tolerance))
        {
            throw new CheckFailedException(
                $"Check failed: {name}: {what} is above the tolerance {Format(tolerance)}" +
                (double.IsNaN(gap) ? " (a value is NaN)" : "") +
                ". The hand computation and the library no longer agree: one of them changed.");
        }
        Report($"{name}: {what} <= {Format(tolerance)} ok");
        return gap;
    }

    private static void CheckTolerance(double tolerance)
    {
        if (!(tolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "A tolerance is a number >= 0.");
    }

    private static void Report(string line) => (Output ?? Console.Out).WriteLine(line);

    private static string Shape(long[] shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>A compared value, culture-independent, with enough digits to show the gap (9 significant).</summary>
    internal static string Value(double value) => value.ToString("G9", CultureInfo.InvariantCulture);

    /// <summary>A gap or tolerance, short and culture-independent: integers as such, small ones in exponent form.</summary>
    internal static string Format(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (value == 0) return "0";
        if (value == Math.Round(value) && Math.Abs(value) < 1e15) return value.ToString("0", CultureInfo.InvariantCulture);
        var abs = Math.Abs(value);
        return abs is < 1e-3 or >= 1e6
            ? value.ToString("0.##e+0", CultureInfo.InvariantCulture)
            : value.ToString("0.######", CultureInfo.InvariantCulture);
    }
}
