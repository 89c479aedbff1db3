namespace ResearchKit.Imaging.Jpeg;

/// <summary>One SOS header: the components it codes with their tables, and the spectral band and bit positions.</summary>
internal sealed record JpegScan(JpegComponent[] Components, int SpectralStart, int SpectralEnd, int BitHigh, int BitLow, int RestartInterval)
{
    /// <summary>Several components in one scan: MCUs hold h x v blocks of each (otherwise one block each).</summary>
    public bool Interleaved => Components.Length > 1;
}
