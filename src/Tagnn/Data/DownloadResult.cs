namespace Tagnn.Data;

/// <summary>What a finished download produced.</summary>
/// <param name="Path">The final file.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Sha256">Its SHA-256, lower-case hex.</param>
/// <param name="Requests">HTTP requests made (more than one when it resumed).</param>
public sealed record DownloadResult(string Path, long Bytes, string Sha256, int Requests);
