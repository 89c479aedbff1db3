using System.Numerics.Tensors;
using System.Text.Json;
using ResearchKit.IO;
using ResearchKit.Imaging;

namespace ResearchKit.Models.Conversion;

/// <summary>
/// Runs a converted folder's ONNX towers on the recipe's probe inputs and compares them with the PyTorch outputs the
/// recipe recorded in conversion.json, so a faulty export never replaces a working model.
/// </summary>
public static class ConversionProbe
{
    /// <summary>The file the recipe writes beside the ONNX files.</summary>
    public const string RecordFile = "conversion.json";

    /// <summary>What the probe found.</summary>
    /// <param name="TimmModelName">The image trunk the checkpoint names, e.g. eva02_base_patch16_clip_224.</param>
    /// <param name="EmbeddingDim">Length of the image and text embeddings.</param>
    /// <param name="ImageCosine">Cosine between the ONNX and the PyTorch image embedding of the probe image.</param>
    /// <param name="TextCosine">Cosine between the ONNX and the PyTorch text embedding of the probe ids.</param>
    /// <param name="TorchVersion">The torch that exported the graphs.</param>
    public sealed record Result(string TimmModelName, int EmbeddingDim, double ImageCosine, double TextCosine, string TorchVersion);

    /// <summary>Checks the converted model in <paramref name="directory"/>.</summary>
    /// <exception cref="ModelConversionException">The record is unreadable, or a tower's cosine is below <paramref name="tolerance"/>.</exception>
    public static Result Check(string directory, double tolerance)
    {
        var recordPath = Path.Combine(directory, RecordFile);
        using var record = JsonFile.Parse(recordPath, (problem, e) => new ModelConversionException(recordPath, problem, e));
        try
        {
            var root = record.RootElement;
            var probe = root.GetProperty("probe");
            var size = probe.GetProperty("image_size").GetInt32();
            var model = ModelDirectory.Open(directory);
            double imageCosine, textCosine;
            using (var image = new OnnxImageEncoder(model))
                imageCosine = Cosine(Floats(probe.GetProperty("image_embeds")), image.Encode([Pixels(size)]).Raw[0]);
            using (var text = new OnnxTextEncoder(model))
                textCosine = Cosine(Floats(probe.GetProperty("text_embeds")), text.Encode([[.. probe.GetProperty("input_ids").EnumerateArray().Select(v => v.GetInt32())]]).Raw[0]);
            var result = new Result(root.GetProperty("timm_model_name").GetString() ?? "", root.GetProperty("embed_dim").GetInt32(),
                imageCosine, textCosine, root.GetProperty("torch").GetString() ?? "");
            if (!(imageCosine >= tolerance) || !(textCosine >= tolerance))  // NaN (a length mismatch) fails too
                throw new ModelConversionException(directory, $"the exported ONNX towers disagree with PyTorch on the probe inputs (image cosine {imageCosine:F6}, "
                    + $"text cosine {textCosine:F6}, need {tolerance}); the torch.onnx export ({result.TorchVersion}) is not faithful. Nothing was replaced.");
            return result;
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ModelConversionException(recordPath, $"the probe record is incomplete ({e.Message}); the recipe and this ResearchKit do not match.", e);
        }
    }

    /// <summary>The recipe's probe image: ((7x + 13y + 29c) mod 101) / 50 - 1, computed in double and rounded to float.</summary>
    public static ImageTensor Pixels(int size)
    {
        var data = new float[3 * size * size];
        for (var c = 0; c < 3; c++)
            for (var y = 0; y < size; y++)
                for (var x = 0; x < size; x++)
                    data[(c * size + y) * size + x] = (float)((7 * x + 13 * y + 29 * c) % 101 / 50.0 - 1.0);
        return new ImageTensor(data, 3, size, size);
    }

    private static float[] Floats(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetSingle())];

    private static double Cosine(float[] expected, float[] actual) =>
        expected.Length == actual.Length ? TensorPrimitives.CosineSimilarity(expected, actual) : double.NaN;
}
