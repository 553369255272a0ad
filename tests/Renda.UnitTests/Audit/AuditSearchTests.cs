using Renda.Platform.Audit;

namespace Renda.UnitTests.Audit;

public sealed class AuditSearchTests
{
    private static readonly DateTime March2 = new(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Whole_days_run_from_midnight_to_the_next_midnight()
    {
        var (req, errors) = AuditSearch.Parse(new AuditQuery { From = "2026-03-02", To = "2026-03-02" });
        Assert.Empty(errors);
        Assert.Equal(March2, req!.Filter.From);
        Assert.Equal(March2.AddDays(1), req.Filter.ToExclusive);
    }

    [Fact]
    public void Date_times_with_an_offset_are_converted_to_utc()
    {
        var (req, errors) = AuditSearch.Parse(new AuditQuery { From = "2026-03-02T08:00+08:00", To = "2026-03-02T09:30:00Z" });
        Assert.Empty(errors);
        Assert.Equal(March2, req!.Filter.From);
        Assert.Equal(DateTimeKind.Utc, req.Filter.From!.Value.Kind);
        Assert.Equal(March2.AddHours(9.5).AddTicks(1), req.Filter.ToExclusive);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-13-01")]
    [InlineData("2026-02-30")]
    [InlineData("03/02/2026")]
    [InlineData("2026-03-02'; DROP TABLE audit_entries; --")]
    [InlineData("<script>alert(1)</script>")]
    public void Bad_dates_are_field_errors(string bad)
    {
        var (req, errors) = AuditSearch.Parse(new AuditQuery { From = bad, To = bad });
        Assert.Null(req);
        Assert.Contains("from", errors.Keys);
        Assert.Contains("to", errors.Keys);
    }

    [Fact]
    public void An_empty_range_is_refused_on_to()
    {
        var (req, errors) = AuditSearch.Parse(new AuditQuery { From = "2026-03-05", To = "2026-03-04" });
        Assert.Null(req);
        Assert.Equal(["to"], errors.Keys);
    }

    [Fact]
    public void Outcome_must_be_a_known_one_and_paging_must_be_numbers()
    {
        var (req, errors) = AuditSearch.Parse(new AuditQuery { Outcome = "maybe", Page = "two", PageSize = "-1" });
        Assert.Null(req);
        Assert.Equal(["outcome", "page", "pageSize"], errors.Keys.Order());
    }

    [Fact]
    public void Overlong_text_is_refused_and_a_huge_page_size_is_clamped()
    {
        var (bad, errors) = AuditSearch.Parse(new AuditQuery { Q = new string('张', AuditSearch.MaxTextLength + 1) });
        Assert.Null(bad);
        Assert.Equal(["q"], errors.Keys);

        var (req, none) = AuditSearch.Parse(new AuditQuery { PageSize = "100000", Page = "3" });
        Assert.Empty(none);
        Assert.Equal((3, 200), (req!.Page, req.PageSize));
    }

    [Fact]
    public void Blank_filters_mean_no_filter()
    {
        var (req, errors) = AuditSearch.Parse(new AuditQuery { Actor = "  ", Q = "", Outcome = " " }, defaultPageSize: 50);
        Assert.Empty(errors);
        Assert.Equal(new AuditFilter(), req!.Filter);
        Assert.Equal((1, 50), (req.Page, req.PageSize));
    }

    [Fact]
    public void The_query_string_carries_the_filters_escaped_and_leaves_out_blank_ones()
    {
        var q = new AuditQuery { From = "2026-03-01", Actor = "a&b=c", Q = "张 三", Outcome = "", Page = "4" };
        Assert.Equal("?from=2026-03-01&actor=a%26b%3Dc&q=%E5%BC%A0%20%E4%B8%89", q.ToQueryString());
        Assert.Equal("?from=2026-03-01&actor=a%26b%3Dc&q=%E5%BC%A0%20%E4%B8%89&page=2", q.ToQueryString(page: 2));
    }
}
