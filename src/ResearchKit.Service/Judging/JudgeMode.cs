namespace ResearchKit.Service.Judging;

/// <summary>What the judging page asks.</summary>
public enum JudgeMode
{
    /// <summary>An anchor and two options: which option is closer to the anchor.</summary>
    Triplets,

    /// <summary>A query and one result: relevant or not (for fitting calibration).</summary>
    Relevance,
}
