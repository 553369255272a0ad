using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renda.Modules.Representatives;
using Renda.Platform.Data;

namespace Renda.Modules.Stations;

/// <summary>家 / 站 / 点: 代表之家, 代表联络站, 联络点.</summary>
public enum StationKind { Home = 1, Station = 2, Point = 3 }

/// <summary>A place where representatives meet citizens (家站点), with a star grade and a public code
/// for its QR URL (家站码).</summary>
public sealed class Station : IJurisdictionScoped
{
    public long Id { get; set; }
    /// <summary>The township (9 digits) or village/community (12 digits) where it stands.</summary>
    public string JurisdictionCode { get; set; } = "";
    public StationKind Kind { get; set; }
    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    /// <summary>星级, 1 to 5.</summary>
    public int Grade { get; set; }
    public string PublicCode { get; set; } = "";
    public List<StationRepresentative> Representatives { get; set; } = [];

    public static string KindLabel(StationKind kind) => kind switch
    {
        StationKind.Home => "代表之家",
        StationKind.Station => "代表联络站",
        _ => "联络点",
    };
}

/// <summary>A representative assigned to a station (编组进站); one representative can serve several.</summary>
public sealed class StationRepresentative : IJurisdictionScoped
{
    public long StationId { get; set; }
    public Station? Station { get; set; }
    public long RepresentativeId { get; set; }
    public Representative? Representative { get; set; }
    /// <summary>The station's jurisdiction.</summary>
    public string JurisdictionCode { get; set; } = "";
}

internal sealed class StationConfiguration : IEntityTypeConfiguration<Station>
{
    public void Configure(EntityTypeBuilder<Station> e)
    {
        e.ToTable("stations", t => t.HasCheckConstraint("ck_stations_grade", "grade BETWEEN 1 AND 5"));
        e.Property(s => s.JurisdictionCode).HasMaxLength(12);
        e.Property(s => s.Name).HasMaxLength(100);
        e.Property(s => s.Address).HasMaxLength(200);
        e.Property(s => s.PublicCode).HasMaxLength(32);
        e.HasIndex(s => s.PublicCode).IsUnique();
        e.HasIndex(s => new { s.JurisdictionCode, s.Id });
    }
}

internal sealed class StationRepresentativeConfiguration : IEntityTypeConfiguration<StationRepresentative>
{
    public void Configure(EntityTypeBuilder<StationRepresentative> e)
    {
        e.ToTable("station_representatives");
        e.HasKey(x => new { x.StationId, x.RepresentativeId });
        e.Property(x => x.JurisdictionCode).HasMaxLength(12);
        e.HasOne(x => x.Station).WithMany(s => s.Representatives).HasForeignKey(x => x.StationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Representative).WithMany().HasForeignKey(x => x.RepresentativeId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.RepresentativeId);
    }
}
