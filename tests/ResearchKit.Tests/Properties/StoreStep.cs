namespace ResearchKit.Tests.Properties;

/// <summary>One step of a history: append <see cref="Rows"/>, or compact dropping <see cref="Drop"/>; first change the identity when asked.</summary>
internal sealed record StoreStep(string? Part, StoreRow[]? Rows, HashSet<string> Drop, bool NewIdentity)
{
    public override string ToString() =>
        $"{(NewIdentity ? "new identity, " : "")}{Part ?? "main"}: " +
        (Rows is null ? $"compact dropping [{string.Join(", ", Drop)}]" : $"append [{string.Join(", ", Rows.Select(r => $"{r.Key}@{r.Stamp}"))}]");
}
