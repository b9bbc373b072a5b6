namespace Tagnn.Data;

/// <summary>A download that failed; <see cref="Unreachable"/> tells a network failure (offline, refused, timed out)
/// from an answer the server gave.</summary>
public sealed class DownloadException(string message, bool unreachable, Exception? inner = null) : IOException(message, inner)
{
    /// <summary>True when no server answered (offline, DNS failure, connection refused, time-out).</summary>
    public bool Unreachable { get; } = unreachable;
}
