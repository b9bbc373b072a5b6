using System.Text.Json.Serialization;

namespace Tagnn.Evaluation.Baselines;

/// <summary>
/// The decay functions of V-SKNN and SR (Ludewig and Jannach 2018; session-rec's <c>vsknn.py</c> and <c>sr.py</c>),
/// named as there. Each has two forms: over the positions of the current session (<see cref="DecayFunctions.Position"/>)
/// and over a distance in steps (<see cref="DecayFunctions.Step"/>).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<Decay>))]
public enum Decay
{
    /// <summary>No decay: every weight is 1.</summary>
    Same,

    /// <summary>Linear: 1 - 0.1 d, and 0 from d = 10 on.</summary>
    Linear,

    /// <summary>Harmonic: p / L over positions, 1 / d over steps.</summary>
    Div,

    /// <summary>Logarithmic: 1 / log10(d + 1.7).</summary>
    Log,

    /// <summary>Quadratic: (p / L)^2 over positions, 1 / d^2 over steps.</summary>
    Quadratic,
}

/// <summary>The formulas of <see cref="Decay"/>.</summary>
public static class DecayFunctions
{
    /// <summary>
    /// The weight of the click at 1-based <paramref name="position"/> of a session of <paramref name="length"/>
    /// clicks, d = length - position clicks before the last one (the last click has d = 0):
    /// same 1; linear max(0, 1 - 0.1 d); div p / L; log 1 / log10(d + 1.7); quadratic (p / L)^2.
    /// </summary>
    public static double Position(Decay decay, int position, int length)
    {
        var d = length - position;
        return decay switch
        {
            Decay.Same => 1,
            Decay.Linear => Math.Max(0, 1 - 0.1 * d),
            Decay.Div => (double)position / length,
            Decay.Log => 1 / Math.Log10(d + 1.7),
            Decay.Quadratic => (double)position / length * position / length,
            _ => throw new ArgumentOutOfRangeException(nameof(decay), decay, null),
        };
    }

    /// <summary>
    /// The weight of a distance of <paramref name="step"/> >= 1 clicks: same 1; linear max(0, 1 - 0.1 step);
    /// div 1 / step; log 1 / log10(step + 1.7); quadratic 1 / step^2.
    /// </summary>
    public static double Step(Decay decay, int step)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        return decay switch
        {
            Decay.Same => 1,
            Decay.Linear => Math.Max(0, 1 - 0.1 * step),
            Decay.Div => 1.0 / step,
            Decay.Log => 1 / Math.Log10(step + 1.7),
            Decay.Quadratic => 1.0 / ((double)step * step),
            _ => throw new ArgumentOutOfRangeException(nameof(decay), decay, null),
        };
    }
}
