using System.Reflection;
using ResearchKit.Datasets;
using ResearchKit.Embeddings;
using ResearchKit.Imaging;
using ResearchKit.Models;
using ResearchKit.Search;

namespace ResearchKit.Tests.Embeddings;

/// <summary>One identity per space covers every input of the vectors, so re-indexing never mixes vectors of two setups.</summary>
public sealed class SpaceIdentityTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _model = FixturePaths.Model("dinov2-tiny");

    public void Dispose() => _dir.Dispose();

    private SpaceIdentity IdentityWith(EmbeddingModelOptions options)
    {
        using var model = EmbeddingModel.Open(_model, options);
        return model.Identity;
    }

    [Fact]
    public void The_fingerprint_changes_with_exif_orientation_variant_pooling_and_a_preprocessing_override()
    {
        var plain = IdentityWith(EmbeddingModelOptions.Default);
        var exif = IdentityWith(new EmbeddingModelOptions { ImageLoad = new ImageLoadOptions { ApplyExifOrientation = true } });
        var pooled = IdentityWith(new EmbeddingModelOptions { Encoder = EncoderOptions.Default with { DinoPooling = EmbeddingPooling.ClsPlusMeanPatch } });
        var overridden = IdentityWith(new EmbeddingModelOptions { PreprocessOverride = c => c with { Filter = ResamplingFilter.Bilinear } });
        var limited = IdentityWith(new EmbeddingModelOptions { ImageLoad = new ImageLoadOptions { MaxPixels = 1000 } });

        Assert.Equal(4, new[] { plain, exif, pooled, overridden }.Select(i => i.Fingerprint).Distinct().Count());
        Assert.Contains("EXIF orientation was off and is now on", exif.DifferenceFrom(plain));
        Assert.NotNull(pooled.DifferenceFrom(plain));  // CLS plus mean patch also doubles the dimension
        Assert.Contains("pooling", (plain with { Pooling = "ClsPlusMeanPatch" }).DifferenceFrom(plain));
        Assert.Contains("preprocessing", overridden.DifferenceFrom(plain));
        Assert.Contains("variant", (plain with { Variant = "fp16" }).DifferenceFrom(plain));
        // The pixel limit only refuses files: it does not change vectors.
        Assert.Equal(plain.Fingerprint, limited.Fingerprint);
        Assert.Null(limited.DifferenceFrom(plain));
        // Where the model lay and the space's name are not inputs of the vectors.
        Assert.Equal(plain.Fingerprint, (plain with { ModelDirectory = "/elsewhere", Space = "other" }).Fingerprint);
    }

    [Fact]
    public void Towers_with_the_same_file_name_in_two_folders_are_both_in_the_identity()
    {
        // Immich keeps visual/model.onnx and textual/model.onnx: both must be hashed under their own key.
        var immich = Path.Combine(FixturePaths.Replicas, "repos", "immich-app", "ViT-B-16-SigLIP__webli");
        using var model = EmbeddingModel.Open(immich);
        var files = model.Identity.Files;
        Assert.Contains("visual/model.onnx", files.Keys);
        Assert.Contains("textual/model.onnx", files.Keys);
        Assert.NotEqual(files["visual/model.onnx"], files["textual/model.onnx"]);
    }

    [Fact]
    public void Every_image_load_setting_but_the_pixel_limit_is_part_of_the_identity()
    {
        // A decode setting added later (issue 20's draft JPEG decode) joins the fingerprint without another edit.
        var plain = IdentityWith(EmbeddingModelOptions.Default);
        foreach (var property in typeof(ImageLoadOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            if (property.Name == nameof(ImageLoadOptions.MaxPixels)) continue;
            var changed = plain.ImageLoad with { };
            var value = property.PropertyType == typeof(bool) ? (object)!(bool)property.GetValue(changed)!
                : property.PropertyType.IsEnum ? Enum.GetValues(property.PropertyType).Cast<object>().First(v => !v.Equals(property.GetValue(changed)))
                : throw new InvalidOperationException($"add a changed value for ImageLoadOptions.{property.Name} ({property.PropertyType.Name}) to this test");
            property.SetValue(changed, value);
            Assert.NotEqual(plain.Fingerprint, (plain with { ImageLoad = changed }).Fingerprint);
            Assert.NotNull((plain with { ImageLoad = changed }).DifferenceFrom(plain));
        }
    }

    [Fact]
    public async Task Re_indexing_with_exif_orientation_says_why_and_rebuilds_and_search_reopens_the_model_as_indexed()
    {
        TestDatasets.WriteGeneratedImages(_dir.Path, 5);
        using (var plain = EmbeddingModel.Open(_model))
            await new DatasetIndexer(Dataset.Open(_dir.Path)).IndexAsync(plain);

        using var exif = EmbeddingModel.Open(_model, new EmbeddingModelOptions { ImageLoad = new ImageLoadOptions { ApplyExifOrientation = true } });
        var report = await new DatasetIndexer(Dataset.Open(_dir.Path)).IndexAsync(exif);

        Assert.Contains("EXIF orientation", report.Invalidated);
        Assert.Equal(5, report.Embedded);
        using var engine = SearchEngine.Open(Dataset.Open(_dir.Path));
        Assert.True(engine.Model("dinov2-tiny").Options.ImageLoad.ApplyExifOrientation);
        Assert.Equal(exif.Identity.Fingerprint, engine.Space("dinov2-tiny").Identity.Fingerprint);
    }
}
