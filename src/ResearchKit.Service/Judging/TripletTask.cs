namespace ResearchKit.Service.Judging;

/// <summary>One triplet to judge: is <paramref name="A"/> or <paramref name="B"/> closer to <paramref name="Anchor"/>?</summary>
/// <param name="Key">Order-free identity of the triplet (anchor, then the two options sorted).</param>
/// <param name="Anchor">Anchor item id.</param>
/// <param name="A">Left option's item id.</param>
/// <param name="B">Right option's item id.</param>
public sealed record TripletTask(string Key, string Anchor, string A, string B)
{
    /// <summary>The task for a triplet, with its order-free key.</summary>
    public static TripletTask Of(string anchor, string a, string b) => new(KeyOf(anchor, a, b), anchor, a, b);

    /// <summary>The key of a triplet whatever the order of its options.</summary>
    public static string KeyOf(string anchor, string a, string b) =>
        string.CompareOrdinal(a, b) < 0 ? $"{anchor}\n{a}\n{b}" : $"{anchor}\n{b}\n{a}";
}
