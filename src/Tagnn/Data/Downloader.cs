using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Tagnn.Data;

/// <summary>
/// Downloads one file with resume and verification. Bytes go to <c>FILE.part</c>; a dropped connection is resumed
/// with an HTTP Range request (a server that ignores the range restarts from zero); when the body is complete its
/// size and SHA-256 are checked against what is expected, and only then is <c>FILE.part</c> renamed to <c>FILE</c>.
/// A file that fails a check is deleted; a partial file is never left under the final name.
/// </summary>
public sealed class Downloader(HttpClient http, int maxAttempts = 5)
{
    /// <summary>Called now and then with (bytes so far, total when known).</summary>
    public Action<long, long?>? Progress { get; init; }

    /// <summary>Downloads <paramref name="url"/> to <paramref name="path"/>.</summary>
    /// <param name="url">The address.</param>
    /// <param name="path">The final file (must not exist).</param>
    /// <param name="expectedSize">The exact size, when known.</param>
    /// <param name="expectedSha256">The SHA-256 (hex), when known.</param>
    /// <param name="cancellationToken">Cancels; the .part file stays for a later resume.</param>
    public async Task<DownloadResult> DownloadAsync(Uri url, string path, long? expectedSize = null, string? expectedSha256 = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var part = path + ".part";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var requests = 0;
        long? total = expectedSize;
        Exception? lastFailure = null;
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            var have = File.Exists(part) ? new FileInfo(part).Length : 0;
            if (total is not null && have == total) break; // complete from an earlier run
            if (total is not null && have > total)
            {
                File.Delete(part); // longer than the file: not ours to resume
                have = 0;
            }
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (have > 0) request.Headers.Range = new RangeHeaderValue(have, null);
            requests++;
            using (var response = await SendAsync(request, cancellationToken))
            {
                if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && have > 0)
                {
                    var size = response.Content.Headers.ContentRange?.Length;
                    if (size == have) { total = have; break; } // we already have every byte
                    File.Delete(part);
                    continue;
                }
                if (!response.IsSuccessStatusCode) throw Refused(url, response);
                var append = have > 0 && response.StatusCode == HttpStatusCode.PartialContent;
                if (append && response.Content.Headers.ContentRange?.From != have)
                    throw new DownloadException($"{url}: asked for bytes from {have}, the server sent a range from {response.Content.Headers.ContentRange?.From}.", false);
                if (!append) have = 0; // a 200 answer to a range request: the server restarts from the beginning
                var bodyLength = response.Content.Headers.ContentLength;
                var announced = append ? response.Content.Headers.ContentRange?.Length ?? (have + bodyLength) : bodyLength;
                if (announced is not null)
                {
                    if (expectedSize is not null && announced != expectedSize)
                        throw new DownloadException($"{url}: the server announces {announced:N0} bytes, expected {expectedSize:N0}. Not downloading.", false);
                    total = announced;
                }
                try
                {
                    await CopyBodyAsync(response, part, append, have, total, cancellationToken);
                }
                catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
                {
                    lastFailure = e; // dropped connection: resume with the next attempt
                    continue;
                }
                var length = new FileInfo(part).Length;
                if (total is null || length == total) { total = length; break; }
                lastFailure = new IOException($"the connection closed after {length:N0} of {total:N0} bytes");
            }
        }
        var got = File.Exists(part) ? new FileInfo(part).Length : 0;
        if (total is null || got != total)
        {
            throw new DownloadException($"{url}: gave up after {maxAttempts} attempts with {got:N0} of {(total is null ? "?" : total.Value.ToString("N0"))} bytes " +
                $"({lastFailure?.Message}). Run the command again to resume from {Path.GetFileName(part)}.", unreachable: false, lastFailure);
        }
        var sha = await VerifyAsync(url, part, got, expectedSize, expectedSha256, cancellationToken);
        File.Move(part, path, overwrite: false);
        return new DownloadResult(Path.GetFullPath(path), got, sha, requests);
    }

    /// <summary>Sends <paramref name="request"/>; no answer at all (offline, refused, timed out) is an unreachable
    /// <see cref="DownloadException"/>.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e) when (e.StatusCode is null)
        {
            throw new DownloadException($"{request.RequestUri}: no answer ({e.Message}). Are you offline?", unreachable: true, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DownloadException($"{request.RequestUri}: timed out waiting for an answer.", unreachable: true, e);
        }
    }

    private static DownloadException Refused(Uri url, HttpResponseMessage response) =>
        new($"{url}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}" +
            (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized or HttpStatusCode.NotFound
                ? " (the file is gone or needs a login)." : "."), unreachable: false);

    /// <summary>Streams the body into <paramref name="part"/> (appended after <paramref name="have"/> bytes, or from
    /// the start), reporting progress; a dropped connection surfaces as <see cref="IOException"/> or
    /// <see cref="HttpRequestException"/>.</summary>
    private async Task CopyBodyAsync(HttpResponseMessage response, string part, bool append, long have, long? total,
        CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var file = new FileStream(part, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var buffer = new byte[1 << 16];
        int read;
        var done = have;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            done += read;
            Progress?.Invoke(done, total);
        }
    }

    /// <summary>Checks the complete <paramref name="part"/> against the expected size and SHA-256 (deleting it on a
    /// mismatch) and returns its SHA-256.</summary>
    private static async Task<string> VerifyAsync(Uri url, string part, long got, long? expectedSize, string? expectedSha256,
        CancellationToken cancellationToken)
    {
        if (expectedSize is not null && got != expectedSize)
        {
            File.Delete(part);
            throw new DownloadException($"{url}: got {got:N0} bytes, expected {expectedSize:N0}; the file was deleted.", false);
        }
        var sha = await Sha256Async(part, cancellationToken);
        if (expectedSha256 is not null && !sha.Equals(expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(part);
            throw new DownloadException($"{url}: SHA-256 mismatch: expected {expectedSha256.ToLowerInvariant()}, got {sha}; the file was deleted " +
                "(a corrupted or different file).", false);
        }
        return sha;
    }

    /// <summary>The SHA-256 of a file, lower-case hex.</summary>
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
