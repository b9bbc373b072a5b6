using static TorchSharp.torch;

namespace Tagnn.Training;

/// <summary>
/// Finds NaN and infinite values in named tensors, so that weights a diverged run produced are refused with the name
/// of the tensor instead of failing later somewhere unrelated (ranking NaN scores fails deep inside the evaluation).
/// One host read per tensor: for loading and for the end of an epoch, never inside a training step.
/// </summary>
public static class FiniteWeights
{
    /// <summary>The first floating-point tensor holding a NaN or an infinity, with how many of its values are not
    /// finite and how many it has; null when all are finite. Integer tensors are skipped.</summary>
    public static (string Name, long NonFinite, long Count)? FirstNonFinite(IEnumerable<(string Name, Tensor Tensor)> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        foreach (var (name, tensor) in tensors)
        {
            if (!tensor.is_floating_point() || tensor.numel() == 0) continue;
            using var scope = NewDisposeScope();
            var bad = isfinite(tensor.detach()).logical_not().sum().item<long>();
            if (bad > 0) return (name, bad, tensor.numel());
        }
        return null;
    }

    /// <summary>Throws unless every floating-point tensor is finite.</summary>
    /// <param name="source">The file the tensors come from (named in the message).</param>
    /// <param name="tensors">Name and tensor pairs, named as in the file.</param>
    /// <exception cref="InvalidDataException">A tensor holds NaN or infinite values; the message names the file and the
    /// tensor.</exception>
    public static void Require(string source, IEnumerable<(string Name, Tensor Tensor)> tensors)
    {
        if (FirstNonFinite(tensors) is not { } bad) return;
        throw new InvalidDataException($"{source}: tensor '{bad.Name}' holds {bad.NonFinite:N0} NaN or infinite value(s) of {bad.Count:N0}: " +
            "these weights are unusable (saved from a training run that diverged?). Use another checkpoint, or train again with a lower learning rate (--lr).");
    }

    /// <summary><see cref="Require(string, IEnumerable{ValueTuple{string, Tensor}})"/> for a name-to-tensor map.</summary>
    public static void Require(string source, IReadOnlyDictionary<string, Tensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        Require(source, tensors.Select(p => (p.Key, p.Value)));
    }
}
