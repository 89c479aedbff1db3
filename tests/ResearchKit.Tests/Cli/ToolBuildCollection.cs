namespace ResearchKit.Tests.Cli;

/// <summary>The tests that pack or build the tool from the repository run one after another, not beside each other.</summary>
[CollectionDefinition(Name)]
public sealed class ToolBuildCollection
{
    public const string Name = "tool builds";
}
