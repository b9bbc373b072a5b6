using System.Text;
using System.Text.Json;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace Tagnn.Notebooks.Host.Execution;

/// <summary>Reads and writes .ipynb files (Polyglot Notebooks flavour) through Microsoft.DotNet.Interactive.Documents.</summary>
internal static class NotebookFiles
{
    /// <summary>The kernels a course notebook may name: C# (with its aliases) and markdown.</summary>
    public static KernelInfoCollection Kernels()
    {
        var kernels = new KernelInfoCollection
        {
            new("csharp", "C#", ["c#", "C#", "cs"]),
            new("markdown", "Markdown", ["md"]),
        };
        kernels.DefaultKernelName = "csharp";
        return kernels;
    }

    /// <summary>Reads a notebook.</summary>
    /// <exception cref="InvalidDataException">The file is not a readable .ipynb; the message names it.</exception>
    public static async Task<InteractiveDocument> ReadAsync(FileInfo file)
    {
        try
        {
            await using var stream = file.OpenRead();
            return Notebook.Read(stream, Kernels());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException or ArgumentException)
        {
            throw new InvalidDataException($"{file.FullName}: not a readable Jupyter notebook ({e.Message})", e);
        }
    }

    /// <summary>
    /// Writes a notebook as nbformat 4.5 (every cell gets an id, as that version requires), through a temporary file
    /// renamed over the target, so a crash never leaves half a notebook.
    /// </summary>
    public static void Write(InteractiveDocument document, string path)
    {
        var n = 0;
        foreach (var element in document.Elements)
        {
            n++;
            if (string.IsNullOrEmpty(element.Id)) element.Id = $"cell-{n}";
        }
        WriteAtomically(path, document.ToJupyterJson());
    }

    /// <summary>Writes text through a temporary file in the same folder, then renames it over <paramref name="path"/>.</summary>
    public static void WriteAtomically(string path, string text) => WriteAtomically(path, Encoding.UTF8.GetBytes(text));

    /// <summary>Writes bytes through a temporary file in the same folder, then renames it over <paramref name="path"/>.</summary>
    public static void WriteAtomically(string path, byte[] bytes)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }
}
