using Tagnn.IO;

namespace Tagnn.Tests.Cli;

/// <summary>Checkpoints whose bytes changed after they were written are refused, as a user meets them: in a fresh
/// <c>tagnn</c> process (issue 9, item 4: flipped bytes in <c>model.embedding.weight</c> gave worse metrics with exit 0).</summary>
[Collection(CliRunFixture.Collection)]
public sealed class DamagedFilesProcessTests(CliRunFixture fixture)
{
    [Fact]
    public void Evaluate_refuses_a_checkpoint_with_flipped_bytes_and_names_the_file_and_the_tensor()
    {
        fixture.Train.ExitsWith(0);
        var run = CopyRun(fixture.Run, fixture.Scratch("flipped"));
        var best = Path.Combine(run, "checkpoints", "best.safetensors");
        var header = Safetensors.ReadHeader(best);
        var embedding = header.Entries.Single(e => e.Name == "model.embedding.weight");
        var bytes = File.ReadAllBytes(best);
        for (var i = 0; i < 50; i++) bytes[header.DataStart + embedding.Begin + 7 * i] ^= 0x5a; // 50 bytes inside the tensor
        File.WriteAllBytes(best, bytes);

        CliProcess.Run(run, "evaluate", "--run", run, "--no-sknn")
            .FailsCleanly(best, "tensor 'model.embedding.weight' is damaged");
        CliProcess.Run(run, "evaluate", "--run", run, "--checkpoint", "last", "--no-sknn").ExitsWith(0).DoesNotSay("note:");
    }

    [Fact]
    public void Weights_without_checksums_load_with_a_note_saying_so()
    {
        // As the authors' code writes them: the same tensors, no checksums in the metadata.
        var plain = Path.Combine(fixture.Scratch("plain"), "plain.safetensors");
        using (var scope = TorchSharp.torch.NewDisposeScope())
            Safetensors.Save(plain, Safetensors.Load(fixture.Weights));
        Assert.True(Safetensors.ReadHeader(fixture.Weights).HasChecksums); // tagnn export writes them

        CliProcess.Run(fixture.Scratch("plain"), "evaluate", "--weights", plain, "--data", fixture.Data, "--hidden", "8", "--no-sknn")
            .ExitsWith(0).Says($"note: {plain} carries no checksums", "P@20");
    }

    internal static string CopyRun(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }
}
