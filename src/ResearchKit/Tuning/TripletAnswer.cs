namespace ResearchKit.Tuning;

/// <summary>A judge's answer to "is A or B closer to the anchor?".</summary>
public enum TripletAnswer
{
    /// <summary>A is closer.</summary>
    A,

    /// <summary>B is closer.</summary>
    B,

    /// <summary>A and B are equally close (too similar to tell apart): an equality constraint.</summary>
    TooSimilar,

    /// <summary>Neither relates to the anchor, so both are equally far: an equality constraint.</summary>
    AnchorTooDifferent,

    /// <summary>The judge could not say; ignored by training.</summary>
    DontKnow,
}
