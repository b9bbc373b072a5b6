using System.Text.RegularExpressions;

namespace Tagnn.Tests.Repository;

/// <summary>
/// The namespaces a C# source file imports with <c>using</c> directives (plain, <c>static</c>, aliases,
/// <c>global</c>), attributed to the file's namespace: what the compiled assembly cannot show
/// (<see cref="MetadataDependencies"/>): constants, <c>nameof</c> and <c>cref</c>s need the directive too.
/// </summary>
internal static partial class SourceDependencies
{
    /// <summary>The imports of one file's text.</summary>
    /// <param name="file">The file's name, for messages.</param>
    /// <param name="text">Its text.</param>
    public static IEnumerable<Dependency> Read(string file, string text)
    {
        var ns = Namespace().Match(text);
        if (!ns.Success) yield break;
        foreach (Match u in Using().Matches(text))
        {
            var target = u.Groups["target"].Value;
            // `using static A.B.C;` imports the type C of namespace A.B; a plain using imports a namespace.
            var targetNamespace = u.Groups["static"].Success && target.Contains('.') ? target[..target.LastIndexOf('.')] : target;
            yield return new Dependency(ns.Groups["name"].Value, file, targetNamespace, $"({u.Value.Trim()})");
        }
    }

    /// <summary>The imports of every <c>.cs</c> file under <paramref name="directory"/> (build output excluded).</summary>
    public static IEnumerable<Dependency> ReadFolder(string directory) =>
        Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .SelectMany(f => Read(Path.GetRelativePath(directory, f), File.ReadAllText(f)));

    [GeneratedRegex(@"^\s*namespace\s+(?<name>[\w.]+)", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"^\s*(global\s+)?using\s+(?<static>static\s+)?(\w+\s*=\s*)?(?<target>[\w.]+)(<[^;]*>)?\s*;", RegexOptions.Multiline)]
    private static partial Regex Using();
}
