namespace ResearchKit.Models;

/// <summary>A tensor handed to an encoder does not have the shape its ONNX graph declares.</summary>
public sealed class TensorShapeException : ResearchKitException
{
    public TensorShapeException(string model, string input, string expected, string actual)
        : base($"Model '{model}' input '{input}' expects shape {expected} but got {actual}. " +
               "Check that the preprocessing config belongs to this model (image size, crop size).")
    {
        Model = model;
        Input = input;
    }

    public string Model { get; }
    public string Input { get; }
}
