namespace Tagnn.IO;

/// <summary>
/// Checks paths before they are used, so that a missing input or an impossible output folder is reported with the
/// path and what exactly is missing or in the way, instead of .NET's "Could not find a part of the path".
/// </summary>
public static class Paths
{
    /// <summary>The full path of an existing file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="what">What it should be, for the message (e.g. "a weights file (safetensors)").</param>
    /// <exception cref="FileNotFoundException">It does not exist or is a folder; the message names the path, what it
    /// should be and, when a folder on the way is missing, the first missing folder.</exception>
    public static string RequireFile(string path, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        if (File.Exists(full)) return full;
        if (Directory.Exists(full)) throw new FileNotFoundException($"{full} is a folder; expected {what}.", full);
        throw new FileNotFoundException($"{full} does not exist{MissingFolder(full)}; expected {what}.", full);
    }

    /// <summary>The full path of an existing folder.</summary>
    /// <param name="path">The folder.</param>
    /// <param name="what">What it should be, for the message (e.g. "an SR-GNN folder holding train.txt and test.txt").</param>
    /// <exception cref="DirectoryNotFoundException">It does not exist or is a file; the message names the path, what it
    /// should be and the first missing folder.</exception>
    public static string RequireDirectory(string path, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (Directory.Exists(full)) return full;
        if (File.Exists(full)) throw new DirectoryNotFoundException($"{full} is a file; expected {what}.");
        throw new DirectoryNotFoundException($"{full} does not exist{MissingFolder(full)}; expected {what}.");
    }

    /// <summary>Creates <paramref name="directory"/> and its missing parents.</summary>
    /// <exception cref="IOException">A path on the way is a file; the message names it.</exception>
    public static void CreateDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        if (Directory.Exists(full)) return;
        for (var dir = full; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(dir))
                throw new IOException(dir == full ? $"{full} is a file, where a folder is needed." : $"Cannot create the folder {full}: {dir} is a file.");
            if (Directory.Exists(dir)) break;
        }
        Directory.CreateDirectory(full);
    }

    /// <summary>"PATH does not exist (the folder X does not exist)": what is missing of <paramref name="path"/>, for
    /// messages about a path that could not be opened.</summary>
    public static string DescribeMissing(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        return $"{full} does not exist{MissingFolder(full)}";
    }

    /// <summary>" (the folder X does not exist)" for the outermost missing folder above <paramref name="full"/>, or ""
    /// when its parent exists.</summary>
    private static string MissingFolder(string full)
    {
        string? missing = null;
        for (var dir = Path.GetDirectoryName(full); !string.IsNullOrEmpty(dir) && !Directory.Exists(dir); dir = Path.GetDirectoryName(dir))
            missing = dir;
        return missing is null ? "" : $" (the folder {missing} does not exist)";
    }
}
