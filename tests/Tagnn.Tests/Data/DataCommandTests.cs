using System.Text.Json;
using Tagnn.Cli;
using Tagnn.Data;

namespace Tagnn.Tests.Data;

/// <summary><c>tagnn data synth</c> and <c>tagnn data fetch</c> end to end, in process.</summary>
public sealed class DataCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static int Run(params string[] args) => TagnnApp.Create().Run(args);

    [Fact]
    public void Synth_writes_a_log_that_preprocess_reads_and_refuses_to_overwrite_without_force()
    {
        var log = temp.Combine("synth", "clicks.dat");
        string[] args = ["data", "synth", "--layout", "yoochoose", "--output", log, "--seed", "3", "--sessions", "2000", "--items", "300", "--topics", "5", "--days", "20"];
        Assert.Equal(0, Run(args));
        var first = File.ReadAllBytes(log);
        Assert.True(File.Exists(temp.Combine("synth", "item-topics.tsv")));
        Assert.Equal(1, Run(args)); // exists
        Assert.Equal(0, Run([.. args, "--force"]));
        Assert.Equal(first, File.ReadAllBytes(log)); // same seed, same bytes
        Assert.Equal(0, Run("preprocess", "--dataset", "yoochoose", "--input", log, "--output", temp.Combine("prep")));
        Assert.True(File.Exists(temp.Combine("prep", "yoochoose1_4", "train.tsv")));
    }

    [Fact]
    public void Fetch_checks_a_file_in_place_and_prints_manual_steps_for_the_rest()
    {
        // A sources file whose first dataset is already in place and whose second has no reachable address.
        var real = temp.Combine("real");
        Directory.CreateDirectory(real);
        File.WriteAllText(Path.Combine(real, "views.csv"), "sessionId;userId;itemId;timeframe;eventdate\n1;NA;5;1;2016-01-01\n2;NA;5;1;2016-01-01\n");
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var sources = new
        {
            datasets = new object[]
            {
                new { name = "here", title = "in place", file = "views.csv", rows = 2, header = "sessionId;userId;itemId;timeframe;eventdate",
                      size = "tiny", homepage = "http://example.invalid/", terms = "test", downloads = Array.Empty<object>(), manual = new[] { "by hand" } },
                new { name = "away", title = "unreachable", file = "clicks.dat", rows = 3, header = (string?)null, size = "tiny",
                      homepage = "http://example.invalid/", terms = "test",
                      downloads = new[] { new { url = $"http://127.0.0.1:{port}/c.7z", archive = "7z", member = "clicks.dat", size = (long?)null, sha256 = (string?)null, note = "" } },
                      manual = new[] { "by hand" } },
            },
        };
        var sourcesPath = temp.Combine("sources.json");
        File.WriteAllText(sourcesPath, JsonSerializer.Serialize(sources));
        Assert.Equal(0, Run("data", "fetch", "--sources", sourcesPath, "--output", real, "--dataset", "here"));
        Assert.Equal(1, Run("data", "fetch", "--sources", sourcesPath, "--output", real, "--dataset", "away", "--timeout", "5"));
        Assert.False(File.Exists(Path.Combine(real, "clicks.dat")));
        Assert.Equal(1, Run("data", "fetch", "--sources", sourcesPath, "--output", real, "--dataset", "nosuch"));
    }
}
