using System.Text.RegularExpressions;

namespace Tagnn.Cli;

/// <summary>Rewrites Spectre's usage errors that name .NET types instead of options.</summary>
internal static partial class UsageErrors
{
    /// <summary>
    /// "Failed to convert 'abc' to Nullable`1." (an option value that is not a number) becomes
    /// "--max-train: 'abc' is not a number.", the option found before the value in <paramref name="args"/>. Other
    /// messages are returned as they are.
    /// </summary>
    public static string Explain(string message, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(args);
        if (ConversionFailed().Match(message) is not { Success: true } match) return message;
        var value = match.Groups["value"].Value;
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0 && args[i] == value && args[i - 1].StartsWith('-')) return $"{args[i - 1]}: '{value}' is not a number.";
            if (args[i].StartsWith('-') && args[i].EndsWith("=" + value, StringComparison.Ordinal))
                return $"{args[i][..args[i].IndexOf('=', StringComparison.Ordinal)]}: '{value}' is not a number.";
        }
        return $"'{value}' is not a number.";
    }

    [GeneratedRegex(@"^Failed to convert '(?<value>.*)' to [^ ]+\.$", RegexOptions.Singleline)]
    private static partial Regex ConversionFailed();
}
