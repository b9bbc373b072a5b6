namespace Tagnn.Cli.Runtime;

/// <summary>TorchSharp's native runtime could not be loaded for a command that needs it; the message says what was
/// searched and how to fix it. The program prints it as one error and exits with code 1.</summary>
public sealed class NativeRuntimeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NativeRuntimeException(string message, Exception inner) : base(message, inner)
    {
    }
}
