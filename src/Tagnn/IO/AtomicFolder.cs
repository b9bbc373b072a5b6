namespace Tagnn.IO;

/// <summary>
/// Writes a whole folder so that a failed or interrupted run leaves nothing under its final name: the content goes
/// into a temporary sibling folder (<c>.NAME.PID.GUID.tmp</c>), which is moved into place only when every file is
/// written. A folder that does not exist yet (or is empty) appears in one rename. Into a folder that already has files
/// (a caller that allows it, such as <c>--force</c>), each new file is renamed over its namesake and other files stay;
/// a failure before that point leaves the folder as it was. A temporary sibling left by a killed process is removed by
/// the next write to the same folder.
/// </summary>
public static class AtomicFolder
{
    /// <summary>Writes folder <paramref name="path"/>: <paramref name="write"/> fills the (temporary) folder it is given,
    /// which then becomes <paramref name="path"/>.</summary>
    /// <exception cref="IOException"><paramref name="path"/> is a file.</exception>
    public static void Write(string path, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Write<object?>(path, folder =>
        {
            write(folder);
            return null;
        });
    }

    /// <summary>Writes folder <paramref name="path"/> as <see cref="Write(string, Action{string})"/> does and returns what
    /// <paramref name="write"/> returns.</summary>
    /// <exception cref="IOException"><paramref name="path"/> is a file.</exception>
    public static T Write<T>(string path, Func<string, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (File.Exists(full)) throw new IOException($"{full} is a file, not a folder; choose another output folder.");
        var parent = Path.GetDirectoryName(full) ?? throw new IOException($"{full}: an output folder cannot be a file-system root.");
        var name = Path.GetFileName(full);
        Paths.CreateDirectory(parent);
        RemoveAbandonedTemporaries(parent, name);
        var temp = Path.Combine(parent, AbandonedTemporaries.NameFor(name));
        Directory.CreateDirectory(temp);
        try
        {
            var result = write(temp);
            MoveIntoPlace(temp, full);
            return result;
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    private static void MoveIntoPlace(string temp, string full)
    {
        if (Directory.Exists(full) && !Directory.EnumerateFileSystemEntries(full).Any()) Directory.Delete(full);
        if (!Directory.Exists(full))
        {
            Directory.Move(temp, full);
            return;
        }
        foreach (var file in Directory.EnumerateFiles(temp, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var target = Path.Combine(full, Path.GetRelativePath(temp, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(file, target, overwrite: true);
        }
    }

    /// <summary>Deletes the temporary siblings of <paramref name="name"/> whose process is gone (killed mid-write).</summary>
    private static void RemoveAbandonedTemporaries(string parent, string name)
    {
        foreach (var dir in Directory.EnumerateDirectories(parent, ".*.tmp"))
        {
            if (!AbandonedTemporaries.IsAbandoned(Path.GetFileName(dir), name)) continue;
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not ours to insist on: it stays hidden and the write goes on.
            }
        }
    }
}
