namespace ResearchKit.Tuning;

/// <summary>A judged triplet with its vectors, ready for training: anchor, options A and B, and the answer.</summary>
public sealed record TripletExample(float[] Anchor, float[] A, float[] B, TripletAnswer Answer);
