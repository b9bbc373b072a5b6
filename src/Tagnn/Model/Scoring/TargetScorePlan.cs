using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model.Scoring;

/// <summary>
/// Which rows <see cref="FusedTargetScorer"/> scores: the attended positions of each example packed one after the
/// other (padding is never scored), one row per group of equal positions (<see cref="TargetScorerInput.Groups"/>)
/// with its count, rows of example b at [Offsets[b], Offsets[b + 1]).
/// </summary>
/// <remarks>Built on the host from the small (B, L) attend pattern, groups and virtual counts (the model passes host
/// copies of them, <see cref="TargetScorerInput.Host"/>, so no device memory is read); the index tensors the device
/// needs are created on the inputs' device.</remarks>
internal sealed class TargetScorePlan
{
    private TargetScorePlan(int examples, int length, int[] offsets, double[] counts, double[] virtualCounts,
        long[] positions, long[] rowOfPosition)
    {
        Examples = examples;
        Length = length;
        Offsets = offsets;
        Counts = counts;
        VirtualCounts = virtualCounts;
        Positions = positions;
        RowOfPosition = rowOfPosition;
        Rows = offsets[examples];
        HasRepeats = counts.Any(c => c != 1);
        HasVirtual = virtualCounts.Any(c => c != 0);
        var widest = 0;
        for (var b = 0; b < examples; b++) widest = Math.Max(widest, offsets[b + 1] - offsets[b]);
        WidestExample = widest;
    }

    /// <summary>B.</summary>
    public int Examples { get; }

    /// <summary>L: positions per example in the input.</summary>
    public int Length { get; }

    /// <summary>U: scored rows (groups of attended positions) over the batch.</summary>
    public int Rows { get; }

    /// <summary>(B + 1): rows of example b are [Offsets[b], Offsets[b + 1]).</summary>
    public int[] Offsets { get; }

    /// <summary>(U): how many attended positions each row stands for.</summary>
    public double[] Counts { get; }

    /// <summary>(B): virtual positions (logit 0, value 0) per example.</summary>
    public double[] VirtualCounts { get; }

    /// <summary>(P): flat indices b * L + i of the attended positions, in row order.</summary>
    public long[] Positions { get; }

    /// <summary>(P): the row each attended position belongs to.</summary>
    public long[] RowOfPosition { get; }

    /// <summary>Whether some row stands for more than one position.</summary>
    public bool HasRepeats { get; }

    /// <summary>Whether some example has virtual positions.</summary>
    public bool HasVirtual { get; }

    /// <summary>The most rows of one example.</summary>
    public int WidestExample { get; }

    /// <summary>Packs the rows from the attend pattern, groups and virtual counts of <paramref name="input"/>: its host
    /// copies (<see cref="TargetScorerInput.Host"/>) when set, else its tensors copied to the host.</summary>
    /// <exception cref="ArgumentException">Attend holds a value other than 0 and 1, a virtual count is negative, or
    /// the shapes disagree.</exception>
    public static TargetScorePlan Build(TargetScorerInput input)
    {
        var (b, l) = ((int)input.Keys.shape[0], (int)input.Keys.shape[1]);
        if (!input.Attend.shape.SequenceEqual(new long[] { b, l }))
            throw new ArgumentException($"Attend has shape [{string.Join(", ", input.Attend.shape)}], the keys need [{b}, {l}].", nameof(input));
        if (input.Groups is { } g && !g.shape.SequenceEqual(new long[] { b, l }))
            throw new ArgumentException($"Groups has shape [{string.Join(", ", g.shape)}], the keys need [{b}, {l}].", nameof(input));
        if (input.VirtualCount is { } v && !v.shape.SequenceEqual(new long[] { b }))
            throw new ArgumentException($"VirtualCount has shape [{string.Join(", ", v.shape)}], the keys need [{b}].", nameof(input));

        var (attend, groups, virtualCounts) = input.Host is { } host ? FromHost(input, host, b, l) : FromTensors(input, b);

        var offsets = new int[b + 1];
        var counts = new List<double>(b * l);
        var positions = new List<long>(b * l);
        var rowOfPosition = new List<long>(b * l);
        var firstRowOfGroup = new Dictionary<long, int>();
        for (var e = 0; e < b; e++)
        {
            if (!(virtualCounts[e] >= 0))
                throw new ArgumentException($"VirtualCount[{e}] is {virtualCounts[e]}; it must be a count (>= 0).", nameof(input));
            firstRowOfGroup.Clear();
            for (var i = 0; i < l; i++)
            {
                var a = attend[e * l + i];
                if (a == 0) continue;
                if (a != 1) throw new ArgumentException($"Attend[{e}, {i}] is {a}; it must be 0 or 1.", nameof(input));
                int row;
                if (groups is null || !firstRowOfGroup.TryGetValue(groups[e * l + i], out row))
                {
                    row = counts.Count;
                    counts.Add(0);
                    if (groups is not null) firstRowOfGroup[groups[e * l + i]] = row;
                }
                counts[row]++;
                positions.Add(e * (long)l + i);
                rowOfPosition.Add(row);
            }
            offsets[e + 1] = counts.Count;
        }
        return new TargetScorePlan(b, l, offsets, counts.ToArray(), virtualCounts, positions.ToArray(), rowOfPosition.ToArray());
    }

    /// <summary>
    /// The packed rows (U, d) of a (B, L, d) tensor: each row is the mean of its group's positions (they are equal,
    /// so the mean is the shared value and its gradient is shared equally by the positions).
    /// </summary>
    public Tensor Pack(Tensor perPosition)
    {
        using var scope = NewDisposeScope();
        var device = perPosition.device;
        var d = perPosition.shape[2];
        var flat = perPosition.reshape(Examples * (long)Length, d);                               // (B*L, d)
        // gather and scatter_add, not index_select and index_add: the same bits on the CPU, and meta kernels
        // (libtorch without Python has none for index_select, which the backward of index_add uses too).
        var positions = tensor(Positions, device: device).view(-1, 1).expand(-1, d);             // (P, d)
        var picked = flat.gather(0, positions);                                                  // (P, d)
        if (!HasRepeats) return picked.MoveToOuterDisposeScope();                                // P = U, in row order
        var rows = tensor(RowOfPosition, device: device).view(-1, 1).expand(-1, d);              // (P, d)
        var sum = zeros(Rows, d, dtype: perPosition.dtype, device: device).scatter_add(0, rows, picked); // (U, d)
        var count = tensor(Counts, device: device).to(perPosition.dtype).unsqueeze(1);            // (U, 1)
        return (sum / count).MoveToOuterDisposeScope();
    }

    // The host copies, checked against the tensors' shapes and presence.
    private static (double[] Attend, long[]? Groups, double[] VirtualCounts) FromHost(TargetScorerInput input,
        TargetScorerHostInput host, int b, int l)
    {
        if (host.Attend.Length != b * l)
            throw new ArgumentException($"Host.Attend has {host.Attend.Length} values, the keys need {b} x {l}.", nameof(input));
        if ((host.Groups is null) != (input.Groups is null))
            throw new ArgumentException("Host.Groups and Groups must both be set or both be null.", nameof(input));
        if (host.Groups is { } g && g.Length != b * l)
            throw new ArgumentException($"Host.Groups has {g.Length} values, the keys need {b} x {l}.", nameof(input));
        if ((host.VirtualCount is null) != (input.VirtualCount is null))
            throw new ArgumentException("Host.VirtualCount and VirtualCount must both be set or both be null.", nameof(input));
        if (host.VirtualCount is { } v && v.Length != b)
            throw new ArgumentException($"Host.VirtualCount has {v.Length} values, the keys need {b}.", nameof(input));
        var virtualCounts = host.VirtualCount is null ? new double[b] : Array.ConvertAll(host.VirtualCount, c => (double)c);
        return (Array.ConvertAll(host.Attend, a => (double)a), host.Groups, virtualCounts);
    }

    // The tensors copied to the host (a read of device memory: the model passes host copies instead).
    private static (double[] Attend, long[]? Groups, double[] VirtualCounts) FromTensors(TargetScorerInput input, int b) =>
        (Copy<double>(input.Attend, ScalarType.Float64),
         input.Groups is null ? null : Copy<long>(input.Groups, ScalarType.Int64),
         input.VirtualCount is null ? new double[b] : Copy<double>(input.VirtualCount, ScalarType.Float64));

    private static T[] Copy<T>(Tensor t, ScalarType type) where T : unmanaged
    {
        using var scope = NewDisposeScope();
        return t.detach().to(type).cpu().contiguous().data<T>().ToArray();
    }
}
