using System.Text.Json.Serialization;

namespace ResearchKit.Evaluation;

/// <summary>What <see cref="TestCollection.EvaluateAsync"/> measured: one score per query set, for one model at one k.</summary>
/// <param name="Collection">The test collection's root folder (written as <c>benchmark</c> in evaluation files, their field since the first).</param>
/// <param name="Model">The model's name (its directory name), also the space the splits were indexed into.</param>
/// <param name="K">The cut-off of recall@k.</param>
/// <param name="Sets">Scores, in query-file name order.</param>
/// <param name="By">The gallery metadata field each set's recall was broken down by, or null.</param>
public sealed record RetrievalEvaluation([property: JsonPropertyName("benchmark")] string Collection, string Model, int K, IReadOnlyList<QuerySetScore> Sets, string? By = null);
