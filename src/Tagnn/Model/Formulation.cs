using System.Text.Json.Serialization;

namespace Tagnn.Model;

/// <summary>Which equations the model computes (recorded with every run).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Formulation>))]
public enum Formulation
{
    /// <summary>
    /// Exactly the authors' code: s = W3 [s_global; s_local] + b3 + s_target (sum form); the softmaxes over positions
    /// include the dataset-wide padding (a padded position has target-attention logit 0 and global-attention input
    /// h_pad); raw embeddings rows 1..N are the candidates.
    /// </summary>
    Reference,

    /// <summary>
    /// The paper's equations as written: Eq. 10 s_t = W3 [s_target; s_local; s_global] with W3 of size d x 3d (no
    /// bias), Eq. 8 without a softmax, target attention over the session's real positions.
    /// </summary>
    Paper,

    /// <summary>The reference's sum form with every softmax over real positions only: scores do not depend on padding.</summary>
    Masked,
}
