using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tagnn.Training;

/// <summary>
/// Adam exactly as PyTorch's <c>torch.optim.Adam</c> with <c>weight_decay</c> (the reference's optimiser): the L2
/// term is coupled into the gradient (g + wd * theta, not AdamW's decoupled decay), on every parameter.
/// Its state (first and second moments and step counts per parameter) is public so checkpoints can save and
/// restore it bit for bit.
/// </summary>
/// <remarks>
/// <para>One update of a parameter theta with gradient g, at its step t (counted per parameter; a parameter without
/// a gradient is skipped and its count does not move):</para>
/// <code>
/// g = g + wd * theta
/// m = beta1 * m + (1 - beta1) * g
/// v = beta2 * v + (1 - beta2) * g * g
/// theta = theta - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
/// </code>
/// <para>The operations and their order are those of PyTorch's single-tensor implementation (and of TorchSharp's
/// <c>optim.Adam</c>), so the results are identical to the last bit on the same machine. The moments live on the
/// parameters' device.</para>
/// </remarks>
public sealed class AdamOptimizer : IDisposable
{
    private readonly Parameter[] parameters;
    private readonly Tensor[] expAvg, expAvgSq;
    private readonly long[] steps;

    /// <summary>Creates the optimiser over named parameters (names key the saved state).</summary>
    /// <param name="parameters">The parameters to update, with unique names (e.g. <c>model.named_parameters()</c>).</param>
    /// <param name="learningRate">lr (the reference's 1e-3); change it between steps with <see cref="LearningRate"/>.</param>
    /// <param name="beta1">First-moment decay (0.9).</param>
    /// <param name="beta2">Second-moment decay (0.999).</param>
    /// <param name="eps">Added to the denominator (1e-8).</param>
    /// <param name="weightDecay">L2 coefficient coupled into the gradient (the reference's 1e-5).</param>
    public AdamOptimizer(IEnumerable<(string Name, Parameter Parameter)> parameters, double learningRate = 1e-3,
        double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(learningRate >= 0)) throw new ArgumentException($"Invalid learning rate {learningRate}.", nameof(learningRate));
        if (!(beta1 is >= 0 and < 1)) throw new ArgumentException($"Invalid beta1 {beta1}.", nameof(beta1));
        if (!(beta2 is >= 0 and < 1)) throw new ArgumentException($"Invalid beta2 {beta2}.", nameof(beta2));
        if (!(eps >= 0)) throw new ArgumentException($"Invalid eps {eps}.", nameof(eps));
        if (!(weightDecay >= 0)) throw new ArgumentException($"Invalid weight decay {weightDecay}.", nameof(weightDecay));
        var list = parameters.ToList();
        var duplicate = list.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Parameter name '{duplicate.Key}' is used twice.", nameof(parameters));
        Names = [.. list.Select(p => p.Name)];
        this.parameters = [.. list.Select(p => p.Parameter)];
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        WeightDecay = weightDecay;
        steps = new long[this.parameters.Length];
        // Zero moments, as PyTorch's lazy state initialisation creates them; owned by the optimiser (no scope).
        expAvg = [.. this.parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
        expAvgSq = [.. this.parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
    }

    /// <summary>The parameters' names, in order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The learning rate the next <see cref="Step"/> uses.</summary>
    public double LearningRate { get; set; }

    /// <summary>beta1.</summary>
    public double Beta1 { get; }

    /// <summary>beta2.</summary>
    public double Beta2 { get; }

    /// <summary>eps.</summary>
    public double Eps { get; }

    /// <summary>The coupled L2 coefficient.</summary>
    public double WeightDecay { get; }

    /// <summary>Steps taken per parameter (PyTorch's <c>state['step']</c>), in <see cref="Names"/> order.</summary>
    public IReadOnlyList<long> Steps => steps;

    /// <summary>
    /// Zeroes every gradient in place (PyTorch 1.x's <c>zero_grad()</c>, which the reference ran, and TorchSharp's):
    /// the gradient buffers are reused from step to step instead of being allocated afresh.
    /// </summary>
    public void ZeroGrad()
    {
        foreach (var p in parameters)
        {
            using var grad = p.grad;
            grad?.zero_();
        }
    }

    /// <summary>Elements updated at a time by default: a large parameter is updated in slices of this many elements
    /// (1 MB of float32), so the step's temporaries stay small whatever the parameter's size. Small enough that glibc
    /// serves them from its heap and reuses the same blocks slice after slice (slices of 16 MB made the resident
    /// memory of FPMC at Diginetica scale grow by about 0.6 GB: blocks that size end up scattered in the heap).</summary>
    internal const long DefaultSliceElements = 1L << 18;

    /// <summary>Elements updated at a time (tests make it small).</summary>
    internal long SliceElements { get; init; } = DefaultSliceElements;

    /// <summary>Updates every parameter that has a gradient.</summary>
    /// <remarks>Every operation is element-wise, so a parameter is updated slice by slice (<see cref="SliceElements"/>)
    /// with the same operations and the same bits; the temporaries (the decayed gradient, the denominator) are those of
    /// one slice, freed before the next, instead of two more copies of the largest parameter (a 186,670-row session
    /// table of BPR-MF or FPMC is 75 MB), and the eight passes over a slice run in cache.</remarks>
    public void Step()
    {
        using var noGrad = no_grad();
        for (var i = 0; i < parameters.Length; i++)
        {
            var param = parameters[i];
            using var raw = param.grad;            // a handle; the buffer stays the parameter's
            if (raw is null) continue;
            steps[i] += 1;
            var biasCorrection1 = 1 - Math.Pow(Beta1, steps[i]);
            var biasCorrection2 = 1 - Math.Pow(Beta2, steps[i]);
            var count = param.numel();
            if (count <= SliceElements)
            {
                Update(param, raw, expAvg[i], expAvgSq[i], biasCorrection1, biasCorrection2);
                continue;
            }
            using var p = param.view(-1);
            using var g = raw.view(-1);
            using var m = expAvg[i].view(-1);
            using var v = expAvgSq[i].view(-1);
            for (long start = 0; start < count; start += SliceElements)
            {
                var length = Math.Min(SliceElements, count - start);
                using var ps = p.narrow(0, start, length);
                using var gs = g.narrow(0, start, length);
                using var ms = m.narrow(0, start, length);
                using var vs = v.narrow(0, start, length);
                Update(ps, gs, ms, vs, biasCorrection1, biasCorrection2);
            }
        }
    }

    // One update of theta with gradient g and moments m, v (whole tensors or matching slices of them).
    private void Update(Tensor param, Tensor raw, Tensor m, Tensor v, double biasCorrection1, double biasCorrection2)
    {
        using var scope = NewDisposeScope();
        var grad = WeightDecay != 0 ? raw.add(param, alpha: WeightDecay) : raw;   // coupled L2
        m.mul_(Beta1).add_(grad, alpha: 1 - Beta1);
        v.mul_(Beta2).addcmul_(grad, grad, value: 1 - Beta2);
        var denominator = (v.sqrt() / Math.Sqrt(biasCorrection2)).add_(Eps);
        param.addcdiv_(m, denominator, value: -(LearningRate / biasCorrection1));
    }

    /// <summary>
    /// The state as named tensors: <c>exp_avg.NAME</c> and <c>exp_avg_sq.NAME</c> for every parameter (the
    /// optimiser's own tensors, not copies), plus the per-parameter step counts.
    /// </summary>
    public (IReadOnlyList<KeyValuePair<string, Tensor>> Tensors, IReadOnlyDictionary<string, long> Steps) State()
    {
        var tensors = new List<KeyValuePair<string, Tensor>>(2 * parameters.Length);
        for (var i = 0; i < parameters.Length; i++) tensors.Add(KeyValuePair.Create("exp_avg." + Names[i], expAvg[i]));
        for (var i = 0; i < parameters.Length; i++) tensors.Add(KeyValuePair.Create("exp_avg_sq." + Names[i], expAvgSq[i]));
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < parameters.Length; i++) counts[Names[i]] = steps[i];
        return (tensors, counts);
    }

    /// <summary>Restores a state saved by <see cref="State"/> (copied into the optimiser's tensors, on its device).</summary>
    /// <exception cref="InvalidDataException">A tensor or step count is missing or has the wrong shape; the message
    /// names them all.</exception>
    public void LoadState(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, long> stepCounts)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(stepCounts);
        var problems = new List<string>();
        for (var i = 0; i < parameters.Length; i++)
        {
            foreach (var (prefix, target) in new[] { ("exp_avg.", expAvg[i]), ("exp_avg_sq.", expAvgSq[i]) })
            {
                if (!tensors.TryGetValue(prefix + Names[i], out var source)) problems.Add($"missing '{prefix}{Names[i]}'");
                else if (!source.shape.SequenceEqual(target.shape))
                    problems.Add($"'{prefix}{Names[i]}' has shape [{string.Join(", ", source.shape)}], expected [{string.Join(", ", target.shape)}]");
            }
            if (!stepCounts.ContainsKey(Names[i])) problems.Add($"no step count for '{Names[i]}'");
        }
        if (problems.Count > 0) throw new InvalidDataException($"The optimiser state does not fit these parameters: {string.Join("; ", problems)}.");
        using var noGrad = no_grad();
        for (var i = 0; i < parameters.Length; i++)
        {
            expAvg[i].copy_(tensors["exp_avg." + Names[i]]);
            expAvgSq[i].copy_(tensors["exp_avg_sq." + Names[i]]);
            steps[i] = stepCounts[Names[i]];
        }
    }

    /// <summary>Disposes the moments.</summary>
    public void Dispose()
    {
        foreach (var t in expAvg) t.Dispose();
        foreach (var t in expAvgSq) t.Dispose();
    }
}
