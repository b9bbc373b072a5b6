using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using Tagnn.Data;

namespace Tagnn.Tests.Data;

/// <summary>The downloader and fetcher against a real HTTP server on 127.0.0.1.</summary>
public sealed class DownloaderTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private static readonly byte[] Content = [.. Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7 % 251))];
    private static readonly string ContentSha = Convert.ToHexStringLower(SHA256.HashData(Content));

    public void Dispose()
    {
        http.Dispose();
        temp.Dispose();
    }

    [Fact]
    public async Task Resumes_with_a_range_request_after_a_dropped_connection()
    {
        using var server = new LocalHttpServer((c, i) => LocalHttpServer.Serve(c, Content, cutAfter: i == 0 ? 120_000 : null));
        var path = temp.Combine("file.bin");
        var result = await new Downloader(http).DownloadAsync(server.Url("file.bin"), path, Content.Length, ContentSha);
        Assert.Equal(Content, File.ReadAllBytes(path));
        Assert.Equal(2, result.Requests);
        Assert.Null(server.Ranges[0]);
        Assert.Matches(@"^bytes=\d+-$", server.Ranges[1]);
        Assert.True(long.Parse(server.Ranges[1]!["bytes=".Length..^1]) > 0);
        Assert.Equal(ContentSha, result.Sha256);
        Assert.False(File.Exists(path + ".part"));
    }

    [Fact]
    public async Task Resumes_a_part_file_left_by_an_earlier_run()
    {
        var path = temp.Combine("file.bin");
        File.WriteAllBytes(path + ".part", Content[..50_000]);
        using var server = new LocalHttpServer((c, _) => LocalHttpServer.Serve(c, Content));
        var result = await new Downloader(http).DownloadAsync(server.Url("file.bin"), path);
        Assert.Equal(Content, File.ReadAllBytes(path));
        Assert.Equal(["bytes=50000-"], server.Ranges);
        Assert.Equal(1, result.Requests);
    }

    [Fact]
    public async Task Restarts_when_the_server_ignores_the_range()
    {
        var path = temp.Combine("file.bin");
        File.WriteAllBytes(path + ".part", Content[..50_000]);
        using var server = new LocalHttpServer((c, _) => LocalHttpServer.Serve(c, Content, ignoreRange: true));
        await new Downloader(http).DownloadAsync(server.Url("file.bin"), path, Content.Length, ContentSha);
        Assert.Equal(Content, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task A_checksum_mismatch_deletes_the_file_and_keeps_nothing_under_the_final_name()
    {
        using var server = new LocalHttpServer((c, _) => LocalHttpServer.Serve(c, Content));
        var path = temp.Combine("file.bin");
        var wrong = new string('0', 64);
        var e = await Assert.ThrowsAsync<DownloadException>(() => new Downloader(http).DownloadAsync(server.Url("file.bin"), path, null, wrong));
        Assert.Contains("SHA-256 mismatch", e.Message);
        Assert.Contains(ContentSha, e.Message);
        Assert.False(File.Exists(path));
        Assert.False(File.Exists(path + ".part"));
    }

    [Fact]
    public async Task A_server_that_always_closes_mid_transfer_makes_it_give_up_without_a_final_file()
    {
        using var server = new LocalHttpServer((c, _) => LocalHttpServer.Serve(c, Content, cutAfter: 1_000));
        var path = temp.Combine("file.bin");
        var e = await Assert.ThrowsAsync<DownloadException>(() => new Downloader(http, maxAttempts: 3).DownloadAsync(server.Url("file.bin"), path));
        Assert.Contains("gave up after 3 attempts", e.Message);
        Assert.False(e.Unreachable);
        Assert.False(File.Exists(path));
        // What arrived is kept as .part for the next run to resume.
        Assert.InRange(new FileInfo(path + ".part").Length, 1, Content.Length - 1);
        Assert.Equal(3, server.Ranges.Count);
    }

    [Fact]
    public async Task A_wrong_announced_size_is_refused_before_downloading()
    {
        using var server = new LocalHttpServer((c, _) => LocalHttpServer.Serve(c, Content));
        var path = temp.Combine("file.bin");
        var e = await Assert.ThrowsAsync<DownloadException>(() => new Downloader(http).DownloadAsync(server.Url("file.bin"), path, 1234));
        Assert.Contains("expected 1,234", e.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task A_missing_file_reports_the_status()
    {
        using var server = new LocalHttpServer((c, _) => { c.Response.StatusCode = 404; c.Response.Close(); return Task.CompletedTask; });
        var e = await Assert.ThrowsAsync<DownloadException>(() => new Downloader(http).DownloadAsync(server.Url("gone.bin"), temp.Combine("gone.bin")));
        Assert.Contains("404", e.Message);
    }

    private static DatasetSource Source(string file, long rows, string? header, params DatasetDownload[] downloads) =>
        new("test", "a test dataset", file, rows, header, "tiny", "http://example.invalid/", "test terms", downloads, ["do it by hand"]);

    [Fact]
    public async Task Fetch_when_offline_leaves_the_manual_steps_and_no_file()
    {
        // A port on 127.0.0.1 with no server: connection refused, as when offline.
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var source = Source("clicks.dat", 3, null, new DatasetDownload($"http://127.0.0.1:{port}/data.7z", "7z", "clicks.dat", null, null, null));
        var outcome = await new DatasetFetcher(http).FetchAsync(source, temp.Path);
        Assert.Equal(FetchStatus.ManualStepsNeeded, outcome.Status);
        Assert.Contains(outcome.Messages, m => m.Contains("Are you offline?"));
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public async Task Fetch_without_a_direct_address_asks_for_the_manual_steps()
    {
        var outcome = await new DatasetFetcher(http).FetchAsync(Source("x.csv", 1, null), temp.Path);
        Assert.Equal(FetchStatus.ManualStepsNeeded, outcome.Status);
    }

    [Fact]
    public async Task Fetch_extracts_a_7z_member_checks_its_rows_and_then_finds_it_in_place()
    {
        var archive = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "fetch", "tiny-yoochoose.7z"));
        using var server = new LocalHttpServer((c, i) => LocalHttpServer.Serve(c, archive, cutAfter: i == 0 ? 100 : null));
        var source = Source("yoochoose-clicks.dat", 3, null,
            new DatasetDownload(server.Url("yoochoose-data.7z").ToString(), "7z", "yoochoose-clicks.dat", archive.Length, null, null));
        var outcome = await new DatasetFetcher(http).FetchAsync(source, temp.Path);
        Assert.Equal(FetchStatus.Downloaded, outcome.Status);
        var log = ClickLogReader.Read(outcome.Path, ClickLogLayout.Yoochoose);
        Assert.Equal(3, log.Clicks);
        Assert.Equal(FetchStatus.AlreadyPresent, (await new DatasetFetcher(http).FetchAsync(source, temp.Path)).Status);
    }

    [Fact]
    public async Task Fetch_refuses_an_extracted_file_with_the_wrong_row_count()
    {
        var zipPath = temp.Combine("src", "d.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(zipPath)!);
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            using var w = new StreamWriter(zip.CreateEntry("inner/train-item-views.csv").Open());
            w.Write("sessionId;userId;itemId;timeframe;eventdate\n1;NA;1;1;2016-01-01\n");
        }
        var bytes = File.ReadAllBytes(zipPath);
        using var server = new LocalHttpServer((c, _) => LocalHttpServer.Serve(c, bytes));
        var dest = temp.Combine("real");
        var source = Source("train-item-views.csv", 1_235_380, "sessionId;userId;itemId;timeframe;eventdate",
            new DatasetDownload(server.Url("d.zip").ToString(), "zip", "train-item-views.csv", null, null, null));
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => new DatasetFetcher(http).FetchAsync(source, dest));
        Assert.Contains("1 data rows, the genuine file has 1,235,380", e.Message);
        Assert.False(File.Exists(Path.Combine(dest, "train-item-views.csv")));
        Assert.False(File.Exists(Path.Combine(dest, "train-item-views.csv.part")));

        var ok = source with { Rows = 1 };
        Assert.Equal(FetchStatus.Downloaded, (await new DatasetFetcher(http).FetchAsync(ok, dest)).Status);
    }

    [Fact]
    public void The_committed_sources_file_is_valid_and_names_both_datasets()
    {
        var sources = DatasetSources.Load(SampleData.Find(DatasetSources.RelativePath));
        Assert.Equal(["diginetica", "yoochoose"], sources.Datasets.Select(d => d.Name));
        Assert.Equal(1_235_380, sources["diginetica"].Rows);
        Assert.Equal(33_003_944, sources["yoochoose"].Rows);
        Assert.Empty(sources["diginetica"].Downloads); // behind the competition's terms: manual only
        Assert.All(sources.Datasets, d => Assert.NotEmpty(d.Manual));
    }
}
