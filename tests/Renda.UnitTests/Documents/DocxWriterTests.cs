using Renda.Platform.Documents;

namespace Renda.UnitTests.Documents;

public sealed class DocxWriterTests
{
    [Fact]
    public void A_document_reads_back_block_by_block_with_table_cells()
    {
        var bytes = new DocxDocument()
            .Title("代表建议答复汇编")
            .Heading("第1号 关于加强农村道路养护的建议")
            .Field("领衔代表", "张三")
            .Paragraph("第一段。\n第二段。")
            .Table(["单位", "件数"], [["县交通运输局", "3"], ["县水利局", null]])
            .PageBreak()
            .ToBytes();

        var paragraphs = DocxText.Paragraphs(bytes).Where(p => p.Length > 0).ToList();

        Assert.Equal(["代表建议答复汇编", "第1号 关于加强农村道路养护的建议", "领衔代表：张三", "第一段。", "第二段。",
            "单位", "件数", "县交通运输局", "3", "县水利局"], paragraphs);
    }

    [Fact]
    public void Characters_xml_cannot_carry_are_dropped_not_fatal()
    {
        var bytes = new DocxDocument().Paragraph("答复\u0001内容\u000b").ToBytes();
        Assert.Equal(["答复内容"], DocxText.Paragraphs(bytes));
    }
}
