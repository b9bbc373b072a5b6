using System.Reflection;
using System.Runtime.Loader;

namespace Tagnn.Course;

/// <summary>
/// Lets Plotly.NET 6 (compiled against FSharp.Core 10.1) run inside a kernel that ships FSharp.Core 10.0 (the
/// <c>Microsoft.dotnet-interactive</c> tool VS Code starts, and <c>dotnet-repl</c>).
/// </summary>
/// <remarks>
/// Such a kernel has FSharp.Core 10.0 on its trusted platform list, so the runtime refuses the 10.1 reference and raises
/// <see cref="AssemblyLoadContext.Resolving"/>; a second FSharp.Core cannot be loaded beside the first. The handler
/// answers with the FSharp.Core already in the process (Plotly.NET only uses API that 10.0 has). Hosts that carry
/// FSharp.Core 10.1 themselves (this repository's runner, the tests) never raise the event for it.
/// </remarks>
internal static class FSharpCoreShim
{
    private static int installed;

    [ThreadStatic]
    private static bool resolving;

    /// <summary>Whether the handler has answered a request (for the banner and tests).</summary>
    public static bool Used { get; private set; }

    /// <summary>Installs the handler once per process.</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref installed, 1) == 1) return;
        AssemblyLoadContext.Default.Resolving += Resolve;
    }

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        if (resolving || !string.Equals(name.Name, "FSharp.Core", StringComparison.Ordinal)) return null;
        var loaded = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => string.Equals(a.GetName().Name, "FSharp.Core", StringComparison.Ordinal))
            .OrderByDescending(a => a.GetName().Version)
            .FirstOrDefault();
        loaded ??= LoadAnyVersion(context);
        if (loaded is null)
        {
            // The host has no FSharp.Core at all: take the copy beside this library (bin/Release/net10.0).
            var besideUs = Path.Combine(Path.GetDirectoryName(typeof(FSharpCoreShim).Assembly.Location) ?? "", "FSharp.Core.dll");
            if (!File.Exists(besideUs)) return null;
            loaded = context.LoadFromAssemblyPath(besideUs);
        }
        Used = true;
        return loaded;
    }

    /// <summary>The host's own FSharp.Core (whatever its version), or null when it has none.</summary>
    private static Assembly? LoadAnyVersion(AssemblyLoadContext context)
    {
        resolving = true;
        try
        {
            return context.LoadFromAssemblyName(new AssemblyName("FSharp.Core"));
        }
        catch (IOException)
        {
            return null;
        }
        finally
        {
            resolving = false;
        }
    }
}
