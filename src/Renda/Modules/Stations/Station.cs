using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renda.Modules.Representatives;
using Renda.Platform.Auth;
using Renda.Platform.Data;

namespace Renda.Modules.Stations;

/// <summary>家 / 站 / 点: 代表之家, 代表联络站, 联络点.</summary>
public enum StationKind { Home = 1, Station = 2, Point = 3 }

/// <summary>The four 常 of a well-run station (大门常开、代表常驻、选民常来、活动常有).</summary>
public enum OpeningRule { DoorOpen = 1, RepresentativesResident = 2, VotersVisit = 3, ActivitiesRegular = 4 }

/// <summary>A place where representatives meet citizens (家站点), with a star grade, a manager, the
/// opening rules it keeps and a public code for its QR URL (家站码).</summary>
public sealed class Station : IJurisdictionScoped, IVersioned
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

    /// <summary>The station_manager account that runs it (联络员), if any; its holder sees and edits
    /// this station (as does an account whose <c>StationId</c> names it).</summary>
    public string? ManagerUserId { get; set; }
    /// <summary>A named contact when the manager has no account, or in addition to it.</summary>
    [PersonalInfo] public string ContactName { get; set; } = "";

    public bool DoorOpen { get; set; }
    public string DoorOpenNote { get; set; } = "";
    public bool RepresentativesResident { get; set; }
    public string RepresentativesResidentNote { get; set; } = "";
    public bool VotersVisit { get; set; }
    public string VotersVisitNote { get; set; } = "";
    public bool ActivitiesRegular { get; set; }
    public string ActivitiesRegularNote { get; set; } = "";

    public long Version { get; set; }

    /// <summary>The representatives assigned now (编组进站); their periods are in <see cref="StationAssignment"/>.</summary>
    public List<StationRepresentative> Representatives { get; set; } = [];

    public static string KindLabel(StationKind kind) => kind switch
    {
        StationKind.Home => "代表之家",
        StationKind.Station => "代表联络站",
        _ => "联络点",
    };

    public static string KindLabel(StationKind kind, bool english) => !english ? KindLabel(kind) : kind switch
    {
        StationKind.Home => "Representatives' home",
        StationKind.Station => "Liaison station",
        _ => "Liaison point",
    };

    /// <summary>三星级 for 3.</summary>
    public static string GradeLabel(int grade, bool english) =>
        english ? $"{grade}-star" : grade is >= 1 and <= 5 ? "一二三四五"[grade - 1] + "星级" : grade.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string RuleLabel(OpeningRule rule, bool english) => (rule, english) switch
    {
        (OpeningRule.DoorOpen, false) => "大门常开",
        (OpeningRule.RepresentativesResident, false) => "代表常驻",
        (OpeningRule.VotersVisit, false) => "选民常来",
        (OpeningRule.ActivitiesRegular, false) => "活动常有",
        (OpeningRule.DoorOpen, true) => "Door always open",
        (OpeningRule.RepresentativesResident, true) => "Representatives in residence",
        (OpeningRule.VotersVisit, true) => "Voters come often",
        _ => "Regular activities",
    };

    public static readonly IReadOnlyList<OpeningRule> Rules =
        [OpeningRule.DoorOpen, OpeningRule.RepresentativesResident, OpeningRule.VotersVisit, OpeningRule.ActivitiesRegular];

    public (bool Met, string Note) Rule(OpeningRule rule) => rule switch
    {
        OpeningRule.DoorOpen => (DoorOpen, DoorOpenNote),
        OpeningRule.RepresentativesResident => (RepresentativesResident, RepresentativesResidentNote),
        OpeningRule.VotersVisit => (VotersVisit, VotersVisitNote),
        _ => (ActivitiesRegular, ActivitiesRegularNote),
    };

    public void SetRule(OpeningRule rule, bool met, string note)
    {
        switch (rule)
        {
            case OpeningRule.DoorOpen: (DoorOpen, DoorOpenNote) = (met, note); break;
            case OpeningRule.RepresentativesResident: (RepresentativesResident, RepresentativesResidentNote) = (met, note); break;
            case OpeningRule.VotersVisit: (VotersVisit, VotersVisitNote) = (met, note); break;
            default: (ActivitiesRegular, ActivitiesRegularNote) = (met, note); break;
        }
    }
}

/// <summary>A representative assigned to a station now (编组进站); one representative can serve several.
/// The row exists while the assignment lasts; its history is kept in <see cref="StationAssignment"/>.</summary>
public sealed class StationRepresentative : IJurisdictionScoped
{
    public long StationId { get; set; }
    public Station? Station { get; set; }
    public long RepresentativeId { get; set; }
    public Representative? Representative { get; set; }
    /// <summary>The station's jurisdiction.</summary>
    public string JurisdictionCode { get; set; } = "";
}

/// <summary>One period a representative served at a station: opened when assigned, closed
/// (<see cref="EndedOn"/>) when removed. At most one open period per station and representative,
/// and it exists exactly when the <see cref="StationRepresentative"/> row does.</summary>
public sealed class StationAssignment : IJurisdictionScoped
{
    public long Id { get; set; }
    public long StationId { get; set; }
    public Station? Station { get; set; }
    public long RepresentativeId { get; set; }
    public Representative? Representative { get; set; }
    public string JurisdictionCode { get; set; } = "";
    public DateOnly StartedOn { get; set; }
    public DateOnly? EndedOn { get; set; }
    public string AssignedBy { get; set; } = "";
    public string? EndedBy { get; set; }
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
        e.Property(s => s.ContactName).HasMaxLength(50);
        e.Property(s => s.DoorOpenNote).HasMaxLength(200);
        e.Property(s => s.RepresentativesResidentNote).HasMaxLength(200);
        e.Property(s => s.VotersVisitNote).HasMaxLength(200);
        e.Property(s => s.ActivitiesRegularNote).HasMaxLength(200);
        e.HasIndex(s => s.PublicCode).IsUnique();
        e.HasIndex(s => new { s.JurisdictionCode, s.Id });
        e.HasIndex(s => s.ManagerUserId);
        e.HasOne<AppUser>().WithMany().HasForeignKey(s => s.ManagerUserId).OnDelete(DeleteBehavior.SetNull);
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

internal sealed class StationAssignmentConfiguration : IEntityTypeConfiguration<StationAssignment>
{
    public void Configure(EntityTypeBuilder<StationAssignment> e)
    {
        e.ToTable("station_assignments");
        e.Property(x => x.JurisdictionCode).HasMaxLength(12);
        e.Property(x => x.AssignedBy).HasMaxLength(256);
        e.Property(x => x.EndedBy).HasMaxLength(256);
        e.HasOne(x => x.Station).WithMany().HasForeignKey(x => x.StationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Representative).WithMany().HasForeignKey(x => x.RepresentativeId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.StationId, x.RepresentativeId, x.StartedOn });
        e.HasIndex(x => x.RepresentativeId);
    }
}
