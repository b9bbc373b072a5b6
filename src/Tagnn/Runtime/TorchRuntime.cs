using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using TorchSharp;

namespace Tagnn.Runtime;

/// <summary>
/// Loads TorchSharp's native libraries by absolute path, once per process, before <c>torch</c> is first used.
/// Every entry point of the library (CLI, tests, notebooks) calls <see cref="EnsureLoaded"/>; it is idempotent and
/// thread-safe.
/// </summary>
/// <remarks>
/// <para>Why this exists: TorchSharp's own loader probes for its native files by name, which fails in three situations
/// this project must survive with no manual step.</para>
/// <list type="number">
/// <item><b>No native files in bin folders.</b> libtorch is about 1 GB; this repository never copies it into its
/// bin folders (<c>CopyLocalRuntimeTargetAssets=false</c> in Directory.Build.props), so it is loaded from the NuGet
/// package folder, whose location the build bakes into this assembly.</item>
/// <item><b>Debian 12's libstdc++.</b> <c>libLibTorchSharp.so</c> 0.107.0 was built with GCC 13 and asks for
/// <c>GLIBCXX_3.4.32</c>; Debian 12 stops at 3.4.30, so glibc refuses the file (TorchSharp then reports, misleadingly,
/// a missing libtorch-cpu-linux-x64 reference). The only symbol bound to that version is
/// <c>std::ios_base_library_init()</c>, a marker GCC 13 emits that is never relocated or called. When, and only when,
/// loading the original fails for that reason, a copy with that one requirement marked weak (VER_FLG_WEAK in
/// <c>.gnu.version_r</c>, see <see cref="ElfVersionNeedPatcher"/>) is written to the user's cache folder and loaded
/// instead. The NuGet cache and system files are never modified. On Ubuntu 24.04 and other systems with a newer
/// libstdc++ the original loads and nothing is patched.</item>
/// <item><b>A distro libtorch in /usr/lib</b> (Debian's python3-torch installs libtorch 1.13). A host without a
/// deps.json for TorchSharp (a notebook kernel) would bind TorchSharp's by-name probe for <c>torch_cpu</c> to that
/// library. Loading our files by absolute path first, and answering TorchSharp's by-name requests through a
/// <see cref="NativeLibrary.SetDllImportResolver"/> callback, binds every name to the files of the pinned package.</item>
/// </list>
/// </remarks>
public static class TorchRuntime
{
    /// <summary>The symbol version that Debian 12's libstdc++ lacks.</summary>
    public const string MissingGlibcxxVersion = "GLIBCXX_3.4.32";

    /// <summary>The only symbols allowed to be bound to <see cref="MissingGlibcxxVersion"/> for the weak patch.</summary>
    public static readonly IReadOnlySet<string> MarkerSymbols =
        new HashSet<string>(StringComparer.Ordinal) { "_ZSt21ios_base_library_initv" };

    private static readonly Lock Gate = new();
    private static TorchRuntimeInfo? loaded;
    private static readonly Dictionary<string, nint> Handles = new(StringComparer.Ordinal);

    /// <summary>What was loaded, from where, and whether the libstdc++ patch was needed.</summary>
    public static TorchRuntimeInfo Info => loaded ?? EnsureLoaded();

    /// <summary>Loads the native libraries if that has not happened yet and returns what was loaded.</summary>
    /// <exception cref="InvalidOperationException">The native files cannot be found or loaded; the message lists
    /// every place searched and how to fix it.</exception>
    public static TorchRuntimeInfo EnsureLoaded()
    {
        if (loaded is { } done) return done;
        lock (Gate)
        {
            if (loaded is { } again) return again;
            var trace = new StringBuilder();
            try
            {
                loaded = Load(trace);
            }
            catch (Exception e) when (e is not InvalidOperationException)
            {
                throw new InvalidOperationException($"TorchSharp's native libraries could not be loaded: {e.Message}\n{trace}", e);
            }
            return loaded;
        }
    }

    /// <summary>Sets the number of intra-op threads libtorch uses (loads the runtime first).</summary>
    public static void SetThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        EnsureLoaded();
        torch.set_num_threads(threads);
    }

    /// <summary>
    /// Runs a tiny computation through libtorch (a matrix product, a backward pass) and describes the result, so a
    /// broken install fails here with a clear message rather than later in a notebook.
    /// </summary>
    /// <returns>A one-line description such as "ok: [[1,2],[3,4]] @ [[1],[1]] = [3, 7], d(sum)/dx = [4, 6]".</returns>
    /// <exception cref="InvalidOperationException">libtorch returned a wrong result.</exception>
    public static string SelfCheck()
    {
        EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new float[] { 1, 2, 3, 4 }, [2, 2], requires_grad: true);
        var y = x.matmul(torch.ones(2, 1));
        y.sum().backward();
        var values = y.data<float>().ToArray();
        var grad = x.grad!.sum(dim: 0).data<float>().ToArray();
        if (values is not [3, 7] || grad is not [2, 2])
            throw new InvalidOperationException($"libtorch self-check failed: got [{string.Join(", ", values)}] and gradient [{string.Join(", ", grad)}].");
        return "ok: [[1,2],[3,4]] @ [[1],[1]] = [3, 7]; backward gives column sums [2, 2]";
    }

    private static TorchRuntimeInfo Load(StringBuilder trace)
    {
        var torchSharpAssembly = typeof(torch).Assembly;
        var searched = new List<string>();
        var rid = RuntimeId();
        var names = NativeNames.ForCurrentOs();

        var bridgeDir = FindDirectory(names.Bridge, BridgeCandidates(rid), searched);
        var libtorchDir = FindDirectory(names.TorchCpu, LibTorchCandidates(rid, bridgeDir), searched);
        if (bridgeDir is null || libtorchDir is null)
        {
            throw new InvalidOperationException(
                $"TorchSharp's native files were not found (looked for {names.Bridge} and {names.TorchCpu}).\n" +
                "Searched:\n  " + string.Join("\n  ", searched.Distinct()) + "\n" +
                "Fix: run `dotnet build` from the repository root (it restores TorchSharp and libtorch into the NuGet " +
                "package folder), or set TAGNN_LIBTORCH_DIR / TAGNN_TORCHSHARP_NATIVE_DIR to folders holding them.");
        }

        // libtorch first, by absolute path, dependencies before dependants.
        foreach (var (name, file) in names.TorchChain)
        {
            var path = Path.Combine(libtorchDir, file);
            if (!File.Exists(path)) continue;
            Handles[name] = NativeLibrary.Load(path);
            trace.AppendLine($"loaded {path}");
        }

        var bridgePath = Path.Combine(bridgeDir, names.Bridge);
        string? patchedPath = null;
        nint bridge;
        try
        {
            bridge = NativeLibrary.Load(bridgePath);
        }
        catch (DllNotFoundException e) when (OperatingSystem.IsLinux() && e.Message.Contains(MissingGlibcxxVersion, StringComparison.Ordinal))
        {
            trace.AppendLine($"{bridgePath} needs {MissingGlibcxxVersion}, which this system's libstdc++ lacks; loading a patched copy.");
            patchedPath = PatchedBridgeCopy(bridgePath);
            bridge = NativeLibrary.Load(patchedPath);
        }
        Handles["LibTorchSharp"] = bridge;
        trace.AppendLine($"loaded {patchedPath ?? bridgePath}");

        NativeLibrary.SetDllImportResolver(torchSharpAssembly, Resolve);
        torch.InitializeDeviceType(DeviceType.CPU);

        return new TorchRuntimeInfo(
            TorchSharpVersion: torchSharpAssembly.GetName().Version?.ToString(3) ?? "?",
            LibTorchVersion: BuildMetadata("Tagnn.LibTorchVersion") ?? "?",
            LibTorchDirectory: libtorchDir,
            BridgePath: patchedPath ?? bridgePath,
            PatchedForOldLibStdCxx: patchedPath is not null,
            Trace: trace.ToString());
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        // TorchSharp asks for "LibTorchSharp", "torch_cpu", "torch_cuda", ... : answer with what we loaded.
        var key = libraryName.StartsWith("lib", StringComparison.Ordinal) ? libraryName[3..] : libraryName;
        key = key.Split('.')[0];
        return Handles.TryGetValue(key, out var handle) ? handle : 0;
    }

    /// <summary>Writes (once) and returns a copy of the bridge library with the GLIBCXX_3.4.32 need marked weak.</summary>
    internal static string PatchedBridgeCopy(string original)
    {
        var bytes = File.ReadAllBytes(original);
        var hash = Convert.ToHexString(SHA256.HashData(bytes))[..16].ToLowerInvariant();
        var dir = Path.Combine(CacheRoot(), "native", $"libtorchsharp-{hash}");
        var target = Path.Combine(dir, Path.GetFileName(original));
        if (File.Exists(target)) return target;

        var patched = ElfVersionNeedPatcher.MarkWeak(bytes, MissingGlibcxxVersion, MarkerSymbols);
        Directory.CreateDirectory(dir);
        var temp = target + $".{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temp, patched);
        try
        {
            File.Move(temp, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            File.Delete(temp); // another process won the race with the same bytes
        }
        return target;
    }

    private static string CacheRoot()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "tagnn");
    }

    private static string? FindDirectory(string file, IEnumerable<string?> candidates, List<string> searched)
    {
        foreach (var dir in candidates)
        {
            if (string.IsNullOrEmpty(dir)) continue;
            searched.Add(dir);
            if (File.Exists(Path.Combine(dir, file))) return dir;
        }
        return null;
    }

    private static IEnumerable<string?> BridgeCandidates(string rid)
    {
        yield return Environment.GetEnvironmentVariable("TAGNN_TORCHSHARP_NATIVE_DIR");
        foreach (var dir in AssemblyDirectories()) { yield return dir; yield return Path.Combine(dir, "runtimes", rid, "native"); }
        var version = BuildMetadata("Tagnn.TorchSharpVersion");
        foreach (var root in PackageRoots())
            yield return Path.Combine(root, "torchsharp", version ?? "", "runtimes", rid, "native");
    }

    private static IEnumerable<string?> LibTorchCandidates(string rid, string? bridgeDir)
    {
        yield return Environment.GetEnvironmentVariable("TAGNN_LIBTORCH_DIR");
        yield return bridgeDir;
        foreach (var dir in AssemblyDirectories()) { yield return dir; yield return Path.Combine(dir, "runtimes", rid, "native"); }
        var version = BuildMetadata("Tagnn.LibTorchVersion");
        foreach (var root in PackageRoots())
            yield return Path.Combine(root, $"libtorch-cpu-{rid}", version ?? "", "runtimes", rid, "native");
    }

    private static IEnumerable<string> AssemblyDirectories()
    {
        foreach (var assembly in new[] { typeof(torch).Assembly, typeof(TorchRuntime).Assembly })
        {
            var dir = Path.GetDirectoryName(assembly.Location);
            if (!string.IsNullOrEmpty(dir)) yield return dir;
        }
        yield return AppContext.BaseDirectory;
    }

    private static IEnumerable<string> PackageRoots()
    {
        var env = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (!string.IsNullOrEmpty(env)) yield return env;
        var baked = BuildMetadata("Tagnn.NuGetPackageRoot");
        if (!string.IsNullOrEmpty(baked)) yield return baked;
        yield return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    }

    private static string? BuildMetadata(string key) =>
        typeof(TorchRuntime).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value;

    /// <summary>The runtime identifier of the native packages for this machine (e.g. <c>linux-x64</c>).</summary>
    internal static string RuntimeId() =>
        OperatingSystem.IsWindows() ? "win-x64"
        : OperatingSystem.IsMacOS() ? "osx-arm64"
        : RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";

    private sealed record NativeNames(string Bridge, string TorchCpu, IReadOnlyList<(string Name, string File)> TorchChain)
    {
        public static NativeNames ForCurrentOs()
        {
            if (OperatingSystem.IsWindows())
                return new("LibTorchSharp.dll", "torch_cpu.dll",
                    [("c10", "c10.dll"), ("torch_cpu", "torch_cpu.dll"), ("c10_cuda", "c10_cuda.dll"), ("torch_cuda", "torch_cuda.dll"), ("torch", "torch.dll")]);
            if (OperatingSystem.IsMacOS())
                return new("libLibTorchSharp.dylib", "libtorch_cpu.dylib",
                    [("c10", "libc10.dylib"), ("torch_cpu", "libtorch_cpu.dylib"), ("torch", "libtorch.dylib")]);
            return new("libLibTorchSharp.so", "libtorch_cpu.so",
                [("c10", "libc10.so"), ("torch_cpu", "libtorch_cpu.so"), ("c10_cuda", "libc10_cuda.so"), ("torch_cuda", "libtorch_cuda.so"), ("torch", "libtorch.so")]);
        }
    }
}
