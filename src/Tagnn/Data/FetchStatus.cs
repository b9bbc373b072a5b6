namespace Tagnn.Data;

/// <summary>How a fetch ended.</summary>
public enum FetchStatus
{
    /// <summary>The file was already there and passed the checks.</summary>
    AlreadyPresent,

    /// <summary>Downloaded (and extracted), checked, in place.</summary>
    Downloaded,

    /// <summary>No direct download may be used, or none could be reached: the user must follow the manual steps.</summary>
    ManualStepsNeeded,
}
