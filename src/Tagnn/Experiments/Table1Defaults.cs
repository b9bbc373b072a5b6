using Tagnn.Data;
using Tagnn.Training;

namespace Tagnn.Experiments;

/// <summary>The defaults of <c>tagnn table1</c> that depend on the data: its name and the output folder.</summary>
public static class Table1Defaults
{
    /// <summary>Where tables go by default: <c>artifacts/table1/&lt;data name&gt;/</c>, relative to the current folder.</summary>
    public const string OutputRoot = "artifacts/table1";

    /// <summary>Whether <paramref name="path"/> is the bundled sample's prepared folder.</summary>
    public static bool IsSample(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return string.Equals(Full(path), Full(SampleData.PreparedPath), StringComparison.Ordinal);
        }
        catch (FileNotFoundException)
        {
            return false; // not inside a clone: no bundled sample
        }
    }

    /// <summary>The data's short name: <c>sample</c> for the bundled sample, else the prepared folder's name.</summary>
    public static string DataName(string path) => IsSample(path) ? "sample" : Path.GetFileName(Full(path));

    /// <summary>
    /// The default output folder: <see cref="OutputRoot"/>/&lt;data name&gt;, with <c>-validation</c>,
    /// <c>-train&lt;N&gt;</c> and <c>-test&lt;N&gt;</c> appended for the validation protocol and smoke-mode limits, so
    /// that tables of different examples or protocols never share run folders.
    /// </summary>
    public static string Output(string data, SelectionProtocol protocol, int? maxTrain, int? maxTest) =>
        Path.Combine(OutputRoot, DataName(data)
            + (protocol == SelectionProtocol.Validation ? "-validation" : "")
            + (maxTrain is { } t ? $"-train{t}" : "")
            + (maxTest is { } e ? $"-test{e}" : ""));

    private static string Full(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}
