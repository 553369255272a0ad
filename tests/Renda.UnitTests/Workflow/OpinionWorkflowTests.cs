using Renda.Modules.Opinions;
using Renda.Platform.Workflow;

namespace Renda.UnitTests.Workflow;

public sealed class OpinionWorkflowTests
{
    private static string Readme => File.ReadAllText(Path.Combine(RepoRoot(), "src/Renda/Modules/Opinions/README.md"));

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Renda.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public void The_module_readme_diagram_is_the_table()
    {
        var block = Assert.Single(WorkflowDefinition.MermaidBlocks(Readme));
        Assert.Equal(block, WorkflowDefinition.NormalizeMermaid(OpinionWorkflow.Definition.ToMermaid()));
    }

    [Fact]
    public void Tracking_codes_are_ten_unambiguous_characters_and_normalize_from_what_people_type()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => TrackingCodes.New()).ToList();
        Assert.All(codes, c => Assert.Equal(c, TrackingCodes.Normalize(c)));
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.DoesNotContain(codes, c => c.IndexOfAny(['0', 'O', '1', 'I', 'L', 'U']) >= 0);
        Assert.Equal("ABCDE23456", TrackingCodes.Normalize(" abcde-23456 "));
        Assert.Null(TrackingCodes.Normalize("ABCDE0O1IL"));
        Assert.Null(TrackingCodes.Normalize("ABCDE2345"));
        Assert.Equal("ABCDE-23456", TrackingCodes.Display("ABCDE23456"));
    }
}
