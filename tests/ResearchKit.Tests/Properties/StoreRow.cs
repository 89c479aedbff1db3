namespace ResearchKit.Tests.Properties;

/// <summary>One row as the test writes it.</summary>
internal sealed record StoreRow(string Key, string Stamp, float[] Vector);
