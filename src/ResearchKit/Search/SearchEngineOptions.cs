using ResearchKit.Embeddings;
using ResearchKit.Models;

namespace ResearchKit.Search;

/// <summary>How a <see cref="SearchEngine"/> treats its store and finds its models.</summary>
public sealed record SearchEngineOptions
{
    /// <summary>Never write to the store (crop embeddings are then cached in memory only). Production services set this.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Opens the model of a space; by default the folder recorded at indexing time, checked against the recorded file hashes.</summary>
    public Func<SpaceIdentity, EmbeddingModel>? OpenModel { get; init; }

    /// <summary>Query text embeddings kept in memory (least recently used dropped first); expansion tuning embeds many terms and wants more.</summary>
    public int QueryCacheCapacity { get; init; } = 4096;

    /// <summary>WordNet database folder for query expansion (default /usr/share/wordnet).</summary>
    public string? WordNetDirectory { get; init; }

    /// <summary>Hunspell folder holding en_US.aff/.dic for spell correction (default /usr/share/hunspell).</summary>
    public string? HunspellDirectory { get; init; }
}
