using Microsoft.Extensions.Options;
using Renda.Platform.Calendar;
using Renda.Platform.Workflow;

namespace Renda.Modules.Opinions;

/// <summary>The time limits of the loop, configuration section <c>Opinions</c>. Working days count with the
/// holiday calendar (调休 included).</summary>
public sealed class OpinionOptions
{
    /// <summary>Working days a unit has to reply after assignment (and after each re-handling).</summary>
    public int ReplyWorkingDays { get; set; } = 15;
    /// <summary>Working days a unit has to acknowledge (签收) or return (退回) an assignment.</summary>
    public int AcknowledgeWorkingDays { get; set; } = 2;
    /// <summary>Working days the submitter has to rate a reply before it closes as not rated.</summary>
    public int RatingWorkingDays { get; set; } = 7;
    /// <summary>Working days before the deadline when the unit gets a reminder.</summary>
    public int RemindWorkingDaysBefore { get; set; } = 3;
    /// <summary>Seconds the dashboard's figures of a city or the province are kept before they are computed again
    /// (docs/adr/0040); 0 computes them on every request. A county's are always computed on request.</summary>
    public int WideStatsCacheSeconds { get; set; } = 300;
}

public sealed record RateInput(string? Rating, string? Comment);

/// <summary>Rules shared by the public rating endpoint and the staff API's actions.</summary>
public sealed class OpinionRules(WorkingDayCalendar calendar, IOptions<OpinionOptions> options, TimeProvider clock)
{
    public OpinionOptions Options => options.Value;

    /// <summary>The reply deadline for work starting today.</summary>
    public DateOnly ReplyDeadline() => calendar.Deadline(ChinaTime.Today(clock), Options.ReplyWorkingDays).Date;

    /// <summary>The day the rating window of a reply given on <paramref name="repliedAt"/> ends.</summary>
    public DateOnly RatingDeadline(DateTime repliedAt) =>
        calendar.Deadline(DateOnly.FromDateTime(repliedAt + ChinaTime.Offset), Options.RatingWorkingDays).Date;

    /// <summary>评价: 满意/基本满意 close it; 不满意 sends it back to the same unit with a new deadline, as a new round.</summary>
    public void Rate(WorkflowStep<Opinion> step, RateInput input)
    {
        var rating = input.Rating?.Trim();
        if (!OpinionRatings.IsKnown(rating))
        {
            step.Invalid("rating", "请选择满意、基本满意或不满意", "Rating must be satisfied, basically_satisfied or unsatisfied.");
            return;
        }
        var comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
        if (comment?.Length > Opinion.MaxReason)
        {
            step.Invalid("comment", $"评价意见不能超过{Opinion.MaxReason}字", $"The comment may not exceed {Opinion.MaxReason} characters.");
            return;
        }
        var o = step.Entity;
        o.Rating = rating;
        o.RatingComment = comment;
        o.RatedAt = step.Now;
        if (OpinionRatings.Closes(rating!))
        {
            o.ClosedAt = step.Now;
            o.ClosedReason = "rated";
            step.GoTo("closed");
        }
        else
        {
            o.Round++;
            o.DueDate = ReplyDeadline();
            o.Overdue = false;
            step.GoTo("in_progress");
        }
        step.Data = new { rating, round = o.Round };
    }
}
