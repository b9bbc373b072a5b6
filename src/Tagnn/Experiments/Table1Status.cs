using System.Text.Json.Serialization;

namespace Tagnn.Experiments;

/// <summary>Where a model (a row of the table) or one of its runs stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Table1Status>))]
public enum Table1Status
{
    /// <summary>Not run yet (the table was stopped before it; a rerun runs it).</summary>
    Pending,

    /// <summary>Every run finished; the numbers are final.</summary>
    Done,

    /// <summary>Some seeds finished and some failed: the numbers are over the finished seeds only.</summary>
    Partial,

    /// <summary>Every run failed (the error says why); no numbers.</summary>
    Failed,

    /// <summary>Stopped (Ctrl+C) while it ran; a rerun continues it.</summary>
    Cancelled,
}
