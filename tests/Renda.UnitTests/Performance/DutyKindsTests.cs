using System.Text.RegularExpressions;
using Renda.Modules.Performance;

namespace Renda.UnitTests.Performance;

public class DutyKindsTests
{
    [Fact]
    public void Every_kind_has_a_unique_snake_case_id_and_both_labels()
    {
        Assert.Equal(DutyKinds.All.Count, DutyKinds.All.Select(k => k.Id).Distinct().Count());
        Assert.All(DutyKinds.All, k =>
        {
            Assert.Matches(new Regex("^[a-z]+(_[a-z]+)*$"), k.Id);
            Assert.True(k.Id.Length <= 32, k.Id);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", k.Zh);
            Assert.False(string.IsNullOrWhiteSpace(k.En));
        });
    }

    [Fact]
    public void The_kinds_of_DOMAIN_md_module_4_are_named()
    {
        string[] expected = [DutyKinds.Reception, "meeting", "inspection", "opinion_handled", "suggestion_filed", "co_signed", "training", "quiz", "self_reported"];
        Assert.All(expected, id => Assert.True(DutyKinds.IsKnown(id), id));
        Assert.Equal("接待选民", DutyKinds.Label(DutyKinds.Reception, false));
        Assert.Equal("Receiving citizens", DutyKinds.Label(DutyKinds.Reception, true));
        Assert.False(DutyKinds.IsKnown("nap"));
        Assert.False(DutyKinds.IsKnown(null));
    }

    [Fact]
    public void States_have_the_labels_of_DOMAIN_md()
    {
        Assert.Equal("待审核", DutyKinds.StateLabel(DutyRecordState.Pending, false));
        Assert.Equal("已审核", DutyKinds.StateLabel(DutyRecordState.Approved, false));
        Assert.Equal(DutyRecordState.Approved, new DutyRecord().State);
    }
}
