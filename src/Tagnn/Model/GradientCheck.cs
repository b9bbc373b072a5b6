using Tagnn.Data;
using Tagnn.Graphs;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>
/// Checks a loss's gradients (autograd, or a hand-written backward) against central finite differences in float64,
/// parameter by parameter, in one call: for a few elements of every parameter,
/// (L(theta + h e) - L(theta - h e)) / 2h against dL/dtheta. A missing factor, a wrong sign, a detached path or a
/// forgotten term in a custom backward shows as a relative error near 1 on the parameters it touches.
/// </summary>
/// <remarks>
/// <para>Use a tiny case (a few items, d of 2 to 8, a batch of a few examples): every checked element costs two
/// evaluations of the loss. The parameters must be float64 (e.g. <c>model.to(ScalarType.Float64)</c>), and the loss
/// a deterministic function of them: it is evaluated twice at the start and must agree to the last bit (a dropout
/// drawing from torch's global generator fails this; the neural baselines draw their masks from the
/// <see cref="TrainingStepContext"/>, so their <c>Loss(batch, step)</c> is deterministic even in training mode).</para>
/// <para>The parameters are perturbed in place and restored exactly; nothing else about the module changes. This runs
/// outside a training step, so it reads device memory freely.</para>
/// </remarks>
public static class GradientCheck
{
    /// <summary>Checks <paramref name="model"/>'s training loss on <paramref name="batch"/> at
    /// <paramref name="step"/> (its samples: BPR negatives, dropout masks) for every parameter.</summary>
    public static GradientCheckReport Run(SessionRecommender model, SessionBatch batch, TrainingStepContext step = default,
        GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        return Run(model, () => model.Loss(batch, step), options);
    }

    /// <summary>Checks <paramref name="loss"/> for every parameter of <paramref name="module"/> that requires a
    /// gradient.</summary>
    public static GradientCheckReport Run(nn.Module module, Func<Tensor> loss, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        return Run([.. module.named_parameters().Where(p => p.parameter.requires_grad).Select(p => (p.name, (Tensor)p.parameter))], loss, options);
    }

    /// <summary>
    /// Checks <paramref name="loss"/> (a scalar computed from <paramref name="parameters"/>, float64 leaf tensors that
    /// require gradients) for every parameter.
    /// </summary>
    /// <exception cref="ArgumentException">A parameter is not float64 or does not require a gradient.</exception>
    /// <exception cref="InvalidOperationException">The loss is not a scalar or not deterministic.</exception>
    public static GradientCheckReport Run(IReadOnlyList<(string Name, Tensor Parameter)> parameters, Func<Tensor> loss,
        GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(loss);
        options ??= new GradientCheckOptions();
        options.Validate();
        foreach (var (name, p) in parameters)
        {
            if (p.dtype != ScalarType.Float64)
                throw new ArgumentException($"Parameter '{name}' is {p.dtype}: finite differences need float64 (convert the module with .to(ScalarType.Float64)).", nameof(parameters));
            if (!p.requires_grad) throw new ArgumentException($"Parameter '{name}' does not require a gradient.", nameof(parameters));
        }

        var (value, analytic) = Analytic(parameters, loss);
        var again = Evaluate(loss);
        if (BitConverter.DoubleToInt64Bits(again) != BitConverter.DoubleToInt64Bits(value))
            throw new InvalidOperationException($"The loss is not deterministic ({value:R} then {again:R}): finite differences need the same function at every " +
                "evaluation (draw dropout masks and samples from a fixed generator, or use eval mode).");

        var results = new List<ParameterGradientCheck>(parameters.Count);
        for (var k = 0; k < parameters.Count; k++)
        {
            var (name, p) = parameters[k];
            results.Add(CheckParameter(name, p, analytic[k], loss, options, options.Seed ^ (ulong)k * 0x9E3779B97F4A7C15UL));
        }
        return new GradientCheckReport(value, results, options);
    }

    private static (double Value, double[][] Gradients) Analytic(IReadOnlyList<(string Name, Tensor Parameter)> parameters, Func<Tensor> loss)
    {
        using var scope = NewDisposeScope();
        using var enabled = enable_grad();
        var l = loss();
        if (l.numel() != 1) throw new InvalidOperationException($"The loss must be a scalar, got shape [{string.Join(", ", l.shape)}].");
        var inputs = parameters.Select(p => p.Parameter).ToList();
        var grads = autograd.grad([l], inputs, allow_unused: true);
        var result = new double[parameters.Count][];
        for (var k = 0; k < parameters.Count; k++)
        {
            var g = grads[k];
            if (g is null || g.IsInvalid) result[k] = new double[inputs[k].numel()];
            else if (g.is_sparse)
            {
                using var dense = g.to_dense();                                  // e.g. an embedding's sparse rows
                result[k] = Host(dense);
            }
            else result[k] = Host(g);
        }
        return (l.detach().cpu().to(ScalarType.Float64).item<double>(), result);
    }

    private static ParameterGradientCheck CheckParameter(string name, Tensor p, double[] analytic, Func<Tensor> loss,
        GradientCheckOptions options, ulong seed)
    {
        var h = options.Step;
        var elements = Elements(analytic, options.MaxElementsPerParameter, seed);
        double maxAbs = 0, maxRel = 0, maxGrad = 0;
        long worst = elements.Length > 0 ? elements[0] : -1;
        var passed = true;
        using (no_grad())
        using (var flat = p.detach().view(-1))
        {
            var original = Host(p);
            foreach (var i in elements)
            {
                flat[i].fill_(original[i] + h);
                var plus = Evaluate(loss);
                flat[i].fill_(original[i] - h);
                var minus = Evaluate(loss);
                flat[i].fill_(original[i]);                                      // restored exactly
                var numeric = (plus - minus) / (2 * h);
                var a = analytic[i];
                var abs = Math.Abs(a - numeric);
                var scale = Math.Max(Math.Abs(a), Math.Abs(numeric));
                var rel = scale > 0 ? abs / scale : 0;
                if (abs > maxAbs)
                {
                    maxAbs = abs;
                    worst = i;
                }
                maxRel = Math.Max(maxRel, rel);
                maxGrad = Math.Max(maxGrad, Math.Abs(a));
                if (abs > options.AbsoluteTolerance && rel > options.RelativeTolerance) passed = false;
            }
        }
        return new ParameterGradientCheck(name, p.shape, elements.Length, maxAbs, maxRel, maxGrad, worst, passed);
    }

    /// <summary>Every element, or the largest gradients first and then random others, <paramref name="max"/> in all.</summary>
    private static long[] Elements(double[] analytic, int max, ulong seed)
    {
        if (analytic.Length <= max) return [.. Enumerable.Range(0, analytic.Length).Select(i => (long)i)];
        var byMagnitude = Enumerable.Range(0, analytic.Length).OrderByDescending(i => Math.Abs(analytic[i])).ThenBy(i => i).ToArray();
        var chosen = new HashSet<long>(byMagnitude.Take(max / 2).Select(i => (long)i));
        var random = new DeterministicRandom(seed);
        while (chosen.Count < max) chosen.Add(random.Next(analytic.Length));
        return [.. chosen.Order()];
    }

    private static double Evaluate(Func<Tensor> loss)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return loss().detach().cpu().to(ScalarType.Float64).item<double>();
    }

    private static double[] Host(Tensor t)
    {
        using var cpu = t.detach().cpu().to(ScalarType.Float64).contiguous();
        return cpu.data<double>().ToArray();
    }
}
