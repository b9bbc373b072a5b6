using System.Globalization;
using Spectre.Console;

namespace Tagnn.Cli.Commands;

/// <summary>Range checks of option values that name the option, for <c>Validate</c> overrides: a bad value is a usage
/// error (exit code 2) that says e.g. "--max-train must be at least 1, got 0", never a library parameter name.</summary>
internal static class OptionChecks
{
    /// <summary>The first failed result, or success.</summary>
    public static ValidationResult First(params ValidationResult[] results) =>
        results.FirstOrDefault(r => !r.Successful) ?? ValidationResult.Success();

    /// <summary>Fails unless the option (when given) is at least <paramref name="minimum"/>.</summary>
    public static ValidationResult AtLeast(string option, long? value, long minimum) =>
        value is { } v && v < minimum
            ? ValidationResult.Error($"{option} must be at least {minimum}, got {v}.")
            : ValidationResult.Success();

    /// <summary>Fails unless <paramref name="inRange"/> holds for the option's value.</summary>
    public static ValidationResult InRange(string option, double value, string range, Func<double, bool> inRange) =>
        inRange(value)
            ? ValidationResult.Success()
            : ValidationResult.Error($"{option} must be in {range}, got {value.ToString(CultureInfo.InvariantCulture)}.");
}
