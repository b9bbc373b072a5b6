using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tagnn.Notebooks.Protocol;

// This file is compiled into both the host (which writes the events) and the CLI (which reads them): one contract.

/// <summary>
/// One progress event the notebook host writes to its standard output, as a single line
/// <c>##tagnn {json}</c>. Anything else on that stream (native libraries printing, say) is not an event.
/// </summary>
/// <param name="Type"><c>start</c>, <c>cell</c> or <c>end</c>.</param>
/// <param name="Notebook">The notebook file name (e.g. <c>00-setup.ipynb</c>).</param>
/// <param name="Cell">1-based position of the cell among all cells of the notebook (markdown included).</param>
/// <param name="CodeCell">1-based position of the cell among the code cells.</param>
/// <param name="CodeCells">Number of code cells of the notebook.</param>
/// <param name="FirstLine">The cell's first non-blank line.</param>
/// <param name="Status"><c>ok</c>, <c>failed</c> or <c>timeout</c> (cell and end events).</param>
/// <param name="Seconds">Duration of the cell, or of the whole notebook for <c>end</c>.</param>
/// <param name="Error">The error of a failed cell (or of the run).</param>
/// <param name="OutputNotebook">The executed notebook written (end event).</param>
/// <param name="HtmlPage">The HTML page written, if asked (end event).</param>
internal sealed record RunnerEvent(
    string Type,
    string Notebook,
    int? Cell = null,
    int? CodeCell = null,
    int? CodeCells = null,
    string? FirstLine = null,
    string? Status = null,
    double? Seconds = null,
    string? Error = null,
    string? OutputNotebook = null,
    string? HtmlPage = null)
{
    /// <summary>Prefix of every event line.</summary>
    public const string Prefix = "##tagnn ";

    /// <summary>Event types.</summary>
    public const string Start = "start", CellDone = "cell", End = "end";

    /// <summary>Statuses.</summary>
    public const string Ok = "ok", Failed = "failed", TimedOut = "timeout";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // readable lines; never embedded in HTML
    };

    /// <summary>The event as one protocol line (no newline).</summary>
    public string ToLine() => Prefix + JsonSerializer.Serialize(this, Json);

    /// <summary>Parses a protocol line; null for any other line.</summary>
    public static RunnerEvent? TryParse(string? line)
    {
        if (line is null || !line.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        try
        {
            return JsonSerializer.Deserialize<RunnerEvent>(line.AsSpan(Prefix.Length), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Exit codes of the notebook host.</summary>
internal static class HostExitCodes
{
    /// <summary>Every cell ran.</summary>
    public const int Ok = 0;

    /// <summary>A cell failed; the executed notebook (up to that cell) was written.</summary>
    public const int CellFailed = 1;

    /// <summary>Bad arguments or an unreadable notebook.</summary>
    public const int Usage = 2;

    /// <summary>A cell exceeded the per-cell timeout; the process stops because a running cell cannot be aborted.</summary>
    public const int Timeout = 3;
}
