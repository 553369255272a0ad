using Renda.Modules.Performance;

namespace Renda.UnitTests.Performance;

public class EvidenceAndWorkflowTests
{
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0 }, "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, "image/png")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 1, 2, 3, 4, (byte)'W', (byte)'E', (byte)'B', (byte)'P' }, "image/webp")]
    [InlineData(new byte[] { (byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-', (byte)'1' }, "application/pdf")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 1, 2, 3, 4, (byte)'W', (byte)'A', (byte)'V', (byte)'E' }, null)]
    [InlineData(new byte[] { (byte)'<', (byte)'s', (byte)'v', (byte)'g' }, null)]
    [InlineData(new byte[] { (byte)'M', (byte)'Z' }, null)]
    public void Evidence_is_known_by_its_bytes_not_its_name(byte[] bytes, string? type) =>
        Assert.Equal(type, Evidence.ContentTypeOf(bytes));

    [Fact]
    public void Evidence_that_is_empty_too_large_or_not_a_photo_or_pdf_is_refused_with_a_reason()
    {
        Assert.Contains("empty", Evidence.Problem([]));
        var big = new byte[Evidence.MaxBytes + 1];
        big[0] = 0xFF; big[1] = 0xD8; big[2] = 0xFF;
        Assert.Contains("8 MB", Evidence.Problem(big));
        Assert.Contains("PDF", Evidence.Problem("<html>"u8.ToArray()));
        Assert.Null(Evidence.Problem("%PDF-1.7"u8.ToArray()));
    }

    [Fact]
    public void Self_reports_are_submitted_by_representatives_and_approved_or_returned_by_staff()
    {
        var d = SelfReportWorkflow.Definition;
        d.Validate();
        Assert.Equal(["pending", "approved", "returned"], d.States);
        Assert.True(d.IsFinal("approved"));
        Assert.True(d.IsFinal("returned"));
        Assert.Equal(["congress_staff"], d.Transitions.Single(t => t.Action == "approve").Roles);
        Assert.Equal(["representative"], d.Transitions.Single(t => t.Action == "submit").Roles);
    }

    [Fact]
    public void The_module_README_holds_the_state_diagram_of_the_table()
    {
        var readme = File.ReadAllText(Path.Combine(Root(), "src", "Renda", "Modules", "Performance", "README.md"));
        Assert.Contains(WorkflowNormalize(SelfReportWorkflow.Definition.ToMermaid()),
            Renda.Platform.Workflow.WorkflowDefinition.MermaidBlocks(readme));
    }

    [Fact]
    public void Every_activity_type_writes_a_known_duty_kind()
    {
        Assert.Equal(8, ActivityTypes.All.Count);
        Assert.All(ActivityTypes.All, t => Assert.True(DutyKinds.IsKnown(t.DutyKind), t.Id));
        Assert.Equal(ActivityTypes.All.Count, ActivityTypes.All.Select(t => t.Id).Distinct().Count());
    }

    [Fact]
    public void The_pivot_counts_every_duty_kind_in_its_own_slot()
    {
        Assert.True(DutyKinds.All.Count <= KindCounts.Slots);
        var body = KindCounts.Pivot.Body.ToString();
        Assert.All(DutyKinds.All, k => Assert.Contains($"\"{k.Id}\"", body));
        var row = new KindCounts { K0 = 3, K2 = 5 };
        Assert.Equal((3, 0, 5), (row[0], row[1], row[2]));
    }

    private static string WorkflowNormalize(string m) => Renda.Platform.Workflow.WorkflowDefinition.NormalizeMermaid(m);

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Renda.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
