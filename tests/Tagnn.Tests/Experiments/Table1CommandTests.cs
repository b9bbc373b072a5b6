using Spectre.Console;
using Spectre.Console.Cli;
using Tagnn.Cli;
using Tagnn.Experiments;
using Tagnn.Tests.Data;
using Tagnn.Tests.Support;
using Tagnn.Tests.Training;
using Tagnn.Training;

namespace Tagnn.Tests.Experiments;

/// <summary><c>tagnn table1</c> on a tiny dataset, in process through the CLI app and as a separate process.</summary>
public sealed class Table1CommandTests : IDisposable
{
    /// <summary>The built CLI, run as a child process as a user runs it (the minimal process harness of
    /// Cli/CommandLineErrorTests: <see cref="Repo.Run"/> with the CLI's own assembly).</summary>
    private static readonly string Cli = Path.Combine(Path.GetDirectoryName(typeof(TagnnApp).Assembly.Location)!, "Tagnn.Cli.dll");

    private readonly TempFolder temp = new();
    private readonly string data;

    public Table1CommandTests()
    {
        data = temp.Combine("data");
        TinyData.Saved(data);
    }

    public void Dispose() => temp.Dispose();

    private static (int Code, string Output) Run(params string[] args)
    {
        var previous = AnsiConsole.Console;
        var writer = new StringWriter();
        var previousError = Console.Error;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
            Ansi = AnsiSupport.No,
        });
        AnsiConsole.Console.Profile.Width = 500;
        Console.SetError(writer);
        try
        {
            var app = TagnnApp.Create();
            app.Configure(c => c.Settings.Console = AnsiConsole.Console);
            return (app.Run(args), writer.ToString());
        }
        finally
        {
            AnsiConsole.Console = previous;
            Console.SetError(previousError);
        }
    }

    /// <summary>Printed text with every run of white space one space (Spectre wraps redirected output at 80 columns).</summary>
    private static string OneLine(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    private string[] Tiny(string output, params string[] args) =>
        ["table1", "--data", data, "--models", "pop,sknn,srgnn", "--epochs", "1", "--output", output, .. args];

    [Fact]
    public void Writes_the_three_outputs_with_the_exact_header_and_a_rerun_skips_everything()
    {
        var output = temp.Combine("table");
        var (code, text) = Run(Tiny(output));
        Assert.True(code == 0, text);
        Assert.Contains("3 run(s): 1 to train, 0 to resume, 2 baseline(s) to fit, 0 done already", text);
        Assert.Contains("[2/3] SR-GNN, seed 2020: training runs/srgnn-seed2020", text);
        Assert.Contains("epochs 1 (custom: given on the command line)", text);
        Assert.Contains("SELECTED ON THE TEST SET", text);
        var folder = Table1Folder.At(output);
        var lines = File.ReadAllLines(folder.CsvPath);
        Assert.Equal("model,seeds,p20_mean,p20_std,mrr20_mean,mrr20_std,ndcg20_mean,train_seconds,eval_seconds", lines[0]);
        Assert.Equal(["pop", "srgnn", "sknn"], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Contains("| SR-GNN |", File.ReadAllText(folder.MarkdownPath));
        var table = Table1Result.Load(folder.JsonPath);
        Assert.True(table.Complete);
        var summary = RunFolder.Open(folder.Full("runs/srgnn-seed2020")).ReadSummary()!;
        Assert.Equal(summary.HitRate20, table.Rows.Single(r => r.Model == "srgnn").P20Mean);
        Assert.Equal("tagnn table1 --data " + data + " --models pop,sknn,srgnn --epochs 1 --output " + output,
            RunFolder.Open(folder.Full("runs/srgnn-seed2020")).ReadConfig().Command);

        var written = File.GetLastWriteTimeUtc(folder.Full("runs/srgnn-seed2020/summary.json"));
        var (again, rerun) = Run(Tiny(output));
        Assert.True(again == 0, rerun);
        Assert.Contains("3 run(s): 0 to train, 0 to resume, 0 baseline(s) to fit, 3 done already", rerun);
        Assert.DoesNotContain("epoch  0", rerun);
        Assert.Equal(written, File.GetLastWriteTimeUtc(folder.Full("runs/srgnn-seed2020/summary.json")));
    }

    [Fact]
    public void Models_not_in_this_build_and_unknown_models_are_usage_errors()
    {
        // The neural baselines not in this build yet (none once Tagnn.Model.Baselines is plugged into the catalog).
        foreach (var missing in ModelCatalog.Default.Unavailable)
        {
            var e = Assert.Throws<CommandRuntimeException>(() => Run(Tiny(temp.Combine("x"), "--models", "pop," + missing.Name)));
            Assert.Contains($"{missing.Name} is not available in this build", e.Message);
        }
        var unknown = Assert.Throws<CommandRuntimeException>(() => Run(Tiny(temp.Combine("x"), "--models", "pop,bert4rec")));
        Assert.Contains("Unknown model 'bert4rec'", unknown.Message);
        Assert.Throws<CommandRuntimeException>(() => Run(Tiny(temp.Combine("x"), "--epochs", "lots")));
        Assert.False(Directory.Exists(temp.Combine("x")));
    }

    [Fact]
    public void As_a_separate_process_it_writes_the_outputs_and_refuses_unknown_models_and_models_not_in_this_build()
    {
        var output = temp.Combine("process");
        var (code, text) = Repo.Run("dotnet", [Cli, .. Tiny(output, "--models", "pop,srgnn,stan")], timeout: TimeSpan.FromMinutes(3));
        Assert.True(code == 0, text);
        var folder = Table1Folder.At(output);
        Assert.Equal(Table1Csv.Header, File.ReadLines(folder.CsvPath).First());
        Assert.Equal(3, File.ReadLines(folder.CsvPath).Count() - 1);
        Assert.True(File.Exists(folder.MarkdownPath));
        Assert.True(Table1Result.Load(folder.JsonPath).Complete);
        Assert.True(File.Exists(folder.Full("runs/srgnn-seed2020/checkpoints/best.safetensors")));

        var missing = ModelCatalog.Default.Unavailable.Select(u => u.Name).ToList();
        var (refused, message) = Repo.Run("dotnet", [Cli, "table1", "--data", data, "--models", string.Join(',', ["pop", .. missing, "bert4rec"]),
            "--output", temp.Combine("none")]);
        Assert.Equal(2, refused);
        Assert.Contains("Unknown model 'bert4rec'", OneLine(message));
        Assert.DoesNotContain("   at ", message);
        if (missing.Count > 0)
        {
            var (notBuilt, why) = Repo.Run("dotnet", [Cli, "table1", "--data", data, "--models", string.Join(',', missing), "--output", temp.Combine("none")]);
            Assert.Equal(2, notBuilt);
            Assert.Contains($"{string.Join(", ", missing)} {(missing.Count > 1 ? "are" : "is")} not available in this build", OneLine(why));
        }
        Assert.False(Directory.Exists(temp.Combine("none")));

        var (help, usage) = Repo.Run("dotnet", [Cli, "table1", "--help"]);
        Assert.Equal(0, help);
        Assert.Contains("--protocol", usage);
    }

    [Fact]
    public void Ctrl_c_in_a_separate_process_stops_with_a_resumable_folder_and_the_rerun_continues_it()
    {
        // Enough examples that an epoch lasts a while: SIGINT goes out as soon as the first epoch is reported (its
        // checkpoint is written before the line), so it lands in the second of three epochs.
        var output = temp.Combine("stopped");
        string[] args = ["table1", "--models", "pop,srgnn", "--max-train", "5000", "--max-test", "500", "--epochs", "3", "--output", output, "--threads", "1"];
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repo.Root };
        foreach (var a in new[] { Cli }.Concat(args)) start.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(start)!;
        var printed = new System.Text.StringBuilder();
        var interrupted = 0;
        void OnLine(object? sender, System.Diagnostics.DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (printed) printed.Append(e.Data).Append('\n');
            if (e.Data.StartsWith("epoch  0", StringComparison.Ordinal) && Interlocked.Exchange(ref interrupted, 1) == 0)
                using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
        }
        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("tagnn table1 did not stop:\n" + printed);
        }
        process.WaitForExit();
        var text = printed.ToString();
        Assert.True(process.ExitCode == 130, $"exit code {process.ExitCode}:\n{text}");
        Assert.Contains("run the same command again to continue", OneLine(text));

        var folder = Table1Folder.At(output);
        var rows = Table1Result.Load(folder.JsonPath).Rows.ToDictionary(r => r.Model);
        Assert.Equal(Table1Status.Done, rows["pop"].Status);
        Assert.Equal(Table1Status.Cancelled, rows["srgnn"].Status);
        var run = RunFolder.Open(folder.Full("runs/srgnn-seed2020"));
        Assert.False(File.Exists(run.SummaryPath));
        var epochs = run.ReadMetrics().Count;
        Assert.InRange(epochs, 1, 2);

        var (code, rerun) = Repo.Run("dotnet", [Cli, .. args], timeout: TimeSpan.FromMinutes(5));
        Assert.True(code == 0, rerun);
        Assert.Contains("2 run(s): 0 to train, 1 to resume, 0 baseline(s) to fit, 1 done already", OneLine(rerun));
        Assert.Equal(3, run.ReadSummary()!.EpochsTrained);
        Assert.True(Table1Result.Load(folder.JsonPath).Complete);
    }
}
