using System.Net;

namespace Tagnn.Course;

/// <summary>
/// A static figure as HTML (usually one inline SVG drawing): the course's pictures that are diagrams rather than
/// charts (session graphs, alias maps, prefix augmentation, padded batches). Make it the last expression of a cell to
/// show it; <see cref="NotebookFormatters.Register"/> registers its HTML formatter, so it renders in VS Code, Jupyter
/// and the course's HTML pages without a script.
/// </summary>
/// <param name="Html">The markup (self-contained: no script, no external reference).</param>
/// <param name="Description">A short plain-text description (the text form, also used as the drawing's title).</param>
public sealed record HtmlFigure(string Html, string Description)
{
    /// <summary>Several figures side by side (wrapping onto the next line when the page is narrow).</summary>
    public static HtmlFigure Row(params HtmlFigure[] figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var html = "<div style=\"display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start\">" +
                   string.Concat(figures.Select(f => $"<div>{f.Html}</div>")) + "</div>";
        return new HtmlFigure(html, string.Join("; ", figures.Select(f => f.Description)));
    }

    /// <summary>Figures one below the other.</summary>
    public static HtmlFigure Column(params HtmlFigure[] figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var html = "<div style=\"display:flex;flex-direction:column;gap:12px\">" +
                   string.Concat(figures.Select(f => $"<div>{f.Html}</div>")) + "</div>";
        return new HtmlFigure(html, string.Join("; ", figures.Select(f => f.Description)));
    }

    /// <summary>The plain-text description.</summary>
    public override string ToString() => Description;

    internal static string Encode(string text) => WebUtility.HtmlEncode(text);
}
