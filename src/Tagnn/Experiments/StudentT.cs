namespace Tagnn.Experiments;

/// <summary>Student's t distribution (Math.NET Numerics), for the paired test over seeds.</summary>
public static class StudentT
{
    /// <summary>The two-sided p-value of <paramref name="t"/> with <paramref name="degreesOfFreedom"/>:
    /// P(|T| &gt;= |t|). An infinite t gives 0, t = 0 gives 1.</summary>
    public static double TwoSidedP(double t, int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        if (double.IsNaN(t)) throw new ArgumentException("t is NaN.", nameof(t));
        if (double.IsInfinity(t)) return 0;
        var p = 2 * MathNet.Numerics.Distributions.StudentT.CDF(0, 1, degreesOfFreedom, -Math.Abs(t));
        return Math.Clamp(p, 0, 1);
    }

    /// <summary>The critical value of a two-sided test at level <paramref name="alpha"/>: the t with
    /// P(|T| &gt;= t) = alpha (12.706 for alpha 0.05 and 1 degree of freedom, 4.303 for 2, 2.776 for 4).</summary>
    public static double Critical(double alpha, int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        if (!(alpha is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1).");
        return MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, degreesOfFreedom, 1 - alpha / 2);
    }
}
