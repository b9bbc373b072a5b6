using System.IO.Compression;
using SharpCompress.Archives;

namespace Tagnn.Data;

/// <summary>
/// Gets a real click log as <c>data/sources.json</c> describes it: checks a file already in place, or downloads it
/// (resuming, verifying, never leaving a partial file under a final name), extracts the click log from the archive
/// through a <c>.part</c> file, checks its row count, and renames it into place. When no direct address may be used
/// or none answers, it says so and leaves the manual steps to the user.
/// </summary>
public sealed class DatasetFetcher(HttpClient http)
{
    /// <summary>Download progress (bytes, total when known).</summary>
    public Action<long, long?>? Progress { get; init; }

    /// <summary>Attempts per address (resumes after dropped connections).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Fetches <paramref name="source"/> into <paramref name="folder"/>.</summary>
    /// <exception cref="DownloadException">A server answered but the download failed its checks, or gave up.</exception>
    /// <exception cref="InvalidDataException">The file is there (or was extracted) but is not the genuine one.</exception>
    public async Task<FetchOutcome> FetchAsync(DatasetSource source, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var target = Path.GetFullPath(Path.Combine(folder, source.File));
        var messages = new List<string>();
        if (File.Exists(target))
        {
            Verify(source, target);
            messages.Add($"{target} is already there and has the expected {Rows(source)}.");
            return new FetchOutcome(FetchStatus.AlreadyPresent, target, messages);
        }
        if (source.Downloads.Count == 0)
        {
            messages.Add($"{source.Title}: there is no direct download that this tool may use (see the terms); get it by hand.");
            return new FetchOutcome(FetchStatus.ManualStepsNeeded, target, messages);
        }
        Directory.CreateDirectory(folder);
        foreach (var d in source.Downloads)
        {
            var url = new Uri(d.Url);
            var name = Path.GetFileName(url.LocalPath);
            // A plain file is downloaded under a temporary name and checked before it takes the final name.
            var downloaded = Path.Combine(folder, d.Archive == "none" ? source.File + ".download" : name);
            try
            {
                if (!File.Exists(downloaded))
                {
                    var result = await new Downloader(http, MaxAttempts) { Progress = Progress }
                        .DownloadAsync(url, downloaded, d.Size, d.Sha256, cancellationToken);
                    messages.Add($"downloaded {url} ({result.Bytes:N0} bytes, {result.Requests} request(s)); SHA-256 {result.Sha256}" +
                        (d.Sha256 is null ? " (no checksum is recorded in data/sources.json to compare with)." : " (matches)."));
                }
                else
                {
                    messages.Add($"using the archive already downloaded: {downloaded}");
                }
            }
            catch (DownloadException e) when (e.Unreachable || e.Message.Contains("the server answered", StringComparison.Ordinal))
            {
                messages.Add(e.Message);
                continue; // next address, or the manual steps
            }
            Extract(downloaded, d, source, target, cancellationToken);
            messages.Add($"{target}: {Rows(source)}, as expected.");
            return new FetchOutcome(FetchStatus.Downloaded, target, messages);
        }
        return new FetchOutcome(FetchStatus.ManualStepsNeeded, target, messages);
    }

    private static string Rows(DatasetSource s) => s.Rows is null ? "content" : $"{s.Rows:N0} data rows";

    /// <summary>Copies the click log out of the archive into <c>target.part</c>, checks it, then renames it; a plain
    /// download is checked and renamed.</summary>
    private static void Extract(string archive, DatasetDownload d, DatasetSource source, string target, CancellationToken cancellationToken)
    {
        if (d.Archive == "none")
        {
            try
            {
                Verify(source, archive);
            }
            catch (InvalidDataException)
            {
                File.Delete(archive);
                throw;
            }
            File.Move(archive, target, overwrite: false);
            return;
        }
        var part = target + ".part";
        try
        {
            using (var output = new FileStream(part, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                switch (d.Archive)
                {
                    case "gz":
                        using (var gz = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress))
                            gz.CopyTo(output);
                        break;
                    case "zip":
                        using (var zip = ZipFile.OpenRead(archive))
                        {
                            var entry = zip.Entries.FirstOrDefault(e => e.FullName == d.Member || e.FullName.EndsWith("/" + d.Member, StringComparison.Ordinal))
                                ?? throw new InvalidDataException($"{archive}: no member '{d.Member}' (it has: {string.Join(", ", zip.Entries.Take(10).Select(e => e.FullName))}).");
                            using var stream = entry.Open();
                            stream.CopyTo(output);
                        }
                        break;
                    case "7z":
                        using (var sevenZip = ArchiveFactory.OpenArchive(archive, new SharpCompress.Readers.ReaderOptions()))
                        {
                            var entry = sevenZip.Entries.FirstOrDefault(e => e.Key == d.Member || (e.Key?.EndsWith("/" + d.Member, StringComparison.Ordinal) ?? false))
                                ?? throw new InvalidDataException($"{archive}: no member '{d.Member}'.");
                            using var stream = entry.OpenEntryStream();
                            stream.CopyTo(output);
                        }
                        break;
                }
                output.Flush(flushToDisk: true);
            }
            cancellationToken.ThrowIfCancellationRequested();
            Verify(source, part);
            File.Move(part, target, overwrite: false);
        }
        finally
        {
            if (File.Exists(part)) File.Delete(part);
        }
    }

    /// <summary>Checks a click log in place: its header (when the source has one) and its number of data rows.</summary>
    /// <exception cref="InvalidDataException">It differs from the genuine file.</exception>
    public static void Verify(DatasetSource source, string path)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var buffer = new byte[1 << 16];
        long lines = 0;
        int read, last = -1;
        var first = new List<byte>();
        var inFirst = true;
        while ((read = stream.Read(buffer)) > 0)
        {
            var span = buffer.AsSpan(0, read);
            if (inFirst)
            {
                var nl = span.IndexOf((byte)'\n');
                first.AddRange((nl < 0 ? span : span[..nl]).ToArray());
                inFirst = nl < 0;
            }
            lines += span.Count((byte)'\n');
            last = span[^1];
        }
        if (last != '\n' && last != -1) lines++; // a last line without newline
        var header = System.Text.Encoding.UTF8.GetString([.. first]).TrimEnd('\r').TrimStart('\uFEFF');
        static string Normal(string h) => h.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant(); // session_id = sessionId
        if (source.Header is not null && Normal(header) != Normal(source.Header))
            throw new InvalidDataException($"{path}: the first line is '{header}', expected the header '{source.Header}'. Is it the right file?");
        // A header-less layout may carry the header line that SR-GNN's script needs (session_id,timestamp,...).
        var hasHeaderLine = source.Header is not null || (header.Length > 0 && !char.IsAsciiDigit(header[0]));
        var rows = lines - (hasHeaderLine ? 1 : 0);
        if (source.Rows is not null && rows != source.Rows)
            throw new InvalidDataException($"{path}: {rows:N0} data rows, the genuine file has {source.Rows:N0}. " +
                "It is incomplete or a different version: delete it and fetch it again.");
    }
}
