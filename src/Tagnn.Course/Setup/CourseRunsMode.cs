namespace Tagnn.Course;

/// <summary>How <see cref="CourseModels"/> finds runs (<see cref="CourseModels.ModeVariable"/>).</summary>
internal enum CourseRunsMode
{
    /// <summary>Shipped runs first, then the local cache, then training into the cache.</summary>
    Use,

    /// <summary>Ship the runs asked for that are not shipped yet (from the cache when it holds them, else trained);
    /// shipped runs are used as they are.</summary>
    Missing,

    /// <summary>Train every run asked for afresh and write it into the shipped folder (once per rebuild session).</summary>
    Rebuild,
}
