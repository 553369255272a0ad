using Renda.Modules.Performance;

namespace Renda.UnitTests.Performance;

/// <summary>The calculator on a known book and a known data set: caps, deductions, zero lines, a changed book.</summary>
public class ScoreCalculatorTests
{
    private static readonly IReadOnlyList<CriterionRule> Book =
    [
        new("R1", "接待选民", [DutyKinds.Reception], 2m, 10m),
        new("M1", "参加会议和培训", [DutyKinds.Meeting, DutyKinds.Training], 3m, 12m),
        new("S1", "提出建议", [DutyKinds.SuggestionFiled], 5m, null),
        new("Q1", "应知应会", [DutyKinds.Quiz], 1.5m, 6m),
        new("D1", "无故缺席", [ScoreCalculator.UnexcusedAbsence], -2m, 6m),
    ];

    private static readonly Dictionary<string, int> Facts = new()
    {
        [DutyKinds.Reception] = 7,           // 14, capped at 10
        [DutyKinds.Meeting] = 2,             // with training: 3 records, 9
        [DutyKinds.Training] = 1,
        [DutyKinds.SuggestionFiled] = 3,     // no cap: 15
        [ScoreCalculator.UnexcusedAbsence] = 4, // -8, capped at -6
        [DutyKinds.VoterContact] = 9,        // counted by no criterion
    };

    [Fact]
    public void Each_line_explains_its_records_points_and_cap_and_the_lines_add_up_to_the_total()
    {
        var score = ScoreCalculator.Compute(Book, Facts);

        Assert.Equal(["R1", "M1", "S1", "Q1", "D1"], score.Lines.Select(l => l.Criterion));
        var r1 = score.Lines[0];
        Assert.Equal((7, 14m, 10m, true), (r1.Records, r1.Uncapped, r1.Points, r1.Capped));
        var m1 = score.Lines[1];
        Assert.Equal((3, 9m, false), (m1.Records, m1.Points, m1.Capped));
        Assert.Equal((3, 15m, false), (score.Lines[2].Records, score.Lines[2].Points, score.Lines[2].Capped));
        Assert.Equal(28m, score.Total);   // 10 + 9 + 15 + 0 - 6
        Assert.Equal(score.Lines.Sum(l => l.Points), score.Total);
    }

    [Fact]
    public void A_criterion_with_nothing_to_count_is_a_zero_line_not_a_missing_one()
    {
        var score = ScoreCalculator.Compute(Book, Facts);
        var quiz = score.Lines.Single(l => l.Criterion == "Q1");
        Assert.Equal((0, 0m, false), (quiz.Records, quiz.Points, quiz.Capped));

        var nothing = ScoreCalculator.Compute(Book, new Dictionary<string, int>());
        Assert.Equal(5, nothing.Lines.Count);
        Assert.All(nothing.Lines, l => Assert.Equal(0m, l.Points));
        Assert.Equal(0m, nothing.Total);
    }

    [Fact]
    public void A_deduction_is_negative_and_capped_in_absolute_value()
    {
        var d1 = ScoreCalculator.Compute(Book, Facts).Lines.Single(l => l.Criterion == "D1");
        Assert.Equal((4, -8m, -6m, true), (d1.Records, d1.Uncapped, d1.Points, d1.Capped));

        var two = ScoreCalculator.Compute(Book, new Dictionary<string, int> { [ScoreCalculator.UnexcusedAbsence] = 2 });
        Assert.Equal(-4m, two.Total);
        Assert.False(two.Lines.Single(l => l.Criterion == "D1").Capped);
    }

    [Fact]
    public void A_changed_book_changes_the_score_of_the_same_records()
    {
        var before = ScoreCalculator.Compute(Book, Facts).Total;
        IReadOnlyList<CriterionRule> raisedCap = [.. Book.Select(c => c.Code == "R1" ? c with { Cap = 20m } : c)];
        IReadOnlyList<CriterionRule> withoutDeduction = [.. Book.Where(c => c.Code != "D1")];

        Assert.Equal(before + 4m, ScoreCalculator.Compute(raisedCap, Facts).Total);      // 14 instead of 10
        Assert.Equal(before + 6m, ScoreCalculator.Compute(withoutDeduction, Facts).Total);
    }

    [Fact]
    public void Fractional_points_are_exact()
    {
        var q = ScoreCalculator.Compute(Book, new Dictionary<string, int> { [DutyKinds.Quiz] = 3 }).Lines.Single(l => l.Criterion == "Q1");
        Assert.Equal(4.5m, q.Points);
        Assert.Equal(6m, ScoreCalculator.Compute(Book, new Dictionary<string, int> { [DutyKinds.Quiz] = 5 }).Total);
    }

    [Fact]
    public void The_explanation_says_why_in_words()
    {
        var lines = ScoreCalculator.Compute(Book, Facts).Lines;
        Assert.Equal("7 条 × 2 分 = 14 分，达到上限 10 分 → 10 分", ScoreCalculator.Explain(lines[0], false));
        Assert.Equal("3 条 × 3 分 = 9 分（上限 12 分）", ScoreCalculator.Explain(lines[1], false));
        Assert.Equal("3 record(s) × 5 = 15", ScoreCalculator.Explain(lines[2], true));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-3, 0)]
    [InlineData(5, 1)]
    [InlineData(10, 2)]
    [InlineData(22, 4)]
    [InlineData(23, 5)]
    [InlineData(35, 5)]
    public void Stars_by_the_share_of_the_book_maximum(int total, int stars)
    {
        var max = ScoreCalculator.MaxPoints([.. Book.Where(c => c.Cap is not null)]);   // 10 + 12 + 6 = 28 (the deduction does not count)
        Assert.Equal(28m, max);
        Assert.Equal(stars, ScoreCalculator.Stars(total, max, best: 100m));
    }

    [Fact]
    public void A_book_with_an_uncapped_criterion_has_no_maximum_and_stars_follow_the_best()
    {
        Assert.Null(ScoreCalculator.MaxPoints(Book));
        Assert.Equal(5, ScoreCalculator.Stars(40m, null, best: 40m));
        Assert.Equal(3, ScoreCalculator.Stars(20m, null, best: 40m));
    }
}
