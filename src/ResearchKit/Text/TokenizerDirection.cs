namespace ResearchKit.Text;

/// <summary>Which end of a sequence truncation cuts or padding fills ("direction" in tokenizer.json).</summary>
public enum TokenizerDirection
{
    /// <summary>The end of the sequence (the default).</summary>
    Right,

    /// <summary>The start of the sequence.</summary>
    Left,
}
