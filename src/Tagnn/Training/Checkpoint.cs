using System.Text.Json;
using System.Text.Json.Nodes;
using Tagnn.Data;
using Tagnn.IO;
using Tagnn.Model;
using static TorchSharp.torch;

namespace Tagnn.Training;

/// <summary>
/// A training checkpoint: ONE safetensors file holding the model (its <see cref="SessionRecommender.CheckpointTensors"/>,
/// prefixed <c>model.</c>: for TAGNN and SR-GNN the reference names), Adam's moments (<c>optimizer.exp_avg.*</c>, <c>optimizer.exp_avg_sq.*</c>), the selected
/// epoch's weights (<c>best.*</c>) and torch's CPU generator state (<c>rng.cpu</c>), with JSON in the header's
/// metadata: the trainer's bookkeeping (epoch, Adam step counts, best results, patience, every epoch's record;
/// the scheduler's position is the epoch), the run configuration and the item map (original ids in id order), and the
/// SHA-256 of every tensor and of the metadata (<see cref="SafetensorsChecksums"/>), verified on every load.
/// </summary>
/// <remarks>
/// Written atomically (temp file + rename): a failed or interrupted write never leaves a partial file under the final
/// name, and an earlier checkpoint of that name stays intact. The batch order needs no saved state: it is a pure
/// function of (seed, epoch).
/// </remarks>
public static class Checkpoint
{
    /// <summary>The format tag in the metadata.</summary>
    public const string FormatName = "tagnn-checkpoint/1";

    private const string ModelPrefix = "model.", OptimizerPrefix = "optimizer.", BestPrefix = "best.", RngName = "rng.cpu";

    /// <summary>Writes a checkpoint of <paramref name="trainer"/> to <paramref name="path"/>, atomically.</summary>
    /// <param name="path">The file.</param>
    /// <param name="trainer">The trainer (model, optimiser, bookkeeping).</param>
    /// <param name="config">The run configuration to store with it.</param>
    public static void Save(string path, Trainer trainer, RunConfig config) =>
        AtomicFile.Write(path, stream => Write(stream, trainer, config));

    /// <summary>Writes a checkpoint to a stream (not atomic by itself; <see cref="Save"/> is).</summary>
    internal static void Write(Stream stream, Trainer trainer, RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(config);
        using var scope = NewDisposeScope();
        var tensors = new List<KeyValuePair<string, Tensor>>();
        foreach (var (name, tensor) in trainer.Model.CheckpointTensors()) tensors.Add(KeyValuePair.Create(ModelPrefix + name, tensor));
        foreach (var (name, tensor) in trainer.Optimizer.State().Tensors) tensors.Add(KeyValuePair.Create(OptimizerPrefix + name, tensor));
        foreach (var (name, tensor) in trainer.BestWeights) tensors.Add(KeyValuePair.Create(BestPrefix + name, tensor));
        tensors.Add(KeyValuePair.Create(RngName, random.get_rng_state()));
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["format"] = FormatName,
            ["state"] = StateToJson(trainer.CaptureState()),
            ["config"] = JsonSerializer.Serialize(config, RunJson.Compact),
            ["items"] = JsonSerializer.Serialize(Enumerable.Range(1, trainer.Data.ItemCount).Select(trainer.Data.Items.OriginalId)),
        };
        Safetensors.Write(stream, tensors, metadata, checksums: true);
    }

    /// <summary>Reads a checkpoint's metadata (configuration, bookkeeping, item map) without loading tensors.</summary>
    /// <exception cref="InvalidDataException">The file is not a checkpoint; the message names it.</exception>
    public static CheckpointInfo ReadInfo(string path)
    {
        var header = Safetensors.ReadHeader(path);
        string Meta(string key) => header.Metadata.TryGetValue(key, out var value)
            ? value
            : throw new InvalidDataException($"{path}: not a tagnn checkpoint (no '{key}' in its metadata). " +
                "For a weights file under the reference names use --weights / --init-weights instead.");
        if (Meta("format") != FormatName) throw new InvalidDataException($"{path}: checkpoint format '{Meta("format")}', expected '{FormatName}'.");
        try
        {
            var config = RunConfig.FromJson(Meta("config"), path);
            var state = StateFromJson(Meta("state"));
            var items = JsonSerializer.Deserialize<string[]>(Meta("items"))
                ?? throw new InvalidDataException($"{path}: empty item map.");
            return new CheckpointInfo(path, config, state, new ItemCatalog(items));
        }
        catch (Exception e) when (e is JsonException or ArgumentException or KeyNotFoundException)
        {
            throw new InvalidDataException($"{path}: damaged checkpoint metadata: {e.Message}", e);
        }
    }

    /// <summary>
    /// Puts <paramref name="trainer"/> back in the state of the checkpoint: model weights, Adam's moments and step
    /// counts, the selected epoch's weights, the bookkeeping and torch's CPU generator. The trainer must have been
    /// built for the same model and data (checked).
    /// </summary>
    /// <exception cref="InvalidDataException">The file is damaged (checksums) or holds NaN or infinite values; the
    /// message names the file and the tensor.</exception>
    public static CheckpointInfo Restore(string path, Trainer trainer)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        var info = ReadInfo(path);
        if (info.Config.Model != trainer.Model.Spec)
            throw new InvalidDataException($"{path}: the checkpoint is of another model ({Describe(info.Config.Model)}) than the trainer's ({Describe(trainer.Model.Spec)}).");
        info.Config.Data.CheckSame(trainer.Data);
        using var scope = NewDisposeScope();
        var tensors = Safetensors.Load(path, trainer.Model.Device);
        FiniteWeights.Require(path, tensors); // training continues from all of them: weights, Adam's moments, selected weights
        CopyModel(path, tensors, trainer.Model);
        trainer.RestoreState(info.State, Strip(tensors, OptimizerPrefix), Strip(tensors, BestPrefix));
        if (tensors.TryGetValue(RngName, out var rng)) random.set_rng_state(rng.cpu());
        return info;
    }

    /// <summary>
    /// Builds the checkpoint's model on <paramref name="device"/> with the checkpoint's weights: the weights at the
    /// end of its last epoch, or with <paramref name="selected"/> those of the selected epoch.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is damaged (checksums) or those weights hold NaN or infinite
    /// values; the message names the file and the tensor.</exception>
    public static SessionRecommender LoadModel(string path, Device? device = null, bool selected = false)
    {
        var info = ReadInfo(path);
        var model = info.Config.Model.Build(0, device);
        using var scope = NewDisposeScope();
        var tensors = Safetensors.Load(path, model.Device);
        FiniteWeights.Require(path, tensors.Where(p => p.Key.StartsWith(selected ? BestPrefix : ModelPrefix, StringComparison.Ordinal))
            .Select(p => (p.Key, p.Value)));
        if (selected)
        {
            var best = Strip(tensors, BestPrefix);
            using var noGrad = no_grad();
            foreach (var (name, parameter) in model.named_parameters())
            {
                if (!best.TryGetValue(name, out var value)) throw new InvalidDataException($"{path}: no selected weights for '{name}'.");
                parameter.copy_(value);
            }
        }
        else CopyModel(path, tensors, model);
        return model;
    }

    private static void CopyModel(string path, IReadOnlyDictionary<string, Tensor> tensors, SessionRecommender model)
    {
        using var noGrad = no_grad();
        foreach (var (name, tensor) in model.CheckpointTensors())
        {
            if (!tensors.TryGetValue(ModelPrefix + name, out var value))
                throw new InvalidDataException($"{path}: the checkpoint has no '{ModelPrefix}{name}'.");
            if (!value.shape.SequenceEqual(tensor.shape))
                throw new InvalidDataException($"{path}: '{ModelPrefix}{name}' has shape [{string.Join(", ", value.shape)}], the model needs [{string.Join(", ", tensor.shape)}].");
            tensor.copy_(value);
        }
    }

    private static Dictionary<string, Tensor> Strip(IReadOnlyDictionary<string, Tensor> tensors, string prefix) =>
        tensors.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(p => p.Key[prefix.Length..], p => p.Value, StringComparer.Ordinal);

    private static string Describe(ModelSpec spec) => $"{spec.Describe()}, {spec.ItemCount} items";

    internal static string StateToJson(TrainerState state)
    {
        var node = new JsonObject
        {
            ["completed_epochs"] = state.CompletedEpochs,
            ["best"] = JsonSerializer.SerializeToNode(state.Best, RunJson.Compact),
            ["selected_epoch"] = state.SelectedEpoch,
            ["selected_value"] = JsonSerializer.SerializeToNode(state.SelectedValue, RunJson.Compact),
            ["history"] = new JsonArray([.. state.History.Select(e => JsonSerializer.SerializeToNode(e.ToJsonObject(), RunJson.Compact))]),
            ["optimizer_steps"] = JsonSerializer.SerializeToNode(state.OptimizerSteps, RunJson.Compact),
        };
        return node.ToJsonString(RunJson.Compact);
    }

    internal static TrainerState StateFromJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        return new TrainerState(
            root.GetProperty("completed_epochs").GetInt32(),
            root.GetProperty("best").Deserialize<BestResultsState>(RunJson.Compact) ?? throw new InvalidDataException("no best results"),
            root.GetProperty("selected_epoch").GetInt32(),
            root.GetProperty("selected_value").Deserialize<double>(RunJson.Compact),
            [.. root.GetProperty("history").EnumerateArray().Select(EpochResult.FromJson)],
            root.GetProperty("optimizer_steps").Deserialize<Dictionary<string, long>>(RunJson.Compact) ?? []);
    }
}
