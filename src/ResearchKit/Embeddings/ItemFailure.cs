namespace ResearchKit.Embeddings;

/// <summary>One input a batch could not embed, with the reason; the batch carries on without it.</summary>
/// <param name="Index">Position of the input in the batch request.</param>
/// <param name="Source">The file path (or other source name) of the input.</param>
/// <param name="ErrorType">The exception type's name, e.g. ImageDecodeException.</param>
/// <param name="Message">The typed error's message: what is wrong and what to do.</param>
public sealed record ItemFailure(int Index, string Source, string ErrorType, string Message);
