using System.Globalization;
using System.Net;
using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.DotNet.Interactive.Documents;
using Tagnn.Notebooks.Host.Execution;
using Tagnn.Notebooks.Protocol;

namespace Tagnn.Notebooks.Host.Html;

/// <summary>
/// Renders an executed notebook as a static HTML page: markdown through Markdig (LaTeX left as <c>\(..\)</c> /
/// <c>\[..\]</c> for MathJax), code cells with their outputs (HTML outputs such as Plotly charts and DataFrames
/// verbatim, text in <c>pre</c>), and a banner naming the failed cell, if any. Scripts come from <c>assets/</c>.
/// </summary>
internal static class HtmlPageWriter
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <summary>The MathJax configuration: TeX only inside markdown cells (class <c>tex2jax_process</c>), SVG output.</summary>
    private const string MathJaxConfig = """
        window.MathJax = {
          tex: { inlineMath: [['\\(', '\\)']], displayMath: [['\\[', '\\]']], processEscapes: false },
          options: { ignoreHtmlClass: 'tex2jax_ignore', processHtmlClass: 'tex2jax_process' },
          svg: { fontCache: 'global' },
          startup: { typeset: true }
        };
        """;

    /// <summary>Writes <c>NAME.html</c> (and any local image a markdown cell references) into <paramref name="outputDir"/>.</summary>
    public static string Write(NotebookRun run, string outputDir)
    {
        var path = Path.Combine(outputDir, Path.ChangeExtension(run.Source.Name, ".html"));
        NotebookFiles.WriteAtomically(path, Render(run, run.Source.DirectoryName!, outputDir));
        return path;
    }

    /// <summary>The page's HTML. Local images referenced by markdown are copied from <paramref name="notebookDir"/>.</summary>
    public static string Render(NotebookRun run, string notebookDir, string outputDir)
    {
        var title = Title(run.Executed) ?? Path.GetFileNameWithoutExtension(run.Source.Name);
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Enc(title)} · TAGNN course</title>
            <link rel="stylesheet" href="{StaticAssets.Stylesheet}">
            <script src="{StaticAssets.PlotlyScript}"></script>
            <script src="{StaticAssets.CourseScript}"></script>
            <script>
            {MathJaxConfig}
            </script>
            <script defer src="{StaticAssets.MathJaxScript}"></script>
            </head>
            <body class="tex2jax_ignore">
            <header class="page"><a href="index.html">&larr; All notebooks</a><span>{Enc(Summary(run))}</span></header>
            <main>

            """);

        if (run.Failure is { } failure)
        {
            html.Append($"""
                <div class="banner failed"><strong>Cell {failure.Cell} {(failure.Status == RunnerEvent.TimedOut ? "timed out" : "failed")}</strong>
                (<code>{Enc(failure.FirstLine)}</code>); the cells after it did not run.<pre>{Enc(failure.Error ?? "")}</pre></div>

                """);
        }

        var index = 0;
        foreach (var element in run.Executed.Elements)
        {
            index++;
            if (string.Equals(element.KernelName, "markdown", StringComparison.OrdinalIgnoreCase))
            {
                html.Append($"<section class=\"cell markdown tex2jax_process\" id=\"cell-{index}\">\n");
                html.Append(Markdown(element.Contents, notebookDir, outputDir));
                html.Append("</section>\n");
                continue;
            }

            var result = run.Cells.FirstOrDefault(c => c.Cell == index);
            var state = result is null ? " not-run" : result.Status == RunnerEvent.Ok ? "" : " failed";
            var prompt = result is null ? "[ ]" : $"[{result.CodeCell}]";
            html.Append($"<section class=\"cell code{state}\" id=\"cell-{index}\">");
            html.Append($"<div class=\"prompt\">{prompt}</div><div class=\"body\">");
            html.Append($"<pre class=\"source\"><code class=\"language-csharp\">{Enc(element.Contents)}</code></pre>");
            if (element.Outputs.Count > 0 || result is not null)
            {
                html.Append("<div class=\"outputs\">");
                foreach (var output in element.Outputs) html.Append(Output(output, notebookDir, outputDir));
                if (result is not null)
                    html.Append($"<div class=\"timing\">{result.Seconds.ToString("0.00", CultureInfo.InvariantCulture)} s</div>");
                html.Append("</div>");
            }
            html.Append("</div></section>\n");
        }

        html.Append($"""
            </main>
            <footer class="page">Executed from <code>notebooks/{Enc(run.Source.Name)}</code> by <code>tagnn notebooks run</code>.
            Charts: plotly.js {Enc(StaticAssets.PlotlyVersion())}; formulas: MathJax 3.</footer>
            </body>
            </html>

            """);
        return html.ToString();
    }

    /// <summary>The notebook's title: the first markdown heading, if any.</summary>
    public static string? Title(InteractiveDocument document)
    {
        foreach (var element in document.Elements.Where(e => string.Equals(e.KernelName, "markdown", StringComparison.OrdinalIgnoreCase)))
        {
            var heading = Markdig.Markdown.Parse(element.Contents, Pipeline).Descendants<HeadingBlock>().FirstOrDefault();
            if (heading?.Inline is { } inline) return PlainText(inline);
        }
        return null;
    }

    private static string Summary(NotebookRun run)
    {
        var mode = run.Smoke ? "smoke mode" : "full mode";
        var status = run.Status == RunnerEvent.Ok ? "ran" : run.Status;
        return $"{status} in {run.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s · {mode} · {run.StartedAt:yyyy-MM-dd HH:mm} UTC";
    }

    private static string Output(InteractiveDocumentOutputElement output, string notebookDir, string outputDir) => output switch
    {
        TextElement text => $"<pre class=\"{(text.Name == "stderr" ? "stderr" : "stdout")}\">{Enc(text.Text)}</pre>",
        ErrorElement error => $"<pre class=\"error\">{Enc(ErrorText(error))}</pre>",
        DisplayElement display => Data(display.Data, notebookDir, outputDir),
        ReturnValueElement value => Data(value.Data, notebookDir, outputDir),
        _ => "",
    };

    private static string ErrorText(ErrorElement error)
    {
        var text = $"{error.ErrorName}: {error.ErrorValue}";
        return error.StackTrace is { Length: > 0 } trace ? text + "\n" + string.Join("\n", trace) : text;
    }

    /// <summary>Renders the richest representation: HTML, SVG, PNG/JPEG, markdown, JSON, then plain text.</summary>
    private static string Data(IDictionary<string, object> data, string notebookDir, string outputDir)
    {
        string? Get(string mime) => data.TryGetValue(mime, out var v) ? v as string ?? v?.ToString() : null;
        if (Get("text/html") is { } h) return $"<div class=\"output-html\">{h}</div>";
        if (Get("image/svg+xml") is { } svg) return $"<div class=\"output-svg\">{svg}</div>";
        if (Get("image/png") is { } png) return $"<img alt=\"output\" src=\"data:image/png;base64,{png.Trim()}\">";
        if (Get("image/jpeg") is { } jpg) return $"<img alt=\"output\" src=\"data:image/jpeg;base64,{jpg.Trim()}\">";
        if (Get("text/markdown") is { } md) return $"<div class=\"output-markdown tex2jax_process\">{Markdown(md, notebookDir, outputDir)}</div>";
        if (Get("application/json") is { } json) return $"<pre>{Enc(json)}</pre>";
        if (Get("text/plain") is { } text) return $"<pre>{Enc(text)}</pre>";
        return "";
    }

    /// <summary>Markdown to HTML; local images (relative paths under the notebook folder) are copied beside the page.</summary>
    private static string Markdown(string source, string notebookDir, string outputDir)
    {
        var document = Markdig.Markdown.Parse(source, Pipeline);
        foreach (var image in document.Descendants<LinkInline>().Where(l => l.IsImage && l.Url is not null))
            CopyLocalImage(image.Url!, notebookDir, outputDir);
        return Markdig.Markdown.ToHtml(document, Pipeline);
    }

    private static void CopyLocalImage(string url, string notebookDir, string outputDir)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out _) || url.StartsWith('/') || url.StartsWith("data:", StringComparison.Ordinal)) return;
        var root = Path.GetFullPath(notebookDir) + Path.DirectorySeparatorChar;
        var source = Path.GetFullPath(Path.Combine(notebookDir, WebUtility.UrlDecode(url)));
        if (!source.StartsWith(root, StringComparison.Ordinal) || !File.Exists(source)) return;
        var target = Path.Combine(outputDir, Path.GetRelativePath(notebookDir, source));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(source, target, overwrite: true);
    }

    private static string PlainText(ContainerInline inline)
    {
        var text = new StringBuilder();
        foreach (var item in inline.Descendants<Inline>())
        {
            if (item is LiteralInline literal) text.Append(literal.Content.ToString());
            else if (item is CodeInline code) text.Append(code.Content);
        }
        return text.ToString().Trim();
    }

    private static string Enc(string text) => WebUtility.HtmlEncode(text);
}
