using System.Globalization;

namespace Tagnn.Experiments;

/// <summary>One axis of a sweep: a hyper-parameter's name and the values to try (e.g. <c>new("d", [16, 32, 64])</c>).</summary>
/// <typeparam name="T">The value's type (a number: int, long, double, ...).</typeparam>
/// <param name="Name">The name tables and charts print (<c>d</c>, <c>steps</c>, <c>lr</c>, <c>batch</c>).</param>
/// <param name="Values">The values, in the order to try and plot them.</param>
public sealed record SweepParameter<T>(string Name, IReadOnlyList<T> Values) where T : IConvertible
{
    /// <summary>Throws <see cref="ArgumentException"/> when the name is empty or the values are empty or repeated.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new ArgumentException("A sweep parameter needs a name.");
        if (Values is null || Values.Count == 0) throw new ArgumentException($"Sweep parameter '{Name}' has no values.");
        if (Values.Select(Format).Distinct(StringComparer.Ordinal).Count() != Values.Count)
            throw new ArgumentException($"Sweep parameter '{Name}' repeats a value.");
    }

    /// <summary>A value as text (invariant culture: <c>0.001</c>, <c>64</c>).</summary>
    public static string Format(T value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    /// <summary>A value as a number (for tables and axes).</summary>
    public static double Number(T value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);

    /// <summary>The label of one setting, e.g. <c>d=64</c>.</summary>
    public string Label(T value) => $"{Name}={Format(value)}";
}
