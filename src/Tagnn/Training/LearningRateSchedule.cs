
namespace Tagnn.Training;

/// <summary>
/// PyTorch's <c>StepLR(step_size, gamma)</c> as a pure function of the epoch: the learning rate an epoch trains with.
/// </summary>
/// <remarks>
/// The rate is computed the way PyTorch's scheduler updates it, by repeated multiplication (lr0 * gamma * gamma ...),
/// not with a power, so the values are the reference's to the last bit (1e-3 * 0.1 is 1.0000000000000002e-4 in
/// binary floating point either way, but 1e-3 * 0.1^2 and 1e-3 * 0.1 * 0.1 differ).
/// </remarks>
/// <param name="Initial">lr0 (reference 1e-3).</param>
/// <param name="StepSize">Epochs between decays (reference 3).</param>
/// <param name="Gamma">Decay factor (reference 0.1).</param>
/// <param name="Stepping">When the scheduler steps (reference: at the start of each epoch).</param>
public sealed record LearningRateSchedule(double Initial = 1e-3, int StepSize = 3, double Gamma = 0.1,
    LearningRateStepping Stepping = LearningRateStepping.Reference)
{
    /// <summary>Number of decays applied by the time epoch <paramref name="epoch"/> (0-based) trains.</summary>
    public int Decays(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        ArgumentOutOfRangeException.ThrowIfLessThan(StepSize, 1, nameof(StepSize));
        var stepped = Stepping == LearningRateStepping.Reference ? epoch + 1 : epoch; // scheduler.step() calls so far
        return stepped / StepSize;
    }

    /// <summary>The learning rate epoch <paramref name="epoch"/> (0-based) trains with.</summary>
    public double RateAt(int epoch)
    {
        var rate = Initial;
        for (var k = Decays(epoch); k > 0; k--) rate *= Gamma;
        return rate;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!(Initial >= 0) || double.IsInfinity(Initial)) throw new ArgumentException($"The learning rate must be non-negative and finite, got {Initial}.");
        if (StepSize < 1) throw new ArgumentException($"The learning-rate step must be at least 1 epoch, got {StepSize}.");
        if (!(Gamma > 0) || Gamma > 1) throw new ArgumentException($"The learning-rate decay gamma must be in (0, 1], got {Gamma}.");
        if (!Enum.IsDefined(Stepping)) throw new ArgumentException($"Unknown learning-rate stepping {Stepping}.");
    }
}
