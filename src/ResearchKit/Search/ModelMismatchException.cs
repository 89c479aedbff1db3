namespace ResearchKit.Search;

/// <summary>The model found for a space is not the one that built it; searching would compare incomparable vectors.</summary>
public sealed class ModelMismatchException : ResearchKitException
{
    public ModelMismatchException(string space, string modelDirectory, string difference)
        : base($"space '{space}' was built with another model than the one in {modelDirectory}: {difference}. Point at the original model files, or re-index the dataset with this model.")
    {
        Space = space;
    }

    public string Space { get; }
}
