namespace Tagnn.Evaluation;

/// <summary>
/// Ranking quality at one cut-off K, in percent as the papers print it (hit rate and MRR times 100).
/// </summary>
/// <param name="K">The cut-off.</param>
/// <param name="HitRate">HR@K: share of examples whose target is in the top K, in percent. The SR-GNN and TAGNN
/// papers call this P@K ("precision"); it is also called Recall@K.</param>
/// <param name="Mrr">MRR@K: mean of 1/rank of the target (0 outside the top K), in percent.</param>
/// <param name="Ndcg">NDCG@K: mean of 1/log2(rank + 1) (0 outside the top K), in percent.</param>
/// <param name="Coverage">Catalogue coverage: share of all N items that appear in at least one top-K list, in percent.</param>
/// <param name="MeanPopularity">Mean training click count of the recommended items (over all top-K lists).</param>
public sealed record MetricsAtK(int K, double HitRate, double Mrr, double Ndcg, double Coverage, double MeanPopularity);
