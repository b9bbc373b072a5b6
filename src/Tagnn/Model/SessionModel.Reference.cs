using Tagnn.IO;
using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>The reference's names: the model's tensors under the authors' <c>state_dict</c> names, and safetensors
/// files under those names.</summary>
public sealed partial class SessionModel
{
    /// <summary>
    /// Every parameter, plus the unused buffers the reference has, under the reference's names and in its order
    /// (e.g. <c>embedding.weight</c>, <c>gnn.w_ih</c>, <c>linear_one.weight</c>, <c>linear_t.weight</c>). The tensors
    /// are the model's own (not copies).
    /// </summary>
    public IReadOnlyList<(string Name, Tensor Tensor)> ReferenceTensors()
    {
        var all = named_parameters().Select(p => (Name: ReferenceName(p.name), Tensor: (Tensor)p.parameter))
            .Concat(named_buffers().Select(b => (Name: ReferenceName(b.name), b.buffer)))
            .ToList();
        var duplicate = all.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"Two tensors map to the reference name '{duplicate.Key}'.");
        return all
            .Select((p, i) => (p, rank: Array.IndexOf(ReferenceOrder, p.Name) is var r and >= 0 ? r : ReferenceOrder.Length + i))
            .OrderBy(x => x.rank)
            .Select(x => x.p)
            .ToList();
    }

    /// <summary>Writes the weights as safetensors under the reference names (the authors' code loads them with
    /// <c>model.load_state_dict(safetensors.torch.load_file(path))</c>).</summary>
    /// <param name="path">The file (written atomically).</param>
    /// <param name="metadata">Optional string metadata stored in the header.</param>
    public void SaveReferenceWeights(string path, IReadOnlyDictionary<string, string>? metadata = null) =>
        Safetensors.Save(path, ReferenceTensors().Select(p => KeyValuePair.Create(p.Name, p.Tensor)), metadata);

    /// <summary>
    /// Loads weights saved under the reference names (by <see cref="SaveReferenceWeights"/> or from the authors' model
    /// with <c>safetensors.torch.save_file(model.state_dict(), path)</c>). Every parameter must be present with its
    /// shape; the unused <c>gnn.linear_edge_f.*</c> may be missing; unknown names are an error.
    /// </summary>
    /// <exception cref="InvalidDataException">A name is missing or unknown, or a shape differs; the message lists them.</exception>
    public void LoadReferenceWeights(string path)
    {
        using var scope = NewDisposeScope();
        var loaded = Safetensors.Load(path);
        var targets = ReferenceTensors().ToDictionary(p => p.Name, p => p.Tensor);
        var problems = new List<string>();
        foreach (var name in loaded.Keys.Where(k => !targets.ContainsKey(k))) problems.Add($"unknown tensor '{name}'");
        foreach (var (name, tensor) in targets)
        {
            if (!loaded.TryGetValue(name, out var source))
            {
                if (!name.StartsWith("gnn.linear_edge_f.", StringComparison.Ordinal)) problems.Add($"missing tensor '{name}'");
                continue;
            }
            if (!source.shape.SequenceEqual(tensor.shape))
                problems.Add($"'{name}' has shape [{string.Join(", ", source.shape)}], the model needs [{string.Join(", ", tensor.shape)}]");
        }
        if (problems.Count > 0)
            throw new InvalidDataException($"{path}: the weights do not fit this model ({Config.Kind}, {Config.Formulation}): {string.Join("; ", problems)}.");
        using (no_grad())
        {
            foreach (var (name, tensor) in targets)
            {
                if (loaded.TryGetValue(name, out var source)) tensor.copy_(source);
            }
        }
    }

    private string ReferenceName(string name)
    {
        foreach (var prefix in flatComponents)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal)) return name[prefix.Length..];
        }
        return name;
    }
}
