namespace Tagnn.Graphs;

/// <summary>How far a batch's examples are right-padded with item 0.</summary>
public enum PaddingPolicy
{
    /// <summary>
    /// The reference's: every example is padded to the longest prefix of the whole dataset (train and test each have
    /// their own). The model sees exactly the tensors the authors' code builds.
    /// </summary>
    Dataset,

    /// <summary>
    /// Pad to the longest prefix of the batch. Cheaper; the reference formulation still gives the reference's numbers
    /// because the model adds the dataset-wide padding's share analytically (<see cref="SessionBatch.PadLength"/>).
    /// </summary>
    Batch,
}
