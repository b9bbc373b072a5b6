namespace Tagnn.Data;

/// <summary>One place a real click log can be downloaded from.</summary>
/// <param name="Url">The address (http or https).</param>
/// <param name="Archive">"none" (the file itself), "zip", "7z" or "gz".</param>
/// <param name="Member">For an archive: the path of the click log inside it.</param>
/// <param name="Size">The exact size in bytes of what is downloaded, when known; checked.</param>
/// <param name="Sha256">The SHA-256 (hex) of what is downloaded, when known; checked.</param>
/// <param name="Note">Where the address comes from and how sure we are of it.</param>
public sealed record DatasetDownload(string Url, string Archive, string? Member, long? Size, string? Sha256, string? Note);
