using System.Text;

namespace Tagnn.Course;

/// <summary>
/// Builds the course's small HTML tables (results, epochs, dataset statistics, ablations, top-k lists) in one style:
/// an optional caption, a header row, numbers right-aligned in tabular figures, text HTML-encoded unless marked raw,
/// and an optional footnote. No script, so the table renders wherever an <see cref="HtmlFigure"/> does.
/// </summary>
internal sealed class HtmlTable
{
    private readonly StringBuilder html = new();
    private bool rowOpen;

    /// <summary>Starts a table, with a bold caption above it when <paramref name="caption"/> is given.</summary>
    public HtmlTable(string? caption = null)
    {
        html.Append("<table style=\"border-collapse:collapse;font-size:13px;font-family:").Append(SvgCanvas.Font).Append("\">");
        if (caption is not null)
            html.Append("<caption style=\"text-align:left;font-weight:bold;padding:4px 0\">").Append(HtmlFigure.Encode(caption)).Append("</caption>");
    }

    /// <summary>The header row; a column marked <c>Number</c> is right-aligned. Call once, before the first row.</summary>
    public HtmlTable Head(IEnumerable<(string Text, bool Number)> columns)
    {
        html.Append("<thead><tr style=\"border-bottom:2px solid #333\">");
        foreach (var (text, number) in columns)
            html.Append("<th style=\"padding:4px 10px;text-align:").Append(number ? "right" : "left").Append("\">")
                .Append(HtmlFigure.Encode(text)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        return this;
    }

    /// <summary>Starts a body row (closing the previous one), with <paramref name="style"/> as its CSS if given.</summary>
    public HtmlTable Row(string? style = null)
    {
        CloseRow();
        html.Append(string.IsNullOrEmpty(style) ? "<tr>" : $"<tr style=\"{style}\">");
        rowOpen = true;
        return this;
    }

    /// <summary>A cell of the current row.</summary>
    /// <param name="text">The content: plain text, or markup when <paramref name="raw"/>.</param>
    /// <param name="number">Right-aligned, tabular figures.</param>
    /// <param name="bold">Bold.</param>
    /// <param name="raw">The content is markup already (e.g. coloured spans); it is not encoded.</param>
    /// <param name="style">More CSS for this cell (e.g. a colour).</param>
    public HtmlTable Cell(string text, bool number = false, bool bold = false, bool raw = false, string? style = null)
    {
        html.Append("<td style=\"padding:3px 10px;").Append(number ? "text-align:right;font-variant-numeric:tabular-nums" : "text-align:left");
        if (style is not null) html.Append(';').Append(style);
        if (bold) html.Append(";font-weight:bold");
        html.Append("\">").Append(raw ? text : HtmlFigure.Encode(text)).Append("</td>");
        return this;
    }

    /// <summary>Ends the table, with <paramref name="footnote"/> in small grey type below it if given.</summary>
    /// <param name="description">The figure's plain-text description.</param>
    /// <param name="footnote">Plain text under the table, or null.</param>
    public HtmlFigure ToFigure(string description, string? footnote = null)
    {
        CloseRow();
        html.Append("</tbody></table>");
        if (footnote is not null)
            html.Append("<div style=\"font-size:11px;color:#777;margin-top:3px\">").Append(HtmlFigure.Encode(footnote)).Append("</div>");
        return new HtmlFigure(html.ToString(), description);
    }

    private void CloseRow()
    {
        if (rowOpen) html.Append("</tr>");
        rowOpen = false;
    }
}
