using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tagnn.Notebooks.Protocol;

namespace Tagnn.Cli.Notebooks;

/// <summary>
/// Runs notebooks through the notebook host, one process per notebook (a notebook's kernel, loaded assemblies and
/// current directory are its own; the host never has a second Tagnn.dll or Tagnn.Course.dll loaded), and reads its progress events.
/// </summary>
internal sealed class NotebookHostClient(RepositoryLayout repo)
{
    /// <summary>Grace period, beyond the per-cell timeout, before an unresponsive host is killed.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    /// <summary>Runs one notebook; <paramref name="onEvent"/> sees each start / cell / end event as it arrives.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired; the host was stopped.</exception>
    public NotebookResult Run(string notebook, NotebookRunOptions options, Action<RunnerEvent> onEvent,
        CancellationToken cancellationToken = default)
    {
        var info = HostStart("run", notebook, "--output", options.OutputDir,
            "--cell-timeout", options.CellTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture));
        if (options.Html) info.ArgumentList.Add("--html");
        if (options.Smoke) info.Environment["TAGNN_SMOKE"] = "1";
        else info.Environment.Remove("TAGNN_SMOKE");
        if (options.NoBuild) info.Environment["TAGNN_NO_BUILD"] = "1";
        else info.Environment.Remove("TAGNN_NO_BUILD");

        var watch = Stopwatch.StartNew();
        var events = new BlockingCollection<RunnerEvent?>();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) events.Add(null);
            else if (RunnerEvent.TryParse(e.Data) is { } ev) events.Add(ev);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stderr) stderr.AppendLine(e.Data);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        RunnerEvent? start = null, end = null, failure = null;
        var executed = 0;
        var quiet = options.CellTimeout + Grace;
        var killed = false;
        while (true)
        {
            RunnerEvent? ev;
            bool got;
            try
            {
                got = events.TryTake(out ev, (int)quiet.TotalMilliseconds, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw;
            }
            if (!got)
            {
                // The host enforces the cell timeout itself; silence beyond it plus a grace period means it hangs.
                process.Kill(entireProcessTree: true);
                killed = true;
                break;
            }
            if (ev is null) break; // end of the host's output
            onEvent(ev);
            switch (ev.Type)
            {
                case RunnerEvent.Start:
                    start = ev;
                    break;
                case RunnerEvent.CellDone:
                    executed++;
                    if (ev.Status != RunnerEvent.Ok) failure ??= ev;
                    break;
                case RunnerEvent.End:
                    end = ev;
                    break;
            }
        }
        process.WaitForExit();
        var seconds = watch.Elapsed.TotalSeconds;
        string hostError;
        lock (stderr) hostError = stderr.ToString().Trim();

        var status = end?.Status ?? (killed ? RunnerEvent.TimedOut : RunnerEvent.Failed);
        if (end is null && !killed && process.ExitCode == 0) status = RunnerEvent.Failed; // exited without finishing
        if (killed) hostError = $"the host was silent for {quiet.TotalMinutes:0} min and was stopped. {hostError}".Trim();
        else if (end is null) hostError = $"the host exited with code {process.ExitCode} without finishing. {hostError}".Trim();

        return new NotebookResult(notebook, status, start?.CodeCells ?? 0, executed, seconds,
            status == RunnerEvent.Ok ? null : failure, status == RunnerEvent.Ok ? null : hostError,
            end?.OutputNotebook, end?.HtmlPage);
    }

    /// <summary>Writes <c>index.html</c> for the executed notebooks in <paramref name="outputDir"/>.</summary>
    /// <exception cref="InvalidOperationException">The host failed.</exception>
    public string WriteIndex(string outputDir)
    {
        var info = HostStart("index", "--output", outputDir);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the notebook host.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"Writing the index failed (exit {process.ExitCode}): {stderr.Result}{stdout.Result}");
        return Path.Combine(outputDir, "index.html");
    }

    private ProcessStartInfo HostStart(params string[] args)
    {
        var info = new ProcessStartInfo(DotnetHost.Path)
        {
            WorkingDirectory = repo.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(repo.HostDll);
        foreach (var a in args) info.ArgumentList.Add(a);
        return info;
    }
}
