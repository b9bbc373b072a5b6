using Tagnn.Data;

namespace Tagnn.Training;

/// <summary>What a checkpoint says besides its tensors.</summary>
/// <param name="Path">The file.</param>
/// <param name="Config">The run configuration.</param>
/// <param name="State">The trainer's bookkeeping.</param>
/// <param name="Items">The item map (ids 1..n and their original ids).</param>
public sealed record CheckpointInfo(string Path, RunConfig Config, TrainerState State, ItemCatalog Items);
