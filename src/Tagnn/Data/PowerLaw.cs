namespace Tagnn.Data;

/// <summary>A power law <c>c(r) = Scale * r^(-Exponent)</c>: Zipf's law when the exponent is near 1.</summary>
/// <param name="Exponent">s in c(r) = C r^(-s).</param>
/// <param name="Scale">C, the fitted count at rank 1.</param>
public sealed record PowerLaw(double Exponent, double Scale)
{
    /// <summary>The fitted count at <paramref name="rank"/> (1 = the most clicked).</summary>
    public double At(double rank) => Scale * Math.Pow(rank, -Exponent);
}
