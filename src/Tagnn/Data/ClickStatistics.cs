namespace Tagnn.Data;

/// <summary>Small statistics of click counts used to describe popularity (notebook 01).</summary>
public static class ClickStatistics
{
    /// <summary>
    /// Fits <c>c(r) = C r^(-s)</c> to the counts sorted in decreasing order (rank r = 1, 2, ...) by least squares on
    /// <c>ln c = ln C - s ln r</c>, every item weighing the same (so the long tail dominates the fit). Zero counts
    /// are ignored.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two positive counts.</exception>
    public static PowerLaw FitPowerLaw(IEnumerable<long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var sorted = counts.Where(c => c > 0).OrderDescending().ToArray();
        if (sorted.Length < 2) throw new ArgumentException("A power law needs at least two positive counts.", nameof(counts));
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            double x = Math.Log(i + 1), y = Math.Log(sorted[i]);
            sx += x; sy += y; sxx += x * x; sxy += x * y;
        }
        var n = sorted.Length;
        var slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        var intercept = (sy - slope * sx) / n;
        return new PowerLaw(-slope, Math.Exp(intercept));
    }

    /// <summary>The share (0..1) of all clicks that go to the most clicked <paramref name="fraction"/> of the items
    /// (at least one item).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> not in (0, 1].</exception>
    public static double TopShare(IEnumerable<long> counts, double fraction)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (fraction is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "A fraction in (0, 1] is needed.");
        var sorted = counts.OrderDescending().ToArray();
        if (sorted.Length == 0) return 0;
        var total = sorted.Sum();
        if (total == 0) return 0;
        var top = Math.Max(1, (int)Math.Ceiling(fraction * sorted.Length));
        return sorted.Take(top).Sum() / (double)total;
    }

    /// <summary>Whether some item occurs more than once in the session.</summary>
    public static bool HasRepeat<T>(IReadOnlyList<T> session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Distinct().Count() < session.Count;
    }

    /// <summary>Whether some item is clicked twice in a row, (..., v, v, ...): a self-loop in the session graph.</summary>
    public static bool HasRepeatInARow<T>(IReadOnlyList<T> session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var same = EqualityComparer<T>.Default;
        for (var t = 1; t < session.Count; t++)
        {
            if (same.Equals(session[t - 1], session[t])) return true;
        }
        return false;
    }

    /// <summary>Whether the session returns to an item after clicking something else in between,
    /// (..., v, ..., w, v, ...) with w != v: a cycle in the session graph.</summary>
    public static bool HasReturn<T>(IReadOnlyList<T> session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var same = EqualityComparer<T>.Default;
        var seen = new HashSet<T>();
        for (var t = 0; t < session.Count; t++)
        {
            if (t >= 1 && !same.Equals(session[t - 1], session[t]) && seen.Contains(session[t])) return true;
            if (t >= 1) seen.Add(session[t - 1]);
        }
        return false;
    }
}
