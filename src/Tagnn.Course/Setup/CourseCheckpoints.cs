using Tagnn.IO;
using Tagnn.Training;
using static TorchSharp.torch;

namespace Tagnn.Course;

/// <summary>Weights-only copies of training checkpoints, for the runs shipped with the repository.</summary>
internal static class CourseCheckpoints
{
    private const string ModelPrefix = "model.";

    /// <summary>
    /// Writes to <paramref name="destination"/> the model tensors of checkpoint <paramref name="source"/> (its
    /// <c>model.*</c> entries: for <c>best.safetensors</c> the selected epoch's weights) with the checkpoint's metadata
    /// (format, bookkeeping, configuration passed through <paramref name="config"/>, item map) and fresh checksums,
    /// but without Adam's moments, the selected-weights copy and the generator state: about a third of the size.
    /// <see cref="RunFolder.LoadModel"/> and <see cref="RunFolder.LoadRecommender"/> read it as they read the full
    /// checkpoint; it cannot be resumed from.
    /// </summary>
    public static void WriteWeightsOnly(string source, string destination, Func<RunConfig, RunConfig> config)
    {
        var header = Safetensors.ReadHeader(source);
        var metadata = header.Metadata
            .Where(p => p.Key != SafetensorsChecksums.Key)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (!metadata.TryGetValue("config", out var json))
            throw new InvalidDataException($"{source}: not a tagnn checkpoint (no configuration in its metadata).");
        metadata["config"] = System.Text.Json.JsonSerializer.Serialize(config(RunConfig.FromJson(json, source)), RunJson.Compact);
        using var scope = NewDisposeScope();
        var tensors = Safetensors.Load(source)
            .Where(p => p.Key.StartsWith(ModelPrefix, StringComparison.Ordinal))
            .ToList();
        if (tensors.Count == 0) throw new InvalidDataException($"{source}: the checkpoint holds no model weights.");
        Safetensors.Save(destination, tensors, metadata, checksums: true);
    }
}
