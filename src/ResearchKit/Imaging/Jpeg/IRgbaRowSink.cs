namespace ResearchKit.Imaging.Jpeg;

/// <summary>Where a decoder delivers RGBA rows, top to bottom: an image being filled, or a resampler consuming them.</summary>
internal interface IRgbaRowSink
{
    /// <summary>The first row the sink uses; rows above it are decoded but not converted to RGB.</summary>
    int FirstRowNeeded { get; }

    /// <summary>One past the last row the sink uses; decoding may stop after it.</summary>
    int RowsNeeded { get; }

    /// <summary>The buffer for row <paramref name="y"/> (width * 4 bytes), filled by the decoder.</summary>
    Span<byte> Row(int y);

    /// <summary>Row <paramref name="y"/> is complete.</summary>
    void Commit(int y);
}
