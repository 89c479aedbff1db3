namespace ResearchKit.Datasets;

/// <summary>A folder or file the scan could not read or follow; the scan carried on without it.</summary>
/// <param name="Path">The folder or file, relative to the dataset folder with '/' separators.</param>
/// <param name="Kind">What went wrong: <c>UnreadableFolder</c>, <c>SymlinkLoop</c> or <c>UnreadableFile</c>.</param>
/// <param name="Message">What is wrong and what to do.</param>
public sealed record ScanFailure(string Path, string Kind, string Message);
