namespace ResearchKit.Search;

/// <summary>One space's share of a hybrid score.</summary>
public sealed record SpaceWeight(string Space, double Weight);
