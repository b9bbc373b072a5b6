using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tagnn.Training;

/// <summary>
/// The selected epoch's weights: a copy of every parameter of a model, by name, taken when an epoch becomes the
/// selected one (<see cref="EpochSelection.Observe"/>), saved in checkpoints (<c>best.*</c>) and put into the model
/// for a while to score the test set with them (validation protocol). The copies live on the parameters' device and
/// belong to this object (outside any dispose scope).
/// </summary>
internal sealed class SelectedWeights : IDisposable
{
    private readonly (string Name, Parameter Parameter)[] parameters;
    private readonly Dictionary<string, Tensor> copies = new(StringComparer.Ordinal);

    /// <summary>Keeps copies of <paramref name="parameters"/> (none yet).</summary>
    public SelectedWeights(IEnumerable<(string Name, Parameter Parameter)> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        this.parameters = [.. parameters];
    }

    /// <summary>The copies by parameter name (empty before the first <see cref="Capture"/>).</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors => copies;

    /// <summary>Copies the parameters' current values (into the existing copies after the first time).</summary>
    public void Capture()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        foreach (var (name, parameter) in parameters)
        {
            if (copies.TryGetValue(name, out var copy)) copy.copy_(parameter);
            else copies[name] = parameter.detach().clone().DetachFromDisposeScope();
        }
    }

    /// <summary>Replaces the copies with <paramref name="weights"/> (from a checkpoint), moved to the parameters'
    /// devices.</summary>
    /// <exception cref="InvalidDataException">A parameter has no weights in <paramref name="weights"/>.</exception>
    public void Load(IReadOnlyDictionary<string, Tensor> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var missing = parameters.Select(p => p.Name).Where(n => !weights.ContainsKey(n)).ToList();
        if (missing.Count > 0) throw new InvalidDataException($"The best weights lack {string.Join(", ", missing)}.");
        Clear();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        foreach (var (name, parameter) in parameters)
            copies[name] = weights[name].to(parameter.device).clone().DetachFromDisposeScope();
    }

    /// <summary>Runs <paramref name="body"/> with the copies in the model, then puts the model's own weights back
    /// (also when <paramref name="body"/> throws).</summary>
    public T With<T>(Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        Dictionary<string, Tensor> current;
        using (NewDisposeScope())
            current = parameters.ToDictionary(p => p.Name, p => p.Parameter.detach().clone().DetachFromDisposeScope(), StringComparer.Ordinal);
        try
        {
            CopyInto(copies);
            return body();
        }
        finally
        {
            CopyInto(current);
            foreach (var t in current.Values) t.Dispose();
        }
    }

    /// <summary>Disposes the copies (<see cref="Tensors"/> is empty afterwards).</summary>
    public void Clear()
    {
        foreach (var t in copies.Values) t.Dispose();
        copies.Clear();
    }

    /// <summary>Disposes the copies.</summary>
    public void Dispose() => Clear();

    private void CopyInto(IReadOnlyDictionary<string, Tensor> weights)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in parameters) parameter.copy_(weights[name]);
    }
}
