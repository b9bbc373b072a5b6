namespace Tagnn.Cli.Runtime;

/// <summary>
/// Marks the settings of a command that never touches a tensor (preprocess, convert, data synth, data fetch, notebooks
/// run): <see cref="TorchRuntimeInterceptor"/> does not load libtorch for it, which saves about half a second. Every
/// other command gets the runtime before it runs, so a new command that forgets this marker is only slower, never broken.
/// </summary>
public interface ITensorFreeSettings;
