using System.Text.Json;
using Tagnn.Data;
using Tagnn.IO;
using static TorchSharp.torch;

namespace Tagnn.Tests.Support;

/// <summary>The reference-parity fixture of one model (files copied from shared/fixtures/reference-parity).</summary>
internal sealed class ParityFixture
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "reference-parity");

    private ParityFixture(string model)
    {
        Model = model;
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, $"{model}-tiny.json")));
        var root = doc.RootElement;
        HiddenSize = root.GetProperty("hidden_size").GetInt32();
        NodeTableSize = root.GetProperty("n_node").GetInt32();
        GnnSteps = root.GetProperty("gnn_steps").GetInt32();
        PadLength = root.GetProperty("padding_length").GetInt32();
        Sessions = root.GetProperty("sessions").EnumerateArray().Select(s => s.EnumerateArray().Select(e => e.GetInt32()).ToArray()).ToArray();
        Targets = root.GetProperty("targets").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Loss = root.GetProperty("loss").GetDouble();
        var adam = root.GetProperty("adam");
        LearningRate = adam.GetProperty("lr").GetDouble();
        WeightDecay = adam.GetProperty("weight_decay").GetDouble();
    }

    public static ParityFixture Load(string model) => new(model);

    public string Model { get; }
    public int HiddenSize { get; }
    public int NodeTableSize { get; }
    public int GnnSteps { get; }
    public int PadLength { get; }
    public int[][] Sessions { get; }
    public int[] Targets { get; }
    public double Loss { get; }
    public double LearningRate { get; }
    public double WeightDecay { get; }

    public string WeightsPath => Path.Combine(Folder, $"{Model}-tiny.weights.safetensors");
    public string ExpectedPath => Path.Combine(Folder, $"{Model}-tiny.expected.safetensors");

    public SessionDataset Dataset() =>
        SessionDataset.FromExamples(Sessions.Select((s, i) => (Targets[i], (IReadOnlyList<int>)s)));

    /// <summary>The expected tensors (caller's dispose scope).</summary>
    public IReadOnlyDictionary<string, Tensor> Expected() => Safetensors.Load(ExpectedPath);
}
