using Tagnn.Data;
using Tagnn.Tests.Data;
using Tagnn.Tests.Training;

namespace Tagnn.Tests.Cli;

/// <summary>
/// What the process-level tests share: a tiny prepared folder (written here, no tensors involved), its SR-GNN pickles,
/// and one run trained on it by <c>tagnn train</c> in its own process (1 epoch, d 8: a few seconds).
/// </summary>
public sealed class CliRunFixture : IDisposable
{
    /// <summary>The collection of the test classes that share one fixture (one training process for all of them).</summary>
    public const string Collection = "tagnn processes";

    private readonly TempFolder temp = new();
    private readonly Lazy<string> weights;

    public CliRunFixture()
    {
        Data = temp.Combine("data");
        TinyData.Saved(Data);
        Pickles = temp.Combine("pickles");
        PickleConversion.ToSrGnn(PreparedDataset.Load(Data), Pickles);
        Run = temp.Combine("runs", "tiny");
        Train = CliProcess.Run(temp.Path, TinyTrain(Data, "--run", Run));
        weights = new(() =>
        {
            var path = temp.Combine("exported.safetensors");
            CliProcess.Run(temp.Path, "export", "--run", Run, "--output", path).ExitsWith(0);
            return path;
        });
    }

    /// <summary>The prepared folder (60 train and 20 test sessions over 30 items "i1".."i30").</summary>
    public string Data { get; }

    /// <summary>The same examples as SR-GNN pickles (train.txt, test.txt).</summary>
    public string Pickles { get; }

    /// <summary>The run folder <see cref="Train"/> wrote.</summary>
    public string Run { get; }

    /// <summary>The <c>tagnn train</c> process that made <see cref="Run"/>.</summary>
    public CliResult Train { get; }

    /// <summary><see cref="Run"/>'s selected weights under the reference names, written by <c>tagnn export</c> on first use.</summary>
    public string Weights => weights.Value;

    /// <summary>A scratch folder of this fixture.</summary>
    public string Scratch(string name)
    {
        var path = temp.Combine("scratch", name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary><c>tagnn train</c> on tiny settings: d 8, batch 16, 1 epoch, one torch thread, no SKNN.</summary>
    public static string[] TinyTrain(string data, params string[] args) =>
        ["train", "--data", data, "--hidden", "8", "--batch", "16", "--epochs", "1", "--threads", "1", "--seed", "3", "--no-sknn", .. args];

    public void Dispose() => temp.Dispose();
}
