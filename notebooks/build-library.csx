// Loaded by the first cell of every notebook (`#load "build-library.csx"`), before the cell that references the
// course library (`#r "../src/Tagnn.Course/bin/Release/net10.0/Tagnn.Course.dll"` and the DLLs beside it). A `#r` of a
// missing file is a compile error of its whole cell (CS0006, then CS0246 for every type), so the check has to run in a
// cell of its own, first. It builds the library when it is missing (a fresh clone) or older than its sources (you
// edited src/ or pulled), with the same rule as `tagnn notebooks run` (src/Tagnn.Cli/Notebooks/ReleaseBuilds.cs),
// and says so; when the build fails it stops with the exact command to run. It cannot use the library it builds.
// Once this kernel has loaded the library it does nothing: a loaded DLL cannot be replaced, and the banner of
// Course.Setup() says when the library changed under the kernel (restart the kernel then).
// TAGNN_NO_BUILD=1 (set by `tagnn notebooks run --no-build`) turns building off: a missing library stops the cell.
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

static class CourseLibraryBuild
{
    public const string Command = "dotnet build src/Tagnn.Course -c Release";

    public static void Ensure()
    {
        if (AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "Tagnn.Course")) return;
        var root = Path.GetFullPath("..");
        var course = Path.Combine(root, "src", "Tagnn.Course");
        if (!File.Exists(Path.Combine(course, "Tagnn.Course.csproj")))
            throw new InvalidOperationException(
                $"src/Tagnn.Course was not found above {Directory.GetCurrentDirectory()}: open the notebook from the " +
                "repository's notebooks/ folder (the kernel must start there).");
        var reason = StaleReason(root);
        if (reason is null) return;
        if (Environment.GetEnvironmentVariable("TAGNN_NO_BUILD") is "1" or "true")
        {
            if (reason.EndsWith("does not exist", StringComparison.Ordinal))
                throw new InvalidOperationException(
                    $"The course library is not built ({reason}). Run `{Command}` at the repository root, then run this cell again.");
            Console.WriteLine($"Not rebuilding (TAGNN_NO_BUILD): {reason}.");
            return;
        }
        Console.WriteLine(
            $"Building the course library ({reason}): `{Command}`. This takes under a minute, and a few minutes " +
            "the first time, when it downloads TorchSharp and libtorch (a few hundred MB).");
        Build(root);
        var after = StaleReason(root);
        if (after is not null)
            throw new InvalidOperationException(
                $"The build finished but {after}. Run `{Command}` at the repository root ({root}) and read its output.");
    }

    // Why the DLLs the notebooks load must be (re)built, or null. Tagnn.Course.dll against src/Tagnn.Course, and the
    // copy of the core beside it (Tagnn.dll) against src/Tagnn: a change in the core alone may leave
    // Tagnn.Course.dll untouched. Inputs: every file of the project folder but bin/ and obj/, and the shared build
    // files. TorchSharp.dll is copied by the same build.
    static string? StaleReason(string root)
    {
        var bin = Path.Combine(root, "src", "Tagnn.Course", "bin", "Release", "net10.0");
        var torch = Path.Combine(bin, "TorchSharp.dll");
        return Stale(root, Path.Combine(root, "src", "Tagnn.Course"), Path.Combine(bin, "Tagnn.Course.dll"))
               ?? Stale(root, Path.Combine(root, "src", "Tagnn"), Path.Combine(bin, "Tagnn.dll"))
               ?? (File.Exists(torch) ? null : $"{Path.GetRelativePath(root, torch)} does not exist");
    }

    static string? Stale(string root, string project, string output)
    {
        if (!File.Exists(output)) return $"{Path.GetRelativePath(root, output)} does not exist";
        var built = File.GetLastWriteTimeUtc(output);
        var newer = Inputs(root, project).FirstOrDefault(f => File.GetLastWriteTimeUtc(f) > built);
        return newer is null ? null : $"{Path.GetRelativePath(root, newer)} is newer than {Path.GetFileName(output)}";
    }

    static IEnumerable<string> Inputs(string root, string project)
    {
        foreach (var shared in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" })
            if (File.Exists(Path.Combine(root, shared))) yield return Path.Combine(root, shared);
        if (Directory.Exists(Path.Combine(root, "build")))
            foreach (var f in Directory.EnumerateFiles(Path.Combine(root, "build"), "*.props")) yield return f;
        foreach (var f in Directory.EnumerateFiles(project, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(project, f);
            if (relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal) ||
                relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue;
            yield return f;
        }
    }

    static void Build(string root)
    {
        // The dotnet that runs this kernel (VS Code's, Jupyter's, dotnet-repl and the course runner all run on it).
        var self = Environment.ProcessPath;
        var dotnet = self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "build", "src/Tagnn.Course", "-c", "Release", "-nologo", "-v", "minimal", "-tl:off" })
            info.ArgumentList.Add(arg);
        var watch = Stopwatch.StartNew();
        var lines = new List<string>();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) lock (lines) { lines.Add(line); Console.WriteLine(line); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) lock (lines) { lines.Add(line); Console.WriteLine(line); } };
        try
        {
            process.Start();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                $"Could not start `{dotnet}` to build the course library ({e.Message}). Install the .NET 10 SDK, run " +
                $"`{Command}` at the repository root ({root}), then run this cell again.");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            string tail;
            lock (lines) tail = string.Join("\n", lines.Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(10));
            throw new InvalidOperationException(
                $"Building the course library failed (exit code {process.ExitCode}). Run `{Command}` in a terminal " +
                $"at the repository root ({root}), fix what it reports, then run this cell again." +
                (tail.Length > 0 ? "\n" + tail : ""));
        }
        Console.WriteLine($"Built in {watch.Elapsed.TotalSeconds:0} s.");
    }
}

CourseLibraryBuild.Ensure();
