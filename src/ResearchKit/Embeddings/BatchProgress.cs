namespace ResearchKit.Embeddings;

/// <summary>How far a batch has come: inputs embedded, failed, and in all.</summary>
public readonly record struct BatchProgress(int Completed, int Failed, int Total)
{
    public int Done => Completed + Failed;
}
