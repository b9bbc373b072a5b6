using System.Text;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Tagnn.Notebooks.Host.Execution;

/// <summary>
/// Turns the kernel events of one cell into Jupyter outputs, in the order they happened: displays
/// (<c>display_data</c>; an update replaces the display it updates, as a live front end shows it), the return value
/// (<c>execute_result</c>), consecutive standard output / error text merged into one <c>stream</c> output, and errors.
/// </summary>
internal sealed class OutputCollector(int executionCount)
{
    private readonly List<Output> outputs = [];
    private readonly Lock gate = new();

    /// <summary>The command's failure, if it failed.</summary>
    public CommandFailed? Failure { get; private set; }

    /// <summary>Handles one kernel event (thread-safe: background threads may display).</summary>
    public void OnEvent(KernelEvent e)
    {
        lock (gate)
        {
            switch (e)
            {
                case StandardOutputValueProduced stdout:
                    AppendStream("stdout", PlainText(stdout.FormattedValues));
                    break;
                case StandardErrorValueProduced stderr:
                    AppendStream("stderr", PlainText(stderr.FormattedValues));
                    break;
                case ErrorProduced error:
                    outputs.Add(new ErrorOutput("Error", error.Message, []));
                    break;
                case DisplayedValueUpdated updated:
                    var index = outputs.FindIndex(o => o is DisplayOutput d && d.ValueId == updated.ValueId);
                    var replacement = new DisplayOutput(updated.ValueId, Data(updated.FormattedValues));
                    if (index >= 0) outputs[index] = replacement;
                    else outputs.Add(replacement);
                    break;
                case ReturnValueProduced returned:
                    outputs.Add(new ReturnOutput(Data(returned.FormattedValues)));
                    break;
                case DisplayedValueProduced displayed:
                    outputs.Add(new DisplayOutput(displayed.ValueId, Data(displayed.FormattedValues)));
                    break;
                case CommandFailed failed when Failure is null:
                    Failure = failed;
                    outputs.Add(ErrorOf(failed));
                    break;
            }
        }
    }

    /// <summary>Adds an error output that did not come from the kernel (a timeout, say).</summary>
    public void AddError(string name, string message)
    {
        lock (gate) outputs.Add(new ErrorOutput(name, message, []));
    }

    /// <summary>The outputs as Jupyter output elements.</summary>
    public List<InteractiveDocumentOutputElement> ToElements()
    {
        lock (gate)
        {
            return outputs.Where(o => o is not DisplayOutput { Data.Count: 0 }).Select(o => o switch
            {
                StreamOutput s => (InteractiveDocumentOutputElement)new TextElement(s.Text.ToString(), s.Name),
                DisplayOutput d => new DisplayElement(d.Data),
                ReturnOutput r => Return(r.Data),
                ErrorOutput x => new ErrorElement(errorName: x.Name, errorValue: x.Message, stackTrace: x.Trace),
                _ => throw new InvalidOperationException(o.GetType().Name),
            }).ToList();
        }
    }

    private ReturnValueElement Return(IDictionary<string, object> data)
    {
        var element = new ReturnValueElement { ExecutionOrder = executionCount };
        foreach (var (mime, value) in data) element.Data[mime] = value;
        return element;
    }

    private void AppendStream(string name, string text)
    {
        if (text.Length == 0) return;
        if (outputs.Count > 0 && outputs[^1] is StreamOutput last && last.Name == name) last.Text.Append(text);
        else outputs.Add(new StreamOutput(name, new StringBuilder(text)));
    }

    private static ErrorOutput ErrorOf(CommandFailed failed)
    {
        if (failed.Exception is { } compile && NotebookExecutor.IsCompilationError(compile))
            return new ErrorOutput("CompilationError", compile.Message, []);
        if (failed.Exception is { } ex)
        {
            return new ErrorOutput(ex.GetType().FullName ?? "Exception", ex.Message,
                (ex.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        return new ErrorOutput("Error", failed.Message, []);
    }

    private static string PlainText(IEnumerable<FormattedValue> values) =>
        values.FirstOrDefault(v => v.MimeType == PlainTextFormatter.MimeType)?.Value ?? "";

    private static Dictionary<string, object> Data(IEnumerable<FormattedValue> values) =>
        values.Where(v => !v.SuppressDisplay)
              .GroupBy(v => v.MimeType, StringComparer.Ordinal)
              .ToDictionary(g => g.Key, g => (object)g.Last().Value, StringComparer.Ordinal);

    private abstract record Output;

    private sealed record StreamOutput(string Name, StringBuilder Text) : Output;

    private sealed record DisplayOutput(string? ValueId, Dictionary<string, object> Data) : Output;

    private sealed record ReturnOutput(Dictionary<string, object> Data) : Output;

    private sealed record ErrorOutput(string Name, string Message, string[] Trace) : Output;
}
