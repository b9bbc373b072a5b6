namespace Tagnn.Cli.Notebooks;

/// <summary>How to run a notebook.</summary>
/// <param name="OutputDir">Where the executed notebook (and HTML page) go.</param>
/// <param name="Smoke">Smoke mode (sets <c>TAGNN_SMOKE=1</c> for the notebook; otherwise it is removed).</param>
/// <param name="Html">Also write the HTML page and the assets.</param>
/// <param name="CellTimeout">Per-cell timeout, enforced by the host.</param>
/// <param name="NoBuild">Sets <c>TAGNN_NO_BUILD=1</c> for the notebook: its first cell (<c>notebooks/build-library.csx</c>)
/// then never builds the course library (a missing one stops the cell with the command to run).</param>
internal sealed record NotebookRunOptions(string OutputDir, bool Smoke, bool Html, TimeSpan CellTimeout, bool NoBuild = false)
{
    /// <summary>Default per-cell timeout (a full-mode training cell on a laptop CPU can take many minutes).</summary>
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromMinutes(30);
}
