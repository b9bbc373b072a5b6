namespace Tagnn.IO;

/// <summary>
/// Writes files so that a reader never sees half of one: the content goes to a temporary file in the same folder,
/// is flushed to disk, and is then renamed over the final name. An interrupted write leaves at most a
/// <c>*.tmp</c> file behind, never a truncated file under the final name.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Test seam: when set, every stream this class writes to is first passed through it, in the current async flow
    /// only (other tests and threads are unaffected). Tests use it to make a write fail as a full disk would, without
    /// filling one.
    /// </summary>
    internal static readonly AsyncLocal<Func<Stream, Stream>?> StreamWrapper = new();

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, atomically.</summary>
    /// <param name="path">The final file name.</param>
    /// <param name="write">Writes the whole content to the stream it is given.</param>
    /// <param name="overwrite">Whether an existing file may be replaced; if false and it exists, throws
    /// <see cref="IOException"/> before writing anything.</param>
    public static void Write(string path, Action<Stream> write, bool overwrite = true)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Paths.CreateDirectory(dir);
        if (Directory.Exists(full)) throw new IOException($"{full} is a folder; a file of that name cannot be written.");
        if (!overwrite && File.Exists(full))
            throw new IOException($"{full} already exists; refusing to overwrite it.");
        var temp = Path.Combine(dir, AbandonedTemporaries.NameFor(Path.GetFileName(full)));
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                var target = StreamWrapper.Value?.Invoke(stream) ?? stream;
                write(target);
                target.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// Deletes the temporaries of <paramref name="path"/> (<c>.NAME.PID.GUID.tmp</c> beside it) that a killed process
    /// left behind; those of running processes stay. A write never needs this (each uses a fresh name); it keeps
    /// folders tidy, e.g. a run folder when its run is resumed.
    /// </summary>
    /// <returns>How many were deleted.</returns>
    public static int RemoveAbandonedTemporaries(string path)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir)) return 0;
        var name = Path.GetFileName(full);
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(dir, $".{name}.*.tmp"))
        {
            if (!AbandonedTemporaries.IsAbandoned(Path.GetFileName(file), name)) continue;
            File.Delete(file);
            removed++;
        }
        return removed;
    }

    /// <summary>Writes text (UTF-8 without BOM, as given) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text, bool overwrite = true) =>
        Write(path, s =>
        {
            using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            w.Write(text);
        }, overwrite);

    /// <summary>Writes bytes to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes, bool overwrite = true)
    {
        var copy = bytes.ToArray();
        Write(path, s => s.Write(copy), overwrite);
    }
}
