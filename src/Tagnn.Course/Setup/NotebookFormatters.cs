using System.Globalization;
using System.Net;
using Microsoft.DotNet.Interactive.Formatting;
using TorchSharp;

namespace Tagnn.Course;

/// <summary>
/// How library types show in a notebook cell. Without these, a tensor is shown by .NET Interactive's default object
/// formatter, which enumerates it element by element (one new tensor per element) into an unreadable tree.
/// </summary>
public static class NotebookFormatters
{
    /// <summary>Tensors with more elements than this show their shape only.</summary>
    public const int MaxElementsShown = 2_000;

    /// <summary>Registers the formatters (called by <see cref="Course.Setup"/>; safe to call again).</summary>
    public static void Register()
    {
        Formatter.Register<torch.Tensor>((tensor, writer) => writer.Write(Describe(tensor)), PlainTextFormatter.MimeType);
        Formatter.Register<torch.Tensor>(
            (tensor, writer) => writer.Write($"<pre class=\"tagnn-tensor\">{WebUtility.HtmlEncode(Describe(tensor))}</pre>"),
            HtmlFormatter.MimeType);
        // Diagrams (session graphs, alias maps, batches): their own markup as HTML, their description as text.
        Formatter.Register<HtmlFigure>((figure, writer) => writer.Write(figure.Html), HtmlFormatter.MimeType);
        Formatter.Register<HtmlFigure>((figure, writer) => writer.Write(figure.Description), PlainTextFormatter.MimeType);
        // The comparison helper's results (notebook 11): their tables as HTML, their one-line-per-model text otherwise.
        Formatter.Register<Tagnn.Experiments.ComparisonResult>((r, writer) => writer.Write(ComparisonTables.Comparison(r).Html), HtmlFormatter.MimeType);
        Formatter.Register<Tagnn.Experiments.ComparisonResult>((r, writer) => writer.Write(r.Describe()), PlainTextFormatter.MimeType);
        Formatter.Register<Tagnn.Experiments.SweepResult>((r, writer) => writer.Write(ComparisonTables.Sweep(r).Html), HtmlFormatter.MimeType);
        Formatter.Register<Tagnn.Experiments.SweepResult>((r, writer) => writer.Write(r.Comparison.Describe()), PlainTextFormatter.MimeType);
    }

    /// <summary>
    /// A tensor as text: a header with shape, dtype and device, then its values (NumPy style) when it has at most
    /// <see cref="MaxElementsShown"/> elements. Disposed tensors say so instead of throwing.
    /// </summary>
    public static string Describe(torch.Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.IsInvalid) return "Tensor (disposed)";
        var shape = "(" + string.Join(", ", tensor.shape) + (tensor.shape.Length == 1 ? ",)" : ")");
        var header = $"Tensor {shape} {tensor.dtype.ToString().ToLowerInvariant()} on {tensor.device}";
        if (tensor.numel() > MaxElementsShown)
            return $"{header}\n({tensor.numel():N0} elements; index a slice to see values)";
        var values = tensor.ToString(TensorStringStyle.Numpy, "g4", 100, CultureInfo.InvariantCulture, "\n");
        return $"{header}\n{values}";
    }
}
