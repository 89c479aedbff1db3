using System.Runtime.Intrinsics.X86;

namespace ResearchKit.Tests.Imaging;

/// <summary>A fact that reports as skipped on machines without AVX2, where the vector paths it checks never run.</summary>
public sealed class Avx2FactAttribute : FactAttribute
{
    public Avx2FactAttribute()
    {
        if (!Avx2.IsSupported) Skip = "this machine has no AVX2, so only the scalar path runs.";
    }
}

/// <summary>A theory that reports as skipped on machines without AVX2.</summary>
public sealed class Avx2TheoryAttribute : TheoryAttribute
{
    public Avx2TheoryAttribute()
    {
        if (!Avx2.IsSupported) Skip = "this machine has no AVX2, so only the scalar path runs.";
    }
}
