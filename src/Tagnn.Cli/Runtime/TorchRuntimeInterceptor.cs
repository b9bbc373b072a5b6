using Spectre.Console.Cli;
using Tagnn.Runtime;

namespace Tagnn.Cli.Runtime;

/// <summary>
/// The one place where commands get TorchSharp's native runtime: before any command runs, it calls
/// <see cref="TorchRuntime.EnsureLoaded"/> unless the command's settings are <see cref="ITensorFreeSettings"/>.
/// Without it a command that uses a tensor before anything else has loaded the runtime dies with an unhandled
/// <see cref="DllNotFoundException"/> ('LibTorchSharp'), since this repository never copies the native files next to
/// the program (see <see cref="TorchRuntime"/>).
/// </summary>
/// <remarks>Spectre calls interceptors before it validates the settings; settings that fail validation are left to
/// Spectre's usage error, so a mistyped option stays instant (loading libtorch takes about half a second).</remarks>
internal sealed class TorchRuntimeInterceptor : ICommandInterceptor
{
    /// <inheritdoc />
    public void Intercept(CommandContext context, CommandSettings settings)
    {
        if (settings is ITensorFreeSettings || !settings.Validate().Successful) return;
        try
        {
            TorchRuntime.EnsureLoaded();
        }
        catch (InvalidOperationException e)
        {
            throw new NativeRuntimeException(e.Message, e);
        }
    }
}
