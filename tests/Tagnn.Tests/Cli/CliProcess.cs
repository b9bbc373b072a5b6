using System.Diagnostics;
using System.Text;
using Tagnn.Tests.Support;
using Xunit.Sdk;

namespace Tagnn.Tests.Cli;

/// <summary>
/// Runs the built <c>tagnn</c> (the CLI project's own output, <c>src/Tagnn.Cli/bin/&lt;config&gt;/&lt;tfm&gt;/Tagnn.Cli.dll</c>,
/// which the test project's reference to it builds first) as a child process, a fresh process per command, as a user
/// runs it: nothing of the test process (a loaded native runtime, the console) leaks in. A command that runs past its
/// timeout is killed with its whole process tree and the test fails with what it printed.
/// </summary>
internal static class CliProcess
{
    /// <summary>How long one command may take before it is killed (tiny data: seconds are enough; this is a hang guard).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The CLI's entry assembly.</summary>
    public static string Dll { get; } = FindDll();

    /// <summary>Runs <c>tagnn ARGS</c> in <paramref name="workingDirectory"/> and waits for it.</summary>
    public static CliResult Run(string workingDirectory, params string[] args) => Run(workingDirectory, DefaultTimeout, args);

    /// <summary>Runs <c>tagnn ARGS</c> in <paramref name="workingDirectory"/> and waits at most <paramref name="timeout"/>.</summary>
    public static CliResult Run(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        using var running = Start(workingDirectory, args);
        return running.Wait(timeout);
    }

    /// <summary>Starts <c>tagnn ARGS</c> without waiting (dispose kills it if it still runs).</summary>
    public static RunningCli Start(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_NOLOGO"] = "1";
        return new RunningCli(Process.Start(start)!, "tagnn " + string.Join(' ', args.Select(Quote)));
    }

    private static string Quote(string arg) => arg.Length == 0 || arg.Any(char.IsWhiteSpace) ? $"\"{arg}\"" : arg;

    /// <summary>The dotnet host running the tests (set by <c>dotnet test</c>), else the one on the PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string FindDll()
    {
        // The test assembly's folder is bin/<configuration>/<tfm>/; the CLI project builds to the same pair.
        var tfm = new DirectoryInfo(AppContext.BaseDirectory).Name;
        var own = Repo.Path("src", "Tagnn.Cli", "bin", Repo.Configuration, tfm, "Tagnn.Cli.dll");
        if (File.Exists(own)) return own;
        var copied = Path.Combine(AppContext.BaseDirectory, "Tagnn.Cli.dll"); // copied beside the tests by the reference
        if (File.Exists(copied)) return copied;
        throw new FileNotFoundException($"The built CLI was found neither at {own} nor at {copied}: build tests/Tagnn.Tests (it references src/Tagnn.Cli).");
    }

    /// <summary>A started child process.</summary>
    internal sealed class RunningCli : IDisposable
    {
        private readonly Process process;
        private readonly StringBuilder stdout = new(), stderr = new();
        private readonly Stopwatch clock = Stopwatch.StartNew();

        public RunningCli(Process process, string commandLine)
        {
            this.process = process;
            CommandLine = commandLine;
            process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
            process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string CommandLine { get; }

        public bool HasExited => process.HasExited;

        /// <summary>Waits up to <paramref name="timeout"/> for the process to end (it ends early when it does).</summary>
        public bool WaitForExit(TimeSpan timeout) => process.WaitForExit(timeout);

        /// <summary>Waits for the end of the process; past <paramref name="timeout"/> kills its tree and fails the test.</summary>
        public CliResult Wait(TimeSpan timeout)
        {
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new XunitException($"`{CommandLine}` did not finish within {timeout.TotalSeconds:F0} s and was killed.\n" + Printed());
            }
            process.WaitForExit(); // drains the redirected output
            return Result();
        }

        /// <summary>Kills the process at once (SIGKILL on Unix: no handler runs), and waits for it to be gone.</summary>
        public CliResult KillNow()
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return Result();
        }

        private CliResult Result()
        {
            lock (stdout)
            {
                return new CliResult(CommandLine, process.ExitCode, stdout.ToString(), stderr.ToString(), clock.Elapsed);
            }
        }

        private string Printed()
        {
            lock (stdout)
            {
                return $"--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}";
            }
        }

        private void Append(StringBuilder target, string? line)
        {
            if (line is null) return;
            lock (stdout)
            {
                target.Append(line).Append('\n');
            }
        }

        public void Dispose()
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit();
                }
            }
            finally
            {
                process.Dispose();
            }
        }
    }
}
