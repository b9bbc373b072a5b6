namespace Tagnn.Evaluation.Baselines;

/// <summary>
/// One thread's buffers for the session-neighbourhood methods (SKNN, V-SKNN, STAN): the current session's distinct
/// items and the candidate neighbours of one prefix. Lives in <see cref="SparseScores.Workspace{T}"/>.
/// </summary>
internal sealed class KnnWorkspace
{
    private readonly int[] stamp;   // stamp[item] == generation: item already seen in this prefix
    private int generation;

    public KnnWorkspace(int itemCount, int sampleSize)
    {
        stamp = new int[itemCount + 1];
        CandidateSession = new int[sampleSize];
        CandidateOverlap = new double[sampleSize];
        CandidateStar = new int[sampleSize];
        Similarity = new double[sampleSize];
        Selected = new int[sampleSize];
        Scratch = new int[sampleSize];
    }

    /// <summary>The current prefix's distinct items (within 1..N) by increasing position of their last click.</summary>
    public int[] Items { get; private set; } = new int[16];

    /// <summary>For each of <see cref="Items"/>, the 1-based position of its last click in the prefix.</summary>
    public int[] LastPosition { get; private set; } = new int[16];

    /// <summary>For each of <see cref="Items"/>, its weight in the overlap (1 for SKNN).</summary>
    public double[] Weight { get; private set; } = new double[16];

    /// <summary>How many of <see cref="Items"/> are in use.</summary>
    public int ItemCount { get; private set; }

    /// <summary>The number of distinct items of the prefix, counting any beyond N.</summary>
    public int DistinctCount { get; private set; }

    /// <summary>The prefix length in clicks.</summary>
    public int Length { get; private set; }

    /// <summary>Per item of <see cref="Items"/>: the next posting to visit (exclusive end), during a merge.</summary>
    public int[] Pointer { get; private set; } = new int[16];

    /// <summary>Per item of <see cref="Items"/>: where its inverted list starts, during a merge.</summary>
    public int[] Floor { get; private set; } = new int[16];

    /// <summary>Candidates, most recent first: session index, weighted overlap, and the index into <see cref="Items"/>
    /// of the most recently clicked current item the session contains.</summary>
    public int[] CandidateSession { get; }

    /// <inheritdoc cref="CandidateSession"/>
    public double[] CandidateOverlap { get; }

    /// <inheritdoc cref="CandidateSession"/>
    public int[] CandidateStar { get; }

    /// <summary>The candidates' similarities (set by the method).</summary>
    public double[] Similarity { get; }

    /// <summary>Indices of the kept neighbours (into the candidate arrays).</summary>
    public int[] Selected { get; }

    /// <summary>Selection scratch.</summary>
    public int[] Scratch { get; }

    /// <summary>Loads the distinct items of <paramref name="prefix"/> (items beyond <paramref name="itemCount"/> only
    /// count in <see cref="DistinctCount"/>).</summary>
    public void Load(ReadOnlySpan<int> prefix, int itemCount)
    {
        if (++generation == int.MaxValue)
        {
            Array.Clear(stamp);
            generation = 1;
        }
        Length = prefix.Length;
        ItemCount = 0;
        List<int>? beyond = null;
        // Backwards, so the first sighting of an item is its last click.
        for (var p = prefix.Length - 1; p >= 0; p--)
        {
            var item = prefix[p];
            if ((uint)(item - 1) >= (uint)itemCount)
            {
                beyond ??= [];
                if (!beyond.Contains(item)) beyond.Add(item);
                continue;
            }
            if (stamp[item] == generation) continue;
            stamp[item] = generation;
            if (ItemCount == Items.Length) Grow();
            Items[ItemCount] = item;
            LastPosition[ItemCount] = p + 1;
            ItemCount++;
        }
        Array.Reverse(Items, 0, ItemCount);
        Array.Reverse(LastPosition, 0, ItemCount);
        DistinctCount = ItemCount + (beyond?.Count ?? 0);
    }

    private void Grow()
    {
        var size = Items.Length * 2;
        Items = [.. Items, .. new int[size - Items.Length]];
        LastPosition = [.. LastPosition, .. new int[size - LastPosition.Length]];
        Weight = [.. Weight, .. new double[size - Weight.Length]];
        Pointer = [.. Pointer, .. new int[size - Pointer.Length]];
        Floor = [.. Floor, .. new int[size - Floor.Length]];
    }
}
