using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.HandlingUnits;
using Renda.Modules.Opinions;
using Renda.Modules.Stations;
using Renda.Platform.Auth;
using Renda.Platform.Calendar;
using Renda.Platform.Data;

namespace Renda.IntegrationTests.Opinions;

/// <summary>Arranges a county of its own (so that exact numbers are not disturbed by other tests): two
/// townships, a station and a handling unit in each, accounts, and opinions written straight to the table
/// with every date given in China time.</summary>
public sealed class StatsWorld(RendaApp app, string county)
{
    public string County { get; } = county;
    public string TownshipA => County + "001";
    public string TownshipB => County + "002";
    public long StationA { get; private set; }
    public long StationB { get; private set; }
    public long UnitA { get; private set; }
    public long UnitB { get; private set; }
    public string Staff => "staff-" + County;
    public string Leader => "leader-" + County;

    public async Task<StatsWorld> CreateAsync()
    {
        await app.EnsureJurisdictionAsync(County, "测试县" + County);
        await app.EnsureJurisdictionAsync(TownshipA, "甲镇");
        await app.EnsureJurisdictionAsync(TownshipB, "乙镇");
        await app.CreateUserAsync(Staff, County, Roles.CongressStaff);
        await app.CreateUserAsync(Leader, County, Roles.Leader);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var sa = NewStation("甲镇人大代表联络站", TownshipA);
        var sb = NewStation("乙镇人大代表联络站", TownshipB);
        var ua = new HandlingUnit { JurisdictionCode = County, Name = "县住建局", Kind = HandlingUnitKind.Department };
        var ub = new HandlingUnit { JurisdictionCode = County, Name = "县交通运输局", Kind = HandlingUnitKind.Department };
        db.AddRange(sa, sb, ua, ub);
        await db.SaveChangesAsync();
        (StationA, StationB, UnitA, UnitB) = (sa.Id, sb.Id, ua.Id, ub.Id);
        return this;
    }

    /// <summary>Another station, in the given township.</summary>
    public async Task<long> AddStationAsync(string name, string jurisdiction)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var s = NewStation(name, jurisdiction);
        db.Add(s);
        await db.SaveChangesAsync();
        return s.Id;
    }

    private static Station NewStation(string name, string jurisdiction) => new()
    {
        Name = name, JurisdictionCode = jurisdiction, Kind = StationKind.Station, Grade = 3, Address = "测试路 1 号",
        PublicCode = "t" + Guid.NewGuid().ToString("N")[..12],
    };

    /// <summary>A China local time as the UTC instant the database stores.</summary>
    public static DateTime China(int y, int m, int d, int h = 10, int min = 0) =>
        new DateTime(y, m, d, h, min, 0, DateTimeKind.Utc) - ChinaTime.Offset;

    public async Task<long> AddAsync(DateTime createdAt, string state, Action<Opinion>? set = null, string? jurisdiction = null,
        string content = "测试意见")
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var o = new Opinion
        {
            JurisdictionCode = jurisdiction ?? TownshipA, State = state, TrackingCode = TrackingCodes.New(), Content = content,
            CreatedAt = createdAt, CreatedBy = "test", Channel = OpinionChannels.Web, ConsentGiven = true,
        };
        set?.Invoke(o);
        db.Add(o);
        await db.SaveChangesAsync();
        return o.Id;
    }

    public Task<HttpClient> StaffAsync() => app.SignedInAsync(Staff);
}
