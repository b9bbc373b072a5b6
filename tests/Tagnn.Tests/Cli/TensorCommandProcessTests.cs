using Tagnn.Model.Variants;
using Tagnn.Tests.Support;
using Tagnn.Training;

namespace Tagnn.Tests.Cli;

/// <summary>
/// Every command that touches tensors, run as its own process on tiny data (issue 9, item 1: <c>tagnn export</c> died
/// with DllNotFoundException 'LibTorchSharp' outside the test process, because in-process tests had loaded the native
/// runtime for it). A new tensor command gets one row in <see cref="Commands"/>.
/// </summary>
[Collection(CliRunFixture.Collection)]
public sealed class TensorCommandProcessTests(CliRunFixture fixture)
{
    private static readonly string[] TinyBench =
        ["--items", "40", "--batch", "6", "--dim", "8", "--length", "5", "--min-length", "2", "--steps", "2", "--warmup", "1", "--threads", "1"];

    private static string[] TinyBaseline(string model) => CliRunFixture.TinyTrain("{data}", "--model", model, "--run", "{out}/run");

    /// <summary>
    /// One row per command: a name, its arguments ({data}: the tiny prepared folder, {pickles}: its SR-GNN pickles,
    /// {run}: the fixture's run folder, {weights}: that run exported by <c>tagnn export</c>, {out}: a fresh folder for
    /// this row, {tests}: this test assembly, which provides variants), what its output must say, and the file it must
    /// write (relative to {out}; "" when it writes none).
    /// </summary>
    public static TheoryData<string, string[], string, string> Commands => new()
    {
        { "info", ["info"], "ok: [[1,2],[3,4]] @ [[1],[1]] = [3, 7]", "" },
        { "evaluate", ["evaluate", "--run", "{run}", "--no-sknn", "--threads", "1"], "P@20", "" },
        { "evaluate --weights", ["evaluate", "--weights", "{weights}", "--data", "{data}", "--hidden", "8", "--no-sknn"], "P@20", "" },
        { "recommend", ["recommend", "--run", "{run}", "--session", "i3 i4", "-k", "3"], "target attention", "" },
        { "export", ["export", "--run", "{run}", "--output", "{out}/w.safetensors"], "reference names", "w.safetensors" },
        { "convert tsv->pickle", ["convert", "--from", "tsv", "--to", "pickle", "--input", "{data}", "--output", "{out}/srgnn"], "pickle protocol 2", "srgnn/train.txt" },
        { "convert pickle->tsv", ["convert", "--from", "pickle", "--to", "tsv", "--input", "{pickles}", "--output", "{out}/tsv"], "30 items", "tsv/train.tsv" },
        { "bench train-step", ["bench", "train-step", .. TinyBench], "\"bench\":\"train-step\"", "" },
        { "bench eval", ["bench", "eval", .. TinyBench], "\"bench\":\"eval\"", "" },
        { "bench train-step --scorer generic", ["bench", "train-step", "--scorer", "generic", "--chunk-items", "7", .. TinyBench], "\"scorer\":\"generic\"", "" },
        { "bench gemm", ["bench", "gemm", "--size", "32", "--rows", "12", "--items", "50", "--dim", "8", "--repeats", "2", "--threads", "1"], "gflops", "" },
        { "bench batches", ["bench", "batches", "--examples", "200", "--items", "40", "--batches", "3", "--threads", "1", "--step", "tagnn"], "batches", "" },
        { "bench baselines", ["bench", "baselines", "--data", "{data}", "--models", "pop,sknn", "--threads", "1"], "\"bench\":\"baselines\"", "" },
        { "train --variant", ["train", "--data", "{data}", "--variant", "{tests}:Tagnn.Tests.Support.RecencyVariant", "--hidden", "8",
            "--epochs", "1", "--no-sknn", "--threads", "1", "--run", "{out}/run"], "TAGNN+recency: P@20", "run/checkpoints/best.safetensors" },
        { "table1", ["table1", "--data", "{data}", "--models", "pop,sknn,srgnn", "--epochs", "1", "--output", "{out}/t1"], "table1.csv", "t1/table1.csv" },
        // The neural baselines (docs/BASELINES.md): training in their own process, and both benches.
        { "train --model gru4rec", [.. TinyBaseline("gru4rec")], "GRU4Rec: P@20", "run/checkpoints/best.safetensors" },
        { "train --model narm", [.. TinyBaseline("narm")], "NARM: P@20", "run/checkpoints/best.safetensors" },
        { "train --model stamp", [.. TinyBaseline("stamp")], "STAMP: P@20", "run/checkpoints/best.safetensors" },
        { "train --model bprmf", [.. TinyBaseline("bprmf")], "BPR-MF: P@20", "run/checkpoints/best.safetensors" },
        { "train --model fpmc", [.. TinyBaseline("fpmc")], "FPMC: P@20", "run/checkpoints/best.safetensors" },
        { "bench train-step --model fpmc", ["bench", "train-step", "--model", "fpmc", "--sessions", "30", .. TinyBench], "\"model\":\"fpmc\"", "" },
        { "bench eval --model narm", ["bench", "eval", "--model", "narm", .. TinyBench], "\"model\":\"narm\"", "" },
    };

    [Fact]
    public void Train_writes_a_run_folder_with_a_checkpoint()
    {
        fixture.Train.ExitsWith(0).Says("TAGNN: P@20", "POP: P@20");
        Assert.True(File.Exists(Path.Combine(fixture.Run, "checkpoints", "best.safetensors")), fixture.Train.ToString());
        Assert.Equal(1, RunFolder.Open(fixture.Run).ReadSummary()!.EpochsTrained);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Runs_in_a_fresh_process(string name, string[] args, string expected, string writes)
    {
        fixture.Train.ExitsWith(0);
        var output = fixture.Scratch(name.Replace(' ', '-').Replace('>', '-'));
        var resolved = args.Select(a => a switch
        {
            "{weights}" => fixture.Weights,
            _ => a.Replace("{tests}", TestAssembly).Replace("{data}", fixture.Data).Replace("{pickles}", fixture.Pickles).Replace("{run}", fixture.Run).Replace("{out}", output),
        }).ToArray();

        var result = CliProcess.Run(output, resolved).ExitsWith(0).Says(expected);

        if (writes.Length > 0) Assert.True(File.Exists(Path.Combine(output, writes)), $"{name} did not write {writes}.\n{result}");
    }

    private static string TestAssembly => typeof(RecencyVariant).Assembly.Location;

    [Fact]
    public void A_variant_from_a_class_library_resumes_and_evaluates_in_fresh_processes_and_bad_references_fail_cleanly()
    {
        var output = fixture.Scratch("variant-resume");
        var run = Path.Combine(output, "run");
        CliProcess.Run(output, "train", "--data", fixture.Data, "--variant", $"{TestAssembly}:{typeof(RecencyVariant).FullName}", "--hidden", "8",
            "--epochs", "1", "--no-sknn", "--threads", "1", "--run", run).ExitsWith(0).Says("variant TAGNN+recency from", "TAGNN+recency: P@20");
        var recorded = Assert.IsType<VariantSpec>(RunFolder.Open(run).ReadConfig().Model);
        Assert.Equal($"{TestAssembly}:{typeof(RecencyVariant).FullName}", recorded.Provider);
        Assert.Equal(RecencyVariant.PartName, recorded.Parts.Single().Name);

        // A new process knows nothing of the part: the recorded class library is loaded again.
        CliProcess.Run(output, "train", "--resume", run, "--epochs", "2", "--no-sknn", "--threads", "1")
            .ExitsWith(0).Says("variant TAGNN+recency loaded from", "TAGNN+recency: P@20");
        Assert.Equal(2, RunFolder.Open(run).ReadSummary()!.EpochsTrained);
        CliProcess.Run(output, "evaluate", "--run", run, "--no-sknn", "--threads", "1").ExitsWith(0).Says("TAGNN+recency: variant of TAGNN", "P@20");

        CliProcess.Run(output, "train", "--data", fixture.Data, "--variant", $"{TestAssembly}:No.Such.Type", "--epochs", "1", "--no-sknn")
            .FailsCleanly("has no type No.Such.Type", typeof(RecencyVariant).FullName!);
        CliProcess.Run(output, "train", "--data", fixture.Data, "--variant", $"{TestAssembly}:{typeof(NotAVariant).FullName}", "--epochs", "1", "--no-sknn")
            .FailsCleanly("does not implement Tagnn.Model.Variants.IVariantProvider");
        CliProcess.Run(output, "train", "--data", fixture.Data, "--variant", "/no/such/Variants.dll:A.B", "--epochs", "1", "--no-sknn")
            .FailsCleanly("no assembly at /no/such/Variants.dll");
        Assert.False(Directory.Exists(Path.Combine(output, "runs")), "a refused variant leaves no run folder");
    }

    [Fact]
    public void Only_the_data_and_notebook_commands_skip_the_native_runtime()
    {
        // The interceptor loads libtorch for every command whose settings are not marked tensor-free: marking a command
        // that uses tensors would bring the DllNotFoundException back, so the list is pinned here.
        var marked = typeof(Tagnn.Cli.TagnnApp).Assembly.GetTypes()
            .Where(t => typeof(Tagnn.Cli.Runtime.ITensorFreeSettings).IsAssignableFrom(t) && !t.IsInterface)
            .Select(t => t.DeclaringType!.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["ConvertCommand", "FetchCommand", "NotebooksRunCommand", "PreprocessCommand", "SynthCommand"], marked);
    }
}
