using ResearchKit.Imaging;

namespace ResearchKit.Tests.Imaging;

public sealed class PreprocessConfigTests
{
    [Fact]
    public void Siglip_config_reads_as_an_exact_bicubic_resize_without_crop()
    {
        var c = PreprocessConfig.FromHuggingFace(Path.Combine(FixturePaths.Model("siglip-tiny"), "preprocessor_config.json"));
        Assert.Equal((ResizeMode.Exact, 224, 224, ResamplingFilter.Bicubic, false), (c.Resize, c.Width, c.Height, c.Filter, c.CenterCrop));
        Assert.Equal(ColorConversionOrder.ConvertThenResize, c.Order);
        Assert.Equal([0.5f, 0.5f, 0.5f], c.Mean);
        Assert.Equal((224, 224), c.OutputSize);
    }

    [Fact]
    public void Dinov2_config_reads_as_shortest_edge_then_floored_center_crop()
    {
        var c = PreprocessConfig.FromHuggingFace(Path.Combine(FixturePaths.Model("dinov2-tiny"), "preprocessor_config.json"));
        Assert.Equal((ResizeMode.ShortestEdge, 256, true, 224, 224, CropRounding.Floor), (c.Resize, c.ShortestEdge, c.CenterCrop, c.CropWidth, c.CropHeight, c.CropRounding));
        Assert.Equal([0.229f, 0.224f, 0.225f], c.Std);
    }

    [Fact]
    public void Open_clip_config_resizes_before_converting_and_rounds_half_to_even()
    {
        var c = PreprocessConfig.FromOpenClip(Path.Combine(FixturePaths.Model("eva02-clip-tiny"), "open_clip_config.json"));
        Assert.Equal(ColorConversionOrder.ResizeThenConvert, c.Order);
        Assert.Equal((ResizeMode.ShortestEdge, 224, CropRounding.HalfToEven), (c.Resize, c.ShortestEdge, c.CropRounding));
        Assert.Equal(0.26862954f, c.Std[0]);
    }

    [Fact]
    public void Immich_config_uses_Immichs_own_rules()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("preprocess_cfg.json", """{"size":[224,224],"mode":"RGB","mean":[0.5,0.5,0.5],"std":[0.5,0.5,0.5],"interpolation":"bicubic","resize_mode":"shortest","fill_color":0}"""u8.ToArray());
        var c = PreprocessConfig.FromImmich(path);
        Assert.Equal((LongSideRule.RatioFirst, CropRounding.Truncate, 224), (c.LongSide, c.CropRounding, c.CropWidth));
    }

    [Theory]
    [InlineData(640, 427, 256, 383, 256)]  // landscape: long side int(256 * 640 / 427) = 383
    [InlineData(7, 900, 256, 256, 32914)]   // the fixtures' thin strip
    [InlineData(333, 333, 224, 224, 224)]
    public void Shortest_edge_truncates_the_long_side(int w, int h, int edge, int expectedW, int expectedH)
    {
        var c = new PreprocessConfig { Source = "test", Resize = ResizeMode.ShortestEdge, ShortestEdge = edge };
        Assert.Equal((expectedW, expectedH), c.ResizedSize(w, h));
    }

    [Fact]
    public void Ratio_first_and_product_first_differ_where_floating_point_says_so()
    {
        var product = new PreprocessConfig { Source = "t", Resize = ResizeMode.ShortestEdge, ShortestEdge = 224 };
        var ratio = product with { LongSide = LongSideRule.RatioFirst };
        // Search small sizes for a case where the two formulas disagree, then check it is Python's answer.
        var found = Enumerable.Range(100, 400).SelectMany(s => Enumerable.Range(s + 1, 300).Select(l => (s, l)))
            .First(p => product.ResizedSize(p.s, p.l) != ratio.ResizedSize(p.s, p.l));
        Assert.Equal((int)(224.0 * found.l / found.s), product.ResizedSize(found.s, found.l).Height);
        Assert.Equal((int)((double)found.l / found.s * 224), ratio.ResizedSize(found.s, found.l).Height);
    }

    [Theory]
    [InlineData(CropRounding.Floor, 383, 224, 79)]
    [InlineData(CropRounding.HalfToEven, 383, 224, 80)]    // round(79.5) = 80 (even)
    [InlineData(CropRounding.HalfToEven, 381, 224, 78)]    // round(78.5) = 78 (even)
    [InlineData(CropRounding.Truncate, 381, 224, 78)]
    [InlineData(CropRounding.Floor, 5, 8, -2)]             // HF pads: ceil(3/2) = 2 before
    [InlineData(CropRounding.HalfToEven, 5, 8, -1)]        // torchvision pads: 3 // 2 = 1 before
    [InlineData(CropRounding.Truncate, 5, 8, -1)]
    public void Crop_offsets_follow_each_reference(CropRounding rounding, int size, int crop, int offset) =>
        Assert.Equal(offset, rounding.Offset(size, crop));

    [Fact]
    public void A_crop_larger_than_the_image_pads_with_zero_pixels()
    {
        var config = new PreprocessConfig
        {
            Source = "test", Resize = ResizeMode.None, CenterCrop = true, CropWidth = 4, CropHeight = 3,
            Mean = [0.5f, 0.5f, 0.5f], Std = [0.5f, 0.5f, 0.5f],
        };
        var image = new RgbaImage(2, 1, SourceMode.Rgb, [255, 255, 255, 255, 255, 255, 255, 255]);
        var t = new ImagePreprocessor(config).Process(image);
        Assert.Equal([1, 3, 3, 4], t.Shape);
        // Floor offsets: (2 - 4) // 2 = -1 column and (1 - 3) // 2 = -1 row of padding before the image.
        float[] expectedRed = [-1, -1, -1, -1, -1, 1, 1, -1, -1, -1, -1, -1];
        Assert.Equal(expectedRed, t.Data[..12]);
    }

    [Fact]
    public void Description_is_stable_and_changes_with_any_pixel_affecting_setting()
    {
        var a = new PreprocessConfig { Source = "a.json", Width = 224, Height = 224 };
        var b = a with { Source = "elsewhere.json" };
        Assert.Equal(a.Describe(), b.Describe());
        Assert.NotEqual(a.Describe(), (a with { Filter = ResamplingFilter.Bilinear }).Describe());
        Assert.NotEqual(a.Describe(), (a with { Mean = [0.5f, 0.5f, 0.4f] }).Describe());
        Assert.NotEqual(a.Describe(), (a with { Order = ColorConversionOrder.ResizeThenConvert }).Describe());
    }

    [Fact]
    public void Bad_json_is_a_typed_error_naming_the_file()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("preprocessor_config.json", "{ not json"u8.ToArray());
        var e = Assert.Throws<PreprocessConfigException>(() => PreprocessConfig.FromHuggingFace(path));
        Assert.Equal(path, e.Path);
        Assert.Contains("not valid JSON", e.Message);
    }

    [Theory]
    [InlineData("{\"do_resize\": true, \"size\": {\"height\": 2000000, \"width\": 2000000}}", "larger than")]
    [InlineData("{\"do_resize\": true, \"size\": 1e40}", "whole number")]
    [InlineData("{\"do_resize\": true, \"size\": {\"shortest_edge\": 224}, \"do_center_crop\": true, \"crop_size\": 99999}", "larger than")]
    public void A_huge_or_fractional_size_is_a_typed_error_naming_the_file(string json, string expected)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("preprocessor_config.json", System.Text.Encoding.UTF8.GetBytes(json));
        var e = Assert.Throws<PreprocessConfigException>(() => PreprocessConfig.FromHuggingFace(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Missing_file_is_a_typed_error()
    {
        var e = Assert.Throws<PreprocessConfigException>(() => PreprocessConfig.FromOpenClip("/nowhere/open_clip_config.json"));
        Assert.Contains("/nowhere/open_clip_config.json", e.Message);
    }

    [Theory]
    [InlineData("""{"image_processor_type":"Siglip2ImageProcessor","max_num_patches":256,"patch_size":16}""", "NaFlex")]
    [InlineData("""{"size":{"height":224,"width":224},"resample":9}""", "resample")]
    [InlineData("""{"size":{"height":224,"width":224},"image_mean":[0.5,0.5]}""", "image_mean")]
    [InlineData("""{"size":{"height":0,"width":224}}""", "positive")]
    [InlineData("""{"do_center_crop":true,"size":{"shortest_edge":256}}""", "crop_size")]
    public void Unsupported_or_malformed_fields_are_named(string json, string field)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("preprocessor_config.json", System.Text.Encoding.UTF8.GetBytes(json));
        var e = Assert.Throws<PreprocessConfigException>(() => PreprocessConfig.FromHuggingFace(path));
        Assert.Contains(field, e.Message);
    }
}
