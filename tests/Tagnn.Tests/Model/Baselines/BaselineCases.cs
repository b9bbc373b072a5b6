using Tagnn.Data;
using Tagnn.Graphs;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Tests.Model.Baselines;

/// <summary>Tiny cases for the neural baselines' tests: datasets from whole sessions, batches, host copies of
/// tensors, and the small vector algebra the hand computations use.</summary>
internal static class BaselineCases
{
    /// <summary>The prefix-augmented examples of whole sessions in the reference order (each session's longest prefix
    /// first), as prepared folders hold them.</summary>
    public static SessionDataset Augmented(params int[][] sessions)
    {
        var examples = new List<(int, IReadOnlyList<int>)>();
        foreach (var clicks in sessions)
        {
            for (var k = clicks.Length - 1; k >= 1; k--) examples.Add((clicks[k], clicks[..k]));
        }
        return SessionDataset.FromExamples(examples);
    }

    /// <summary>Free-standing examples (target, prefix) in the given order.</summary>
    public static SessionDataset Examples(params (int Target, int[] Prefix)[] examples) =>
        SessionDataset.FromExamples(examples.Select(e => (e.Target, (IReadOnlyList<int>)e.Prefix)));

    /// <summary>Every example of <paramref name="data"/> in one batch, in order.</summary>
    public static SessionBatch Batch(SessionDataset data, PaddingPolicy padding = PaddingPolicy.Batch, int? padLength = null) =>
        new SessionBatcher(data, new BatcherOptions(data.Count, padding, Shuffle: false, PadLength: padLength, Prefetch: false)).Batches().Single();

    /// <summary>A float64 copy of a module's tensor <paramref name="name"/> as rows (a vector is one row).</summary>
    public static double[][] Rows(nn.Module module, string name)
    {
        var tensor = module.named_parameters().Single(p => p.name == name).parameter;
        return Rows(tensor);
    }

    /// <summary>A float64 copy of a 1-D or 2-D tensor as rows.</summary>
    public static double[][] Rows(Tensor tensor)
    {
        using var t = tensor.detach().cpu().to(ScalarType.Float64).contiguous();
        var flat = t.data<double>().ToArray();
        if (t.dim() == 1) return [flat];
        var (r, c) = ((int)t.shape[0], (int)t.shape[1]);
        return [.. Enumerable.Range(0, r).Select(i => flat[(i * c)..((i + 1) * c)])];
    }

    /// <summary>A module's 1-D tensor <paramref name="name"/> as a vector.</summary>
    public static double[] Vector(nn.Module module, string name) => Rows(module, name)[0];

    /// <summary>Sets a module's tensor <paramref name="name"/> to <paramref name="values"/> (row-major).</summary>
    public static void Set(nn.Module module, string name, params double[] values)
    {
        var target = module.named_parameters().Single(p => p.name == name).parameter;
        using var noGrad = no_grad();
        using var source = tensor(values, dtype: target.dtype).view(target.shape);
        target.copy_(source);
    }

    public static double[] MatVec(double[][] m, double[] x) => [.. m.Select(row => Dot(row, x))];

    public static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

    public static double[] Add(params double[][] vectors) =>
        [.. Enumerable.Range(0, vectors[0].Length).Select(i => vectors.Sum(v => v[i]))];

    public static double[] Scale(double s, double[] x) => [.. x.Select(v => s * v)];

    public static double[] Hadamard(double[] a, double[] b) => [.. a.Zip(b, (x, y) => x * y)];

    public static double[] Map(double[] x, Func<double, double> f) => [.. x.Select(f)];

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>Rows <paramref name="start"/>..<paramref name="start"/> + <paramref name="count"/> of a matrix (or
    /// elements of a vector).</summary>
    public static double[][] Slice(double[][] m, int start, int count) => m[start..(start + count)];

    public static double[] Slice(double[] v, int start, int count) => v[start..(start + count)];

    /// <summary>
    /// PyTorch's GRU (gate order r, z, n) over <paramref name="inputs"/> from a zero state, with a module's tensors
    /// <c>{prefix}weight_ih_l0</c>, <c>weight_hh_l0</c>, <c>bias_ih_l0</c>, <c>bias_hh_l0</c>; returns every state.
    /// r = s(W_ir x + b_ir + W_hr h + b_hr), z = s(W_iz x + b_iz + W_hz h + b_hz),
    /// n = tanh(W_in x + b_in + r * (W_hn h + b_hn)), h' = (1 - z) * n + z * h.
    /// </summary>
    public static double[][] Gru(nn.Module module, string prefix, IReadOnlyList<double[]> inputs)
    {
        var wih = Rows(module, prefix + "weight_ih_l0");
        var whh = Rows(module, prefix + "weight_hh_l0");
        var bih = Vector(module, prefix + "bias_ih_l0");
        var bhh = Vector(module, prefix + "bias_hh_l0");
        var d = whh[0].Length;
        var h = new double[d];
        var states = new List<double[]>();
        foreach (var x in inputs)
        {
            var gi = Add(MatVec(wih, x), bih);
            var gh = Add(MatVec(whh, h), bhh);
            var r = Map(Add(Slice(gi, 0, d), Slice(gh, 0, d)), Sigmoid);
            var z = Map(Add(Slice(gi, d, d), Slice(gh, d, d)), Sigmoid);
            var n = Map(Add(Slice(gi, 2 * d, d), Hadamard(r, Slice(gh, 2 * d, d))), Math.Tanh);
            h = [.. Enumerable.Range(0, d).Select(i => (1 - z[i]) * n[i] + z[i] * h[i])];
            states.Add(h);
        }
        return [.. states];
    }

    /// <summary>Asserts two vectors agree within <paramref name="tolerance"/>.</summary>
    public static void Close(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
    }
}
