using Tagnn.Tests.Support;

namespace Tagnn.Tests.Runtime;

/// <summary>
/// A host without a deps.json (like a notebook kernel) on a machine whose loader path holds other files named like
/// libtorch's (Debian's python3-torch installs libtorch 1.13 in /usr/lib). TorchSharp's by-name probes must still
/// bind to the pinned package's files.
/// </summary>
public sealed class DistroLibTorchTests
{
    [Fact]
    public void A_host_without_deps_json_ignores_foreign_libtorch_files_on_the_loader_path()
    {
        var cliBin = typeof(Tagnn.Cli.TagnnApp).Assembly.Location is { } cliDll ? System.IO.Path.GetDirectoryName(cliDll)! : throw new InvalidOperationException();
        var work = Directory.CreateTempSubdirectory("tagnn-decoy-");
        try
        {
            // An app folder with the CLI's assemblies but no deps.json: the host then loads app-local assemblies only.
            var app = Directory.CreateDirectory(System.IO.Path.Combine(work.FullName, "app")).FullName;
            foreach (var file in Directory.GetFiles(cliBin, "*.dll").Append(System.IO.Path.Combine(cliBin, "Tagnn.Cli.runtimeconfig.json")))
                File.Copy(file, System.IO.Path.Combine(app, System.IO.Path.GetFileName(file)));
            Assert.Empty(Directory.GetFiles(app, "*.deps.json"));

            // Foreign "libtorch" files first on the loader path: valid shared objects without torch's symbols.
            var decoys = Directory.CreateDirectory(System.IO.Path.Combine(work.FullName, "decoys")).FullName;
            var foreign = new[] { "/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/x86_64-linux-gnu/libz.so.1" }.First(File.Exists);
            foreach (var name in new[] { "libtorch_cpu.so", "libtorch.so", "libc10.so", "libLibTorchSharp.so" })
                File.Copy(foreign, System.IO.Path.Combine(decoys, name));

            var (exit, output) = Repo.Run("dotnet", [System.IO.Path.Combine(app, "Tagnn.Cli.dll"), "info"],
                environment: new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = decoys, ["COLUMNS"] = "200" });

            Assert.True(exit == 0, output);
            Assert.Contains("self-check", output);
            Assert.Contains("ok: [[1,2],[3,4]]", output);
            Assert.DoesNotContain(decoys, output);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
