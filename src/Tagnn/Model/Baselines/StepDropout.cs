using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model.Baselines;

/// <summary>
/// Inverted dropout (zero each element with probability p, scale the rest by 1 / (1 - p)) whose masks, during a
/// training step, are drawn from a generator seeded by the step (<see cref="TrainingStepContext.SamplingSeed"/>): the
/// loss is then a pure function of the weights and the step, so a resumed run draws the same masks on any device, and
/// finite differences (<see cref="GradientCheck"/>) see a deterministic function.
/// </summary>
internal static class StepDropout
{
    /// <summary>The sampling stream of dropout masks (<see cref="TrainingStepContext.SamplingSeed"/>).</summary>
    public const int Stream = 1;

    /// <summary>A generator for one step's masks on <paramref name="device"/>, or null outside training (and on the
    /// meta device, which has no generators and whose masks hold no values).</summary>
    public static Generator? For(TrainingStepContext step, Device device, bool training) =>
        training && device.type != DeviceType.META ? new Generator(step.SamplingSeed(Stream), device) : null;

    /// <summary>
    /// <paramref name="x"/> after dropout with probability <paramref name="p"/> in training mode (masks from
    /// <paramref name="generator"/>, or from torch's global generator when null), <paramref name="x"/> itself otherwise.
    /// </summary>
    public static Tensor Apply(Tensor x, double p, bool training, Generator? generator)
    {
        if (!training || p == 0) return x;
        if (generator is null) return nn.functional.dropout(x, p, training: true);
        using var keep = empty_like(x).bernoulli_(1 - p, generator);          // 1 with probability 1 - p
        return x * keep.div_(1 - p);
    }
}
