using Tagnn.Tests.Support;

namespace Tagnn.Tests.Model;

/// <summary>
/// The static half of "no host read inside a training step": meta proves it for the code a step actually runs on the
/// cases above; this scan covers every line of the model code (<c>src/Tagnn/Model/**</c>, the neural baselines and
/// variants included when they land there) and of the step itself (<c>TrainingStep</c>, <c>AdamOptimizer</c>),
/// including branches the cases do not take. A host-side use that is right by design goes on the allow-list, with
/// the reason.
/// </summary>
public sealed partial class MetaDeviceTests
{
    /// <summary>(file, member, API) -> why a host read there is right. Every entry must still match a use.</summary>
    private static readonly Dictionary<(string File, string Member, string Api), string> AllowedHostReads = new()
    {
        [("Model/Scoring/TensorPointer.cs", "TensorPointer.Of", "Tensor.bytes")] =
            "the CPU scorer kernel's pointer into CPU tensors; it throws for any other device, and " +
            "FusedScorerOptions.KernelFor picks the tensor kernel off the CPU",
        [("Model/Scoring/TargetScorePlan.cs", "TargetScorePlan.Copy", "Tensor.cpu")] =
            "a scorer input without host copies (TargetScorerInput.Host = null, e.g. a direct call in a notebook); " +
            "SessionModel always passes the host copies (HostInputTests), and the meta cases above would throw here",
        [("Model/Scoring/TargetScorePlan.cs", "TargetScorePlan.Copy", "Tensor.data")] = "as Tensor.cpu above",
        [("Model/Scoring/TargetScorePlan.cs", "TargetScorePlan.Copy", "TensorAccessor.ToArray")] = "as Tensor.cpu above",
    };

    private static readonly string[] StepFiles = ["Training/TrainingStep.cs", "Training/AdamOptimizer.cs"];

    [Fact]
    public void No_model_or_training_step_code_reads_tensor_data_on_the_host()
    {
        var library = Repo.Path("src", "Tagnn");
        var sources = Directory.GetFiles(library, "*.cs", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(library, p).Replace('\\', '/'))
            .Where(p => !p.StartsWith("obj/", StringComparison.Ordinal) && !p.StartsWith("bin/", StringComparison.Ordinal))
            .Select(p => (Path: p, Text: File.ReadAllText(Path.Combine(library, p))))
            .ToList();
        bool Scanned(string path) => path.StartsWith("Model/", StringComparison.Ordinal) || StepFiles.Contains(path);
        Assert.Contains(sources, s => s.Path == "Model/SessionModel.cs");
        Assert.All(StepFiles, f => Assert.Contains(sources, s => s.Path == f));

        var findings = HostReadScanner.Scan(sources, Scanned, out var errors);

        Assert.True(errors.Count == 0, "The scan binds the library's source; it did not compile:\n" + string.Join("\n", errors.Take(10)));
        var unexplained = findings.Where(f => !AllowedHostReads.ContainsKey((f.File, f.Member, f.Api))).ToList();
        Assert.True(unexplained.Count == 0,
            "Host reads of tensor data in model or training-step code (a training step must not read device memory: take " +
            "per-batch constants from the batch's host arrays, sample on the host; a use that is host-side by design goes " +
            "on MetaDeviceTests.AllowedHostReads with its reason):\n  " + string.Join("\n  ", unexplained));
        var stale = AllowedHostReads.Keys.Where(k => !findings.Any(f => (f.File, f.Member, f.Api) == k)).ToList();
        Assert.True(stale.Count == 0, "Allow-list entries that match no use any more (remove them): " + string.Join(", ", stale));
    }

    [Fact]
    public void The_host_read_scan_finds_every_kind_of_read_and_nothing_else()
    {
        const string code = """
            using TorchSharp;
            using static TorchSharp.torch;
            namespace Probe;
            internal static class Reads
            {
                public static void Step(Tensor t, List<int> list)
                {
                    var a = t.item<float>();
                    var b = t.data<long>().ToArray();
                    var c = t.ToSingle();
                    var d = (double)t;
                    var e = t.cpu();
                    var f = t.bytes.Length;
                    var g = t.allclose(t);
                    var h = t.str();
                    var fine = list.ToArray();
                    var shape = t.shape;
                    var sum = t.sum().to(ScalarType.Float64);
                }
            }
            """;
        var findings = HostReadScanner.Scan([("Probe.cs", code)], _ => true, out var errors);
        Assert.Empty(errors);
        Assert.All(findings, f => Assert.Equal("Reads.Step", f.Member));
        Assert.Equal(
            [(8, "Tensor.item"), (9, "Tensor.data"), (9, "TensorAccessor.ToArray"), (10, "TensorExtensionMethods.ToSingle"),
             (11, "Tensor.op_Explicit"), (12, "Tensor.cpu"), (13, "Tensor.bytes"), (14, "Tensor.allclose"), (15, "TensorExtensionMethods.str")],
            findings.Select(f => (f.Line, f.Api)).Order());
    }
}
