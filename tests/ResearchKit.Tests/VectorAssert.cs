namespace ResearchKit.Tests;

/// <summary>Assertions on embedding vectors.</summary>
public static class VectorAssert
{
    public static double Cosine(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
        return dot / (Math.Sqrt(na) * Math.Sqrt(nb) + 1e-30);
    }

    public static void CosineAtLeast(float[] expected, float[] actual, double minimum, string what)
    {
        var c = Cosine(expected, actual);
        Assert.True(c >= minimum, $"{what}: cosine {c:F7} < {minimum}");
    }

    public static void Close(float[] expected, float[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = 0.0;
        for (var i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        Assert.True(worst <= tolerance, $"{what}: max |diff| {worst:E3} > {tolerance:E1}");
    }
}
