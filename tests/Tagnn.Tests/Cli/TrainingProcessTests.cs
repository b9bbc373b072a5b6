using Tagnn.IO;
using Tagnn.Training;

namespace Tagnn.Tests.Cli;

/// <summary><c>tagnn train</c> failing and being killed, as separate processes: a diverging run stops with a clear
/// error and leaves nothing behind; a run killed with SIGKILL during its second epoch resumes to the very bits of an
/// uninterrupted run (issue 9, items 2, 3 and "keep what works working").</summary>
[Collection(CliRunFixture.Collection)]
public sealed class TrainingProcessTests(CliRunFixture fixture)
{
    [Fact]
    public void A_diverging_run_exits_with_the_epoch_step_and_advice_and_leaves_no_folder_so_a_rerun_works()
    {
        var work = fixture.Scratch("diverge");
        var run = Path.Combine(work, "runs", "lr");

        CliProcess.Run(work, CliRunFixture.TinyTrain(fixture.Data, "--run", run, "--lr", "1e30"))
            .FailsCleanly("Training diverged at epoch 0, step", "learning rate 1E+30", $"the run folder {run} was removed", "lower learning rate (--lr");
        Assert.False(Directory.Exists(run), "the failed run left its folder behind");

        CliProcess.Run(work, CliRunFixture.TinyTrain(fixture.Data, "--run", run)).ExitsWith(0);
    }

    [Fact]
    public void A_run_killed_during_its_second_epoch_resumes_to_the_bits_of_an_uninterrupted_run()
    {
        var work = fixture.Scratch("kill");
        // The bundled sample, cut so that an epoch takes a fraction of a second: long enough to be killed inside.
        string[] Train(string run) => ["train", "--max-train", "1500", "--max-test", "100", "--epochs", "2", "--hidden", "8", "--batch", "50",
            "--threads", "1", "--seed", "11", "--no-sknn", "--run", run];
        var straight = Path.Combine(work, "straight");
        CliProcess.Run(work, Train(straight)).ExitsWith(0);

        var killed = Path.Combine(work, "killed");
        var metrics = Path.Combine(killed, RunFolder.MetricsFile);
        using (var child = CliProcess.Start(work, Train(killed)))
        {
            // Epoch 1's checkpoint is written before its line in metrics.jsonl: one line means epoch 2 is under way.
            var deadline = DateTime.UtcNow + CliProcess.DefaultTimeout;
            while (LinesIn(metrics) < 1)
            {
                Assert.True(DateTime.UtcNow < deadline, "the first epoch did not end in time");
                if (child.WaitForExit(TimeSpan.FromMilliseconds(20))) Assert.Fail($"`{child.CommandLine}` ended before it could be killed.\n{child.KillNow()}");
            }
            child.KillNow();
        }
        Assert.Equal(1, LinesIn(metrics)); // killed during the second epoch, not after it
        Assert.False(File.Exists(Path.Combine(killed, RunFolder.SummaryFile)));

        CliProcess.Run(work, "train", "--resume", killed).ExitsWith(0).Says("resuming", "after epoch 0, up to 2 epochs");

        var expected = RunFolder.Open(straight).LastCheckpointPath;
        var actual = RunFolder.Open(killed).LastCheckpointPath;
        Assert.Equal(2, RunFolder.Open(killed).ReadSummary()!.EpochsTrained);
        AssertSameTensorBytes(expected, actual);
        Assert.Empty(Directory.GetFiles(killed, "*.tmp", SearchOption.AllDirectories));
    }

    private static int LinesIn(string file) =>
        File.Exists(file) ? File.ReadAllLines(file).Count(l => l.Length > 0) : 0;

    /// <summary>The two checkpoints hold the same tensors (weights, Adam's moments, the selected weights) with the same
    /// bytes; only their metadata (timings) may differ. Except <c>rng.cpu</c>, the state of torch's default CPU generator:
    /// libtorch seeds it from a non-deterministic source in every process, and nothing in training draws from it (the
    /// initialisation has its own seeded generator, the batch order its own), so it differs between any two processes
    /// and a resumed run only carries the killed process's state forward.</summary>
    private static void AssertSameTensorBytes(string expected, string actual)
    {
        var a = Safetensors.ReadHeader(expected);
        var b = Safetensors.ReadHeader(actual);
        Assert.Equal(a.Entries, b.Entries, (x, y) => x.Name == y.Name && x.DType == y.DType && x.Shape.SequenceEqual(y.Shape) && x.Begin == y.Begin && x.End == y.End);
        var dataA = File.ReadAllBytes(expected).AsSpan((int)a.DataStart);
        var dataB = File.ReadAllBytes(actual).AsSpan((int)b.DataStart);
        Assert.Contains(a.Entries, e => e.Name.StartsWith("optimizer.", StringComparison.Ordinal));
        foreach (var entry in a.Entries.Where(e => e.Name != "rng.cpu"))
        {
            var range = new Range((int)entry.Begin, (int)entry.End);
            Assert.True(dataA[range].SequenceEqual(dataB[range]), $"tensor '{entry.Name}' differs after kill -9 and --resume");
        }
    }
}
