using System.Text.Json.Serialization;

namespace Tagnn.Training;

/// <summary>How a run picks the epoch whose numbers it reports (recorded with every run).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SelectionProtocol>))]
public enum SelectionProtocol
{
    /// <summary>
    /// As the authors report: the test set is scored after every epoch and the best test P@20 and the best test
    /// MRR@20 are taken separately (they may come from different epochs). The model is selected on the test set, so
    /// the numbers are optimistic; they are comparable with the paper's Table 1.
    /// </summary>
    Reference,

    /// <summary>
    /// A held-out validation split of the training SESSIONS (no session on both sides) is scored after every epoch
    /// and picks the epoch; the test set is scored once, with that epoch's weights.
    /// </summary>
    Validation,
}
