namespace Tagnn.Cli.Notebooks;

/// <summary>
/// The environment variables and the folder through which <c>tagnn notebooks run</c> steers the course runs of
/// <c>Tagnn.Course.CourseModels</c> (which the CLI does not reference: the names are repeated here, and
/// <c>CourseRunsTests</c> keeps both sides equal).
/// </summary>
internal static class CourseRunVariables
{
    /// <summary><c>CourseModels.ModeVariable</c>: <c>rebuild</c> regenerates the shipped runs, <c>missing</c> adds the
    /// missing ones.</summary>
    public const string Mode = "TAGNN_COURSE_RUNS";

    /// <summary><c>CourseModels.LogVariable</c>: the file every run asked for is appended to.</summary>
    public const string Log = "TAGNN_COURSE_RUNS_LOG";

    /// <summary><c>CourseModels.RebuildSinceVariable</c>: when the rebuild session started.</summary>
    public const string Since = "TAGNN_COURSE_RUNS_SINCE";

    /// <summary><c>CourseModels.NotebookVariable</c>: the notebook being run.</summary>
    public const string Notebook = "TAGNN_NOTEBOOK";

    /// <summary><c>CourseModels.ShippedRelativePath</c>: the shipped runs, relative to the repository root.</summary>
    public const string ShippedRelativePath = "data/sample/course-runs";

    /// <summary><c>CourseRunManifest.FileName</c>: the manifest in each shipped run folder.</summary>
    public const string ManifestFile = "course-run.json";
}
