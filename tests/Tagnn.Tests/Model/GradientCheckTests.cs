using Tagnn.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tagnn.Tests.Model;

/// <summary>GradientCheck passes a correct gradient and catches wrong ones: a custom backward missing a factor, and a
/// path detached from the graph.</summary>
public sealed class GradientCheckTests
{
    /// <summary>y = x^2 with a backward that returns dy * x when <c>wrong</c> (the factor 2 forgotten), 2 dy x otherwise.</summary>
    private sealed class Square : autograd.SingleTensorFunction<Square>
    {
        public override string Name => nameof(Square);

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var x = (Tensor)vars[0];
            ctx.save_for_backward([x]);
            ctx.save_data("wrong", vars[1]);
            return x * x;
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
        {
            var x = ctx.get_saved_variables()[0];
            var factor = (bool)ctx.get_data("wrong") ? 1.0 : 2.0;
            return [grad_output * x * factor, null!];
        }
    }

    /// <summary>Two parameters a (3) and b (2); the loss sum(c1 * f(a)) + sum(c2 * g(b)) for the chosen f and g.</summary>
    private sealed class Pair : nn.Module
    {
        public readonly Parameter A;
        public readonly Parameter B;

        public Pair() : base(nameof(Pair))
        {
            A = new Parameter(tensor(new[] { 0.3, -1.2, 0.7 }));
            B = new Parameter(tensor(new[] { 0.5, 2.0 }));
            register_parameter("a", A);
            register_parameter("b", B);
        }

        public Func<Tensor, Tensor> F { get; set; } = a => a * a;
        public Func<Tensor, Tensor> G { get; set; } = b => b.exp();

        public Tensor Loss()
        {
            using var c1 = tensor(new[] { 1.0, 2.0, -0.5 });
            using var c2 = tensor(new[] { 0.25, -1.0 });
            return (F(A) * c1).sum() + (G(B) * c2).sum();
        }
    }

    [Fact]
    public void A_correct_gradient_passes_for_every_parameter()
    {
        using var pair = new Pair { F = a => Square.apply(a, false) };
        var report = GradientCheck.Run(pair, pair.Loss);
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(["a", "b"], report.Parameters.Select(p => p.Name));
        Assert.All(report.Parameters, p => Assert.True(p.MaxAbsoluteError < 1e-8, p.ToString()));
        Assert.Equal(3, report["a"].ElementsChecked);
        Assert.Equal(0.3 * 0.3 + 2 * 1.44 - 0.5 * 0.49 + 0.25 * Math.Exp(0.5) - Math.Exp(2.0), report.Loss, 12);
    }

    [Fact]
    public void A_backward_missing_a_factor_fails_on_its_parameter_only()
    {
        using var pair = new Pair { F = a => Square.apply(a, true) };
        var report = GradientCheck.Run(pair, pair.Loss);
        Assert.False(report.Passed);
        var a = Assert.Single(report.Failures);
        Assert.Equal("a", a.Name);
        // autograd says c1 x, the truth is 2 c1 x: relative error 1/2 on every element; the worst absolute error is
        // at the largest |c1 x| (element 1: 2 x 1.2 = 2.4 against 4.8).
        Assert.Equal(0.5, a.MaxRelativeError, 6);
        Assert.Equal(2.4, a.MaxAbsoluteError, 6);
        Assert.Equal(1, a.WorstElement);
        Assert.True(report["b"].Passed);
        Assert.Contains("FAIL a [3]", report.ToString());
    }

    [Fact]
    public void A_detached_path_is_caught()
    {
        // g(b) = b * b.detach(): autograd sees d/db = b, the function's derivative is 2b.
        using var pair = new Pair { G = b => b * b.detach() };
        var report = GradientCheck.Run(pair, pair.Loss);
        Assert.True(report["a"].Passed);
        Assert.False(report["b"].Passed);
        Assert.Equal(0.5, report["b"].MaxRelativeError, 6);
    }

    [Fact]
    public void Large_parameters_are_sampled_largest_gradients_first()
    {
        using var w = new Parameter(linspace(-1, 1, 500, dtype: ScalarType.Float64));
        var report = GradientCheck.Run([("w", (Tensor)w)], () => (w * w * w).sum(), new GradientCheckOptions { MaxElementsPerParameter = 20 });
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(20, report["w"].ElementsChecked);
        Assert.Equal(3.0, report["w"].MaxGradient, 12);   // 3 w^2 at w = +-1, both among the largest
    }

    [Fact]
    public void Float32_parameters_and_random_losses_are_refused()
    {
        using var single = new Parameter(ones(3));
        Assert.Contains("float64", Assert.Throws<ArgumentException>(() => GradientCheck.Run([("w", (Tensor)single)], () => single.sum())).Message);
        using var w = new Parameter(linspace(0.5, 1.5, 1000, dtype: ScalarType.Float64));   // two masks giving the same sum: negligible
        var e = Assert.Throws<InvalidOperationException>(() => GradientCheck.Run([("w", (Tensor)w)], () => nn.functional.dropout(w, 0.5).sum()));
        Assert.Contains("not deterministic", e.Message);
    }
}
