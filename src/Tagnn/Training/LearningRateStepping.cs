using System.Text.Json.Serialization;

namespace Tagnn.Training;

/// <summary>When a step schedule takes its first decay.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LearningRateStepping>))]
public enum LearningRateStepping
{
    /// <summary>
    /// As the reference code: <c>scheduler.step()</c> runs at the START of every epoch, so epoch e trains with
    /// lr0 * gamma^floor((e + 1) / step): with step 3, 1e-3 for epochs 0-1, 1e-4 for 2-4, 1e-5 for 5-7, ...
    /// (the first decay comes after two epochs).
    /// </summary>
    Reference,

    /// <summary>The textbook StepLR (stepped at the end of every epoch): lr0 * gamma^floor(e / step), 1e-3 for
    /// epochs 0-2, 1e-4 for 3-5, ...</summary>
    Textbook,
}
