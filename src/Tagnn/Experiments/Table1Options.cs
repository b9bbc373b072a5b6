using Tagnn.Training;
using static TorchSharp.torch;

namespace Tagnn.Experiments;

/// <summary>What <see cref="Table1Runner"/> runs: the data, the models, the seeds, the protocol, the epochs and
/// where the outputs go (<c>tagnn table1</c>'s options).</summary>
public sealed record Table1Options
{
    /// <summary>The prepared dataset folder.</summary>
    public required string Data { get; init; }

    /// <summary>The output folder (<see cref="Table1Folder"/>); a rerun into the same folder skips what is done.</summary>
    public required string Output { get; init; }

    /// <summary>The models by name; null or empty: every model of the catalog this build can run.</summary>
    public IReadOnlyList<string>? Models { get; init; }

    /// <summary>Seeds per neural model (1 or more): seed k is <see cref="BaseSeed"/> + k.</summary>
    public int Seeds { get; init; } = 1;

    /// <summary>The first seed (default 2020, as <c>tagnn train</c>).</summary>
    public long BaseSeed { get; init; } = new TrainingOptions().Seed;

    /// <summary>How each neural model's epoch is selected.</summary>
    public SelectionProtocol Protocol { get; init; } = SelectionProtocol.Reference;

    /// <summary>Epochs of the neural models.</summary>
    public EpochPreset Epochs { get; init; } = EpochPreset.Reference;

    /// <summary>Smoke mode: at most this many training examples (whole sessions from the start); null = all.</summary>
    public int? MaxTrainExamples { get; init; }

    /// <summary>Smoke mode: at most this many test examples (whole sessions from the start); null = all.</summary>
    public int? MaxTestExamples { get; init; }

    /// <summary>Threads that score the non-neural baselines' test examples (0 = one per core).</summary>
    public int BaselineThreads { get; init; }

    /// <summary>Where the neural models train (CPU when null).</summary>
    public Device? Device { get; init; }

    /// <summary>The device as requested and used, recorded in each run's <c>config.json</c>.</summary>
    public RunDevice? DeviceRecord { get; init; }

    /// <summary>The command line, recorded in each run's <c>config.json</c>.</summary>
    public string? Command { get; init; }

    /// <summary>The seeds of the neural models: <see cref="BaseSeed"/> + k for k = 0..<see cref="Seeds"/> - 1.</summary>
    public IReadOnlyList<long> SeedList => [.. Enumerable.Range(0, Seeds).Select(k => BaseSeed + k)];

    /// <summary>The training options of seed <paramref name="seed"/>: the reference's, with this table's epochs,
    /// protocol and limits.</summary>
    public TrainingOptions Training(long seed) => new()
    {
        Epochs = Epochs.Epochs,
        Seed = seed,
        Protocol = Protocol,
        MaxTrainExamples = MaxTrainExamples,
        MaxTestExamples = MaxTestExamples,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Data)) throw new ArgumentException("The data folder is missing.");
        if (string.IsNullOrWhiteSpace(Output)) throw new ArgumentException("The output folder is missing.");
        if (Seeds < 1) throw new ArgumentException($"--seeds must be at least 1, got {Seeds}.");
        if (BaselineThreads < 0) throw new ArgumentException($"The baseline threads must be 0 (one per core) or more, got {BaselineThreads}.");
        ArgumentNullException.ThrowIfNull(Epochs);
        Training(BaseSeed).Validate();
    }
}
