using System.Globalization;
using System.Text;

namespace Tagnn.Course;

/// <summary>A minimal SVG writer for the course's diagrams: invariant-culture numbers, encoded text, one arrow marker
/// per drawing (ids unique per drawing so several drawings can share a page).</summary>
internal sealed class SvgCanvas
{
    public const string Font = "-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";
    public const string Ink = "#333";
    public const string Muted = "#888";
    public const string Blue = "#1f77b4";
    public const string LightBlue = "#d6e6f5";
    public const string Orange = "#ff7f0e";
    public const string LightOrange = "#ffe3c8";
    public const string Grey = "#c8c8c8";
    public const string LightGrey = "#f0f0f0";
    public const string Green = "#2ca02c";

    private static int nextId;
    private readonly StringBuilder body = new();

    public SvgCanvas(double width, double height, string description)
    {
        Width = width;
        Height = height;
        Description = description;
        Id = "tg" + Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture);
    }

    public double Width { get; }
    public double Height { get; }
    public string Description { get; }

    /// <summary>Unique id prefix of this drawing.</summary>
    public string Id { get; }

    /// <summary>The arrow marker reference for <c>marker-end</c>.</summary>
    public string Arrow(string color) => $"url(#{Id}-arrow-{color.TrimStart('#')})";

    private readonly HashSet<string> markerColors = [];

    internal static string F(double v) => Math.Round(v, 2).ToString(CultureInfo.InvariantCulture);

    public SvgCanvas Raw(string svg)
    {
        body.Append(svg).Append('\n');
        return this;
    }

    public SvgCanvas Rect(double x, double y, double w, double h, string fill, string stroke, double rx = 4,
        string? dash = null, double strokeWidth = 1.2) =>
        Raw($"<rect x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(w)}\" height=\"{F(h)}\" rx=\"{F(rx)}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{F(strokeWidth)}\"{DashAttr(dash)}/>");

    public SvgCanvas Circle(double cx, double cy, double r, string fill, string stroke, string? dash = null, double strokeWidth = 1.6) =>
        Raw($"<circle cx=\"{F(cx)}\" cy=\"{F(cy)}\" r=\"{F(r)}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{F(strokeWidth)}\"{DashAttr(dash)}/>");

    public SvgCanvas Line(double x1, double y1, double x2, double y2, string stroke, double width = 1.4, bool arrow = false,
        string? dash = null, double opacity = 1) =>
        Raw($"<line x1=\"{F(x1)}\" y1=\"{F(y1)}\" x2=\"{F(x2)}\" y2=\"{F(y2)}\" stroke=\"{stroke}\" stroke-width=\"{F(width)}\"" +
            $"{(opacity < 1 ? $" stroke-opacity=\"{F(opacity)}\"" : "")}{DashAttr(dash)}{MarkerAttr(arrow, stroke)}/>");

    public SvgCanvas Path(string d, string stroke, double width = 1.6, bool arrow = false, string fill = "none") =>
        Raw($"<path d=\"{d}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{F(width)}\"{MarkerAttr(arrow, stroke)}/>");

    public SvgCanvas Text(double x, double y, string text, double size = 12, string color = Ink, string anchor = "middle",
        string weight = "normal", bool halo = false, string? style = null) =>
        Raw($"<text x=\"{F(x)}\" y=\"{F(y)}\" font-size=\"{F(size)}\" fill=\"{color}\" text-anchor=\"{anchor}\" dominant-baseline=\"central\"" +
            $" font-weight=\"{weight}\"{(halo ? " stroke=\"white\" stroke-width=\"4\" paint-order=\"stroke\"" : "")}" +
            $"{(style is null ? "" : $" font-style=\"{style}\"")}>{HtmlFigure.Encode(text)}</text>");

    public HtmlFigure ToFigure()
    {
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{F(Width)}\" height=\"{F(Height)}\" viewBox=\"0 0 {F(Width)} {F(Height)}\"")
           .Append($" font-family=\"{Font}\" role=\"img\" aria-label=\"{HtmlFigure.Encode(Description)}\" style=\"background:white\">\n");
        svg.Append($"<title>{HtmlFigure.Encode(Description)}</title>\n");
        if (markerColors.Count > 0)
        {
            svg.Append("<defs>");
            foreach (var color in markerColors)
            {
                svg.Append($"<marker id=\"{Id}-arrow-{color.TrimStart('#')}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"10\" markerHeight=\"10\"")
                   .Append($" markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"M0,0.5 L10,5 L0,9.5 z\" fill=\"{color}\"/></marker>");
            }
            svg.Append("</defs>\n");
        }
        svg.Append(body).Append("</svg>");
        return new HtmlFigure(svg.ToString(), Description);
    }

    private string MarkerAttr(bool arrow, string color)
    {
        if (!arrow) return "";
        markerColors.Add(color);
        return $" marker-end=\"{Arrow(color)}\"";
    }

    private static string DashAttr(string? dash) => dash is null ? "" : $" stroke-dasharray=\"{dash}\"";
}
