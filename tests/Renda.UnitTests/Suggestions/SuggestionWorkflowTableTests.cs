using Renda.Modules.Suggestions;
using Renda.Platform.Auth;
using Renda.Platform.Jurisdictions;
using Renda.Platform.Workflow;
using static Renda.Platform.Workflow.WorkflowDefinition;

namespace Renda.UnitTests.Suggestions;

public class SuggestionWorkflowTableTests
{
    private static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Renda.slnx"))) return Path.Combine(dir.FullName, relative);
        throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public void The_module_readme_diagram_is_the_table()
    {
        var readme = File.ReadAllText(RepoFile("src/Renda/Modules/Suggestions/README.md"));
        Assert.Equal(Assert.Single(MermaidBlocks(readme)), NormalizeMermaid(SuggestionWorkflow.Definition.ToMermaid()));
    }

    [Theory]
    [InlineData(New, "draft", "draft", Roles.Representative)]
    [InlineData("draft", "submit", "submitted", WorkflowRoles.Filer)]
    [InlineData("returned", "submit", "submitted", WorkflowRoles.Filer)]
    [InlineData("submitted", "register", "registered", Roles.CongressStaff)]
    [InlineData("submitted", "return", "returned", Roles.CongressStaff)]
    [InlineData("registered", "assign", "assigned", Roles.CongressStaff)]
    [InlineData("assigned", "acknowledge", "in_progress", WorkflowRoles.LeadUnit)]
    [InlineData("assigned", "return", "registered", WorkflowRoles.LeadUnit)]
    [InlineData("in_progress", "reply", "replied", WorkflowRoles.LeadUnit)]
    public void Each_row_of_domain_md_is_in_the_table(string from, string action, string to, string role)
    {
        var row = Assert.Single(SuggestionWorkflow.Definition.Transitions, t => t.Action == action && t.From.Contains(from));
        Assert.Equal([to], row.Targets);
        Assert.Equal([role], row.Roles);
    }

    [Fact]
    public void Evaluate_chooses_closed_or_in_progress_and_the_unchanged_actions_keep_the_state()
    {
        var t = SuggestionWorkflow.Definition.Transitions;
        Assert.Equal(["closed", "in_progress"], t.Single(r => r.Action == "evaluate").Targets);
        Assert.Equal(["registered", "assigned", "in_progress"], t.Single(r => r.Action == "designate_key").From);
        Assert.True(t.Single(r => r.Action == "carry_over").KeepsState);
        Assert.Equal([Roles.CongressStaff, Roles.Leader], t.Single(r => r.Action == "supervise").Roles);
        Assert.True(SuggestionWorkflow.Definition.IsFinal("closed"));
        Assert.DoesNotContain("closed", SuggestionWorkflow.Definition.OpenStates);
    }

    [Fact]
    public void Motions_need_ten_signers_above_the_township_and_five_at_a_township()
    {
        var o = new SuggestionOptions();
        Assert.Equal(10, o.RequiredMotionSigners(JurisdictionLevel.Province));
        Assert.Equal(10, o.RequiredMotionSigners(JurisdictionLevel.City));
        Assert.Equal(10, o.RequiredMotionSigners(JurisdictionLevel.County));
        Assert.Equal(5, o.RequiredMotionSigners(JurisdictionLevel.Township));
        o.MotionSigners["Township"] = 0;     // a nonsensical setting falls back to the law
        Assert.Equal(5, o.RequiredMotionSigners(JurisdictionLevel.Township));
    }

    [Theory]
    [InlineData("关于天荒坪镇农村生活污水处理的建议", "天荒")]
    [InlineData("PM2.5 monitoring", "monitoring")]
    public void Bigrams_take_two_character_windows_and_latin_words(string text, string expected) =>
        Assert.Contains(expected, SuggestionQueries.Bigrams(text));

    [Fact]
    public void Reply_documents_are_recognised_by_their_bytes()
    {
        Assert.Equal(ReplyDocuments.PdfType, ReplyDocuments.Sniff("%PDF-1.7\n"u8.ToArray()));
        Assert.Null(ReplyDocuments.Sniff("PDF-1.7"u8.ToArray()));
        Assert.Null(ReplyDocuments.Sniff([0x50, 0x4B, 0x03, 0x04, 0, 0, 0]));
        Assert.Equal(Renda.Platform.Documents.DocxDocument.ContentType,
            ReplyDocuments.Sniff(new Renda.Platform.Documents.DocxDocument().Paragraph("x").ToBytes()));
    }
}
