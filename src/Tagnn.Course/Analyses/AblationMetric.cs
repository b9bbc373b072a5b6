namespace Tagnn.Course;

/// <summary>The two metrics of the TAGNN paper's Table 1 and Figure 2, as the ablation reads them from a run.</summary>
public enum AblationMetric
{
    /// <summary>P@20 (the papers' name for HR@20), in percent.</summary>
    HitRate20,

    /// <summary>MRR@20, in percent.</summary>
    Mrr20,
}
