namespace Tagnn.Runtime;

/// <summary>What <see cref="TorchRuntime"/> loaded.</summary>
/// <param name="TorchSharpVersion">Version of the managed TorchSharp assembly.</param>
/// <param name="LibTorchVersion">Version of the libtorch package the build referenced.</param>
/// <param name="LibTorchDirectory">Folder the libtorch libraries were loaded from.</param>
/// <param name="BridgePath">The LibTorchSharp bridge library that was loaded (the patched copy if one was needed).</param>
/// <param name="PatchedForOldLibStdCxx">Whether the GLIBCXX_3.4.32 requirement had to be weakened.</param>
/// <param name="Trace">Every file loaded, in order.</param>
public sealed record TorchRuntimeInfo(
    string TorchSharpVersion,
    string LibTorchVersion,
    string LibTorchDirectory,
    string BridgePath,
    bool PatchedForOldLibStdCxx,
    string Trace);
