using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>What a session readout produces (each part (B, d), or null when the readout has no such part).</summary>
/// <param name="Local">s_local, the last click's state.</param>
/// <param name="Global">s_global, a pooled state of the whole session (Eq. 9, or an average).</param>
/// <param name="Alpha">(B, L): the global attention weights (Eq. 8, after the softmax if any), 0 on padding; null
/// for readouts without attention.</param>
public sealed record ReadoutOutput(Tensor? Local, Tensor? Global, Tensor? Alpha);
