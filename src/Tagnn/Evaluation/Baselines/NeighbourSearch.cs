namespace Tagnn.Evaluation.Baselines;

/// <summary>
/// The sparse core the session-neighbourhood methods share. <see cref="Collect"/> finds the
/// <c>sampleSize</c> most recent training sessions that share an item with the current prefix ("recent" sampling of
/// Jannach and Ludewig 2017), together with each one's weighted overlap sum over shared items of the item's weight,
/// by merging the tails of the inverted lists of the prefix's items from the newest session down: the work is at most
/// (distinct items) x (sample size) steps, never the whole training set. <see cref="SelectBest"/> keeps the k most
/// similar candidates (ties: the more recent session).
/// </summary>
internal static class NeighbourSearch
{
    /// <summary>
    /// Fills the workspace's candidate arrays, most recent session first, and returns how many there are (at most
    /// <paramref name="sampleSize"/>). <see cref="KnnWorkspace.Weight"/> must be set for every loaded item.
    /// </summary>
    /// <remarks>
    /// The m most recent sessions of the union of the inverted lists are found among the last m entries of each list,
    /// and a session's overlap is complete when it is emitted, because the merge pops all lists at that session
    /// together. The star of a candidate is the current item with the latest last click that it contains (items are
    /// loaded by increasing last position, so the last one popped).
    /// </remarks>
    public static int Collect(TrainingSessions index, KnnWorkspace ws, int sampleSize)
    {
        var postings = index.AllPostings;
        var items = ws.ItemCount;
        var pointer = ws.Pointer;
        var floor = ws.Floor;
        var weight = ws.Weight;
        for (var j = 0; j < items; j++)
        {
            pointer[j] = index.PostingEnd(ws.Items[j]);
            floor[j] = index.PostingStart(ws.Items[j]);
        }
        var count = 0;
        while (count < sampleSize)
        {
            var best = -1;
            for (var j = 0; j < items; j++)
            {
                if (pointer[j] > floor[j] && postings[pointer[j] - 1] > best) best = postings[pointer[j] - 1];
            }
            if (best < 0) break;
            var overlap = 0.0;
            var star = -1;
            for (var j = 0; j < items; j++)
            {
                if (pointer[j] > floor[j] && postings[pointer[j] - 1] == best)
                {
                    overlap += weight[j];
                    star = j;
                    pointer[j]--;
                }
            }
            ws.CandidateSession[count] = best;
            ws.CandidateOverlap[count] = overlap;
            ws.CandidateStar[count] = star;
            count++;
        }
        return count;
    }

    /// <summary>
    /// Keeps the <paramref name="k"/> candidates of highest <see cref="KnnWorkspace.Similarity"/> (ties: the more
    /// recent session), skipping similarities that are not positive; writes their indices to
    /// <see cref="KnnWorkspace.Selected"/>, best first, and returns how many.
    /// </summary>
    /// <remarks>Best first is also the order in which the methods add up the neighbours' votes: two items voted for
    /// by neighbours of the same similarities then get bit-identical scores, so a mathematical tie stays a tie and
    /// goes to the lower id.</remarks>
    public static int SelectBest(KnnWorkspace ws, int count, int k)
    {
        var sim = ws.Similarity;
        var session = ws.CandidateSession;
        var positive = 0;
        for (var c = 0; c < count; c++) if (sim[c] > 0) ws.Scratch[positive++] = c;
        var kept = positive;
        if (positive > k)
        {
            // The k best by quickselect: afterwards they are Scratch[0..k), in no particular order.
            QuickSelect(ws.Scratch, positive, k - 1, sim, session);
            kept = k;
        }
        Array.Copy(ws.Scratch, ws.Selected, kept);
        ws.Selected.AsSpan(0, kept).Sort(new BestFirst(sim, session));
        return kept;
    }

    /// <summary>The order of <see cref="Better"/> as a struct comparer, so the sort calls it without a delegate.</summary>
    private readonly struct BestFirst(double[] sim, int[] session) : IComparer<int>
    {
        public int Compare(int a, int b) => Better(a, b, sim, session);
    }

    /// <summary>-1 when candidate a is better than b (higher similarity, then more recent session), 0 when the same.</summary>
    private static int Better(int a, int b, double[] sim, int[] session)
    {
        if (a == b) return 0;
        if (sim[a] != sim[b]) return sim[a] > sim[b] ? -1 : 1;
        return session[a] > session[b] ? -1 : 1;
    }

    /// <summary>Reorders indices[0..n) so that indices[target] is the element of that rank (0 = best) and every better
    /// one comes before it; returns target.</summary>
    private static int QuickSelect(int[] indices, int n, int target, double[] sim, int[] session)
    {
        int lo = 0, hi = n - 1;
        while (lo < hi)
        {
            // Median of three as the pivot: deterministic, and robust to sorted input (candidates arrive by recency).
            var mid = lo + (hi - lo) / 2;
            if (Better(indices[mid], indices[lo], sim, session) < 0) (indices[mid], indices[lo]) = (indices[lo], indices[mid]);
            if (Better(indices[hi], indices[lo], sim, session) < 0) (indices[hi], indices[lo]) = (indices[lo], indices[hi]);
            if (Better(indices[hi], indices[mid], sim, session) < 0) (indices[hi], indices[mid]) = (indices[mid], indices[hi]);
            var pivot = indices[mid];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (Better(indices[i], pivot, sim, session) < 0) i++;
                while (Better(pivot, indices[j], sim, session) < 0) j--;
                if (i <= j)
                {
                    (indices[i], indices[j]) = (indices[j], indices[i]);
                    i++;
                    j--;
                }
            }
            if (target <= j) hi = j;
            else if (target >= i) lo = i;
            else return target;
        }
        return target;
    }
}
