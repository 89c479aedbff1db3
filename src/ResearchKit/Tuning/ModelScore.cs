namespace ResearchKit.Tuning;

/// <summary>One space's mean recall@k and nDCG@k (with 95% bootstrap intervals) over the queries it could answer.</summary>
public sealed record ModelScore(string Space, int QueriesAnswered, BootstrapInterval Recall, BootstrapInterval Ndcg);
