using System.Globalization;
using Tagnn.Notebooks.Protocol;

namespace Tagnn.Cli.Notebooks;

/// <summary>The outcome of one notebook.</summary>
/// <param name="Notebook">The notebook file.</param>
/// <param name="Status"><c>ok</c>, <c>failed</c> or <c>timeout</c>.</param>
/// <param name="CodeCells">Code cells in the notebook.</param>
/// <param name="ExecutedCells">Code cells that ran (up to and including a failed one).</param>
/// <param name="Seconds">Wall-clock time, process start to exit.</param>
/// <param name="Failure">The failed cell's event, if a cell failed.</param>
/// <param name="HostError">What the host printed on standard error when it failed without a cell to blame.</param>
/// <param name="OutputNotebook">The executed notebook, if written.</param>
/// <param name="HtmlPage">The HTML page, if written.</param>
internal sealed record NotebookResult(
    string Notebook,
    string Status,
    int CodeCells,
    int ExecutedCells,
    double Seconds,
    RunnerEvent? Failure,
    string? HostError,
    string? OutputNotebook,
    string? HtmlPage)
{
    /// <summary>True when every cell ran.</summary>
    public bool Succeeded => Status == RunnerEvent.Ok;

    /// <summary>
    /// The failure as one message naming the notebook, the cell number, the cell's first line and the error, e.g.
    /// <c>02-preprocessing.ipynb, cell 7 (code cell 4) `var stats = ...`: System.IO.FileNotFoundException: ...</c>.
    /// </summary>
    public string Describe()
    {
        var name = Path.GetFileName(Notebook);
        if (Succeeded) return $"{name}: ok ({ExecutedCells} code cells, {Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s)";
        if (Failure is { } f)
        {
            var what = Status == RunnerEvent.TimedOut ? "timed out" : "failed";
            return $"{name}, cell {f.Cell} (code cell {f.CodeCell}) `{f.FirstLine}` {what}: {f.Error}";
        }
        return $"{name}: the notebook host failed before any cell could be blamed: {HostError}";
    }
}
