
namespace Tagnn.Cli.Notebooks;

/// <summary>The <c>dotnet</c> executable that runs this process (so builds and the host use the same SDK/runtime).</summary>
internal static class DotnetHost
{
    /// <summary>Full path of <c>dotnet</c>, or just <c>dotnet</c> (found on PATH).</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk)) return fromSdk;
        var self = Environment.ProcessPath;
        if (self is not null && System.IO.Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            return self;
        return "dotnet";
    }
}
