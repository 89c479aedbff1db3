using ResearchKit.Datasets;

namespace ResearchKit.Tests.Datasets;

public sealed class DatasetTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly byte[] _png = File.ReadAllBytes(FixturePaths.Image("tiny_1x1.png"));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Items_are_images_found_recursively_with_path_ids_and_hidden_folders_skipped()
    {
        _dir.Write("b.png", _png);
        _dir.Write("sub/a.png", _png);
        _dir.Write(".researchkit/cache.png", _png);
        _dir.Write("notes.txt", [1]);

        var dataset = Dataset.Open(_dir.Path);

        Assert.Equal(["b.png", "sub/a.png"], dataset.Items.Select(i => i.Id));
        Assert.Equal(Path.Combine(_dir.Path, "sub", "a.png"), dataset.FullPath(dataset.Items[1]));
    }

    [Fact]
    public void Csv_metadata_joins_by_path_with_quoted_cells_and_split_lists()
    {
        _dir.Write("img/cat.png", _png);
        _dir.Write("img/dog.png", _png);
        File.WriteAllText(Path.Combine(_dir.Path, "metadata.csv"),
            "id,path,title,tags,set\ncat-1,img/cat.png,\"Cat, grinning\",animal|face,noto\n\"dog-1\",img/dog.png,\"Dog \"\"good\"\"\",animal;pet,twemoji\n");

        var dataset = Dataset.Open(_dir.Path);

        Assert.True(dataset.TryGet("cat-1", out var cat));
        Assert.Equal("Cat, grinning", cat.Title);
        Assert.Equal(["animal", "face"], cat.Tags);
        Assert.Equal("noto", cat.Extra["set"]);
        Assert.True(dataset.TryGet("dog-1", out var dog));
        Assert.Equal("Dog \"good\"", dog.Title);
        Assert.Equal(["animal", "pet"], dog.Tags);
    }

    [Fact]
    public void Json_lines_metadata_joins_by_id_when_there_is_no_path_column()
    {
        _dir.Write("emoji/1f600.png", _png);
        File.WriteAllText(Path.Combine(_dir.Path, "metadata.jsonl"),
            "{\"id\":\"emoji/1f600\",\"label\":\"grinning face\",\"tags\":[\"face\",\"smile\"],\"group\":\"Smileys\"}\n\n");

        var item = Dataset.Open(_dir.Path).Items.Single();

        Assert.Equal("emoji/1f600", item.Id);
        Assert.Equal("emoji/1f600.png", item.RelativePath);
        Assert.Equal("grinning face", item.Title);
        Assert.Equal(["grinning face"], item.Labels);
        Assert.Equal(["face", "smile"], item.Field("tags"));
        Assert.Equal(["Smileys"], item.Field("group"));
    }

    [Fact]
    public void Rows_naming_missing_images_are_reported_not_fatal()
    {
        _dir.Write("a.png", _png);
        File.WriteAllText(Path.Combine(_dir.Path, "metadata.csv"), "path,title\na.png,A\ngone.png,B\n");

        var dataset = Dataset.Open(_dir.Path);

        Assert.Single(dataset.Items);
        Assert.Contains("line 3", Assert.Single(dataset.Problems));
    }

    [Fact]
    public void A_repeated_id_is_a_typed_error_naming_the_line()
    {
        _dir.Write("a.png", _png);
        _dir.Write("b.png", _png);
        File.WriteAllText(Path.Combine(_dir.Path, "metadata.csv"), "id,path\nx,a.png\nx,b.png\n");

        var error = Assert.Throws<DatasetException>(() => Dataset.Open(_dir.Path));
        Assert.Contains("line 3 repeats id 'x'", error.Message);
    }

    [Fact]
    public void Malformed_metadata_names_the_file_and_line()
    {
        _dir.Write("a.png", _png);
        File.WriteAllText(Path.Combine(_dir.Path, "metadata.jsonl"), "{\"path\":\"a.png\"}\n{not json\n");
        var jsonError = Assert.Throws<DatasetException>(() => Dataset.Open(_dir.Path));
        Assert.Contains("line 2", jsonError.Message);

        File.Delete(Path.Combine(_dir.Path, "metadata.jsonl"));
        File.WriteAllText(Path.Combine(_dir.Path, "metadata.csv"), "path,title\na.png,\"unclosed\n");
        var csvError = Assert.Throws<DatasetException>(() => Dataset.Open(_dir.Path));
        Assert.Contains("never closed", csvError.Message);
    }

    [Fact]
    public void A_missing_folder_is_a_typed_error()
    {
        var error = Assert.Throws<DatasetException>(() => Dataset.Open(Path.Combine(_dir.Path, "nope")));
        Assert.Contains("no such dataset folder", error.Message);
    }
}
