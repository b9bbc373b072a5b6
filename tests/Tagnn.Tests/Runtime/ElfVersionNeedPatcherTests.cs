using System.Reflection;
using Tagnn.Runtime;

namespace Tagnn.Tests.Runtime;

public sealed class ElfVersionNeedPatcherTests
{
    private static string BridgeLibrary()
    {
        var version = typeof(TorchRuntime).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "Tagnn.TorchSharpVersion").Value!;
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Path.Combine(root, "torchsharp", version, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
    }

    [Fact]
    public void The_bridge_needs_GLIBCXX_3_4_32_only_for_the_ios_base_marker()
    {
        var needs = ElfVersionNeedPatcher.ReadVersionNeeds(File.ReadAllBytes(BridgeLibrary()));
        var need = Assert.Single(needs, n => n.Version == TorchRuntime.MissingGlibcxxVersion);
        Assert.Equal("libstdc++.so.6", need.Library);
        Assert.False(need.IsWeak);
        Assert.Equal(["_ZSt21ios_base_library_initv"], need.Symbols);
        Assert.Contains(needs, n => n.Version == "GLIBC_2.2.5" && n.Library == "libc.so.6");
    }

    [Fact]
    public void Marking_weak_changes_only_that_flag()
    {
        var original = File.ReadAllBytes(BridgeLibrary());
        var patched = ElfVersionNeedPatcher.MarkWeak(original, TorchRuntime.MissingGlibcxxVersion, TorchRuntime.MarkerSymbols);

        var differing = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToList();
        Assert.Single(differing); // one byte: the low byte of vna_flags
        Assert.Equal(original[differing[0]] | 0x2, patched[differing[0]]);
        var after = ElfVersionNeedPatcher.ReadVersionNeeds(patched);
        Assert.True(after.Single(n => n.Version == TorchRuntime.MissingGlibcxxVersion).IsWeak);
        Assert.All(after.Where(n => n.Version != TorchRuntime.MissingGlibcxxVersion), n => Assert.False(n.IsWeak));

        // Idempotent: patching the patched file gives the same bytes.
        Assert.Equal(patched, ElfVersionNeedPatcher.MarkWeak(patched, TorchRuntime.MissingGlibcxxVersion, TorchRuntime.MarkerSymbols));
    }

    [Fact]
    public void Refuses_when_a_real_symbol_is_bound_to_the_version()
    {
        var original = File.ReadAllBytes(BridgeLibrary());
        var e = Assert.Throws<InvalidDataException>(() =>
            ElfVersionNeedPatcher.MarkWeak(original, TorchRuntime.MissingGlibcxxVersion, new HashSet<string>()));
        Assert.Contains("_ZSt21ios_base_library_initv", e.Message);
    }

    [Fact]
    public void Refuses_a_version_the_file_does_not_need_and_non_elf_input()
    {
        var original = File.ReadAllBytes(BridgeLibrary());
        Assert.Throws<InvalidDataException>(() =>
            ElfVersionNeedPatcher.MarkWeak(original, "GLIBCXX_9.9.9", TorchRuntime.MarkerSymbols));
        Assert.Throws<InvalidDataException>(() =>
            ElfVersionNeedPatcher.ReadVersionNeeds("not an elf file, just text padded to 64 bytes ........"u8.ToArray()));
    }

    [Fact]
    public void The_patch_is_applied_exactly_when_the_system_libstdcxx_lacks_the_version()
    {
        var info = TorchRuntime.EnsureLoaded();
        var systemHasIt = new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6" }
            .Where(File.Exists)
            .Select(p => System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(p)).Contains(TorchRuntime.MissingGlibcxxVersion + "\0"))
            .First();
        Assert.Equal(!systemHasIt, info.PatchedForOldLibStdCxx);
        if (info.PatchedForOldLibStdCxx)
        {
            // The patched copy lives in the user's cache, never beside the NuGet original.
            Assert.DoesNotContain(".nuget", info.BridgePath);
            Assert.True(ElfVersionNeedPatcher.ReadVersionNeeds(File.ReadAllBytes(info.BridgePath))
                .Single(n => n.Version == TorchRuntime.MissingGlibcxxVersion).IsWeak);
        }
    }
}
