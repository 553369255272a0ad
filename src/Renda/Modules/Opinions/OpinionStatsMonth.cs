using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Renda.Modules.Opinions;

/// <summary>One row of the dashboard's monthly rollup (docs/adr/0038): what the opinions of one county contributed
/// in one China month to one breakdown key. Kept by database triggers on <c>opinions</c> (migration 0015), never
/// written by the app; read by <see cref="OpinionStats"/>.</summary>
public sealed class OpinionStatsMonth
{
    /// <summary>Dimensions: handling unit id, category, station id, township code (first nine characters of the
    /// jurisdiction code), state (received only).</summary>
    public const string Unit = "u", Category = "c", Station = "s", Township = "w", State = "x";
    /// <summary>The length of a county code: the rollup's bucket is the first this many characters of a jurisdiction code.</summary>
    public const int CountyLength = 6;

    /// <summary>The first six characters of the opinion's jurisdiction code (the code itself when shorter).</summary>
    public string County { get; set; } = "";
    /// <summary>yyyymm, the China month of the event's own date.</summary>
    public int Month { get; set; }
    public string Dim { get; set; } = "";
    /// <summary>The breakdown key; empty for none (no unit, no category, no station).</summary>
    public string Key { get; set; } = "";
    /// <summary>On rows that count <see cref="Due"/>: the China month (yyyymm) the opinion was closed, 0 while open.
    /// 0 on every other row.</summary>
    public int ClosedMonth { get; set; }
    public int Received { get; set; }
    public int Rehandled { get; set; }
    public int Rounds { get; set; }
    public int Due { get; set; }
    public int Replied { get; set; }
    public int OnTime { get; set; }
    public int Rated { get; set; }
    public int Satisfied { get; set; }
    public int BasicallySatisfied { get; set; }
    public int Unsatisfied { get; set; }
}

internal sealed class OpinionStatsMonthConfiguration : IEntityTypeConfiguration<OpinionStatsMonth>
{
    public void Configure(EntityTypeBuilder<OpinionStatsMonth> e)
    {
        e.ToTable("opinion_stats_monthly");
        e.HasKey(r => new { r.County, r.Month, r.Dim, r.Key, r.ClosedMonth });
        e.Property(r => r.County).HasMaxLength(12);
        e.Property(r => r.Dim).HasMaxLength(1);
        e.Property(r => r.Key).HasMaxLength(32);
    }
}
