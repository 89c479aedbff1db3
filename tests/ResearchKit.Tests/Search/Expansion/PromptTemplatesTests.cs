using ResearchKit.Search.Expansion;

namespace ResearchKit.Tests.Search.Expansion;

public sealed class PromptTemplatesTests
{
    [Fact]
    public void Default_templates_cover_photos_emoji_and_the_bare_term()
    {
        var prompts = PromptTemplates.Default.Apply("red car");

        Assert.Equal(PromptTemplates.Default.Templates.Count, prompts.Count);
        Assert.Contains("red car", prompts);
        Assert.Contains(prompts, p => p.Contains("photo") && p.Contains("red car"));
        Assert.Contains(prompts, p => p.Contains("emoji") && p.Contains("red car"));
        Assert.DoesNotContain(prompts, p => p.Contains("{}"));
    }

    [Fact]
    public void Custom_templates_keep_order_drop_repeats_and_fill_every_placeholder()
    {
        var templates = new PromptTemplates(["a sketch of {}.", "{} next to {}", "a sketch of {}."]);
        Assert.Equal(["a sketch of cat.", "cat next to cat"], templates.Apply("cat"));
    }

    [Fact]
    public void Templates_without_placeholder_or_none_at_all_are_rejected()
    {
        var e = Assert.Throws<PromptTemplateException>(() => new PromptTemplates(["a photo of a dog"]));
        Assert.Contains("{}", e.Message);
        Assert.Throws<PromptTemplateException>(() => new PromptTemplates([]));
    }

    [Fact]
    public void Template_files_skip_comments_and_blank_lines()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("prompts.txt", "# my prompts\n\na drawing of {}.\n  {}  \n"u8.ToArray());
        Assert.Equal(["a drawing of {}.", "{}"], PromptTemplates.FromFile(path).Templates);

        var bad = temp.Write("bad.txt", "a drawing\n"u8.ToArray());
        var e = Assert.Throws<PromptTemplateException>(() => PromptTemplates.FromFile(bad));
        Assert.Equal(bad, e.Origin);
        Assert.Throws<PromptTemplateException>(() => PromptTemplates.FromFile(Path.Combine(temp.Path, "none.txt")));
    }
}
