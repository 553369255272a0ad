using System.Linq.Expressions;
using System.Reflection;

namespace Renda.Modules.Performance;

/// <summary>One representative's approved records of a year counted per kind, as one row: slot i is the
/// count of <see cref="DutyKinds.All"/>[i]. <see cref="Pivot"/> is the projection that makes the database
/// count them (<c>COUNT(CASE WHEN kind = … THEN 1 END)</c> per kind, grouped by representative).</summary>
public sealed class KindCounts
{
    public const int Slots = 24;

    public long RepresentativeId { get; set; }
#pragma warning disable CA1707 // slot properties are addressed by index
    public int K0 { get; set; }
    public int K1 { get; set; }
    public int K2 { get; set; }
    public int K3 { get; set; }
    public int K4 { get; set; }
    public int K5 { get; set; }
    public int K6 { get; set; }
    public int K7 { get; set; }
    public int K8 { get; set; }
    public int K9 { get; set; }
    public int K10 { get; set; }
    public int K11 { get; set; }
    public int K12 { get; set; }
    public int K13 { get; set; }
    public int K14 { get; set; }
    public int K15 { get; set; }
    public int K16 { get; set; }
    public int K17 { get; set; }
    public int K18 { get; set; }
    public int K19 { get; set; }
    public int K20 { get; set; }
    public int K21 { get; set; }
    public int K22 { get; set; }
    public int K23 { get; set; }
#pragma warning restore CA1707

    private static readonly PropertyInfo[] SlotProperties =
        Enumerable.Range(0, Slots).Select(i => typeof(KindCounts).GetProperty("K" + i)!).ToArray();

    private static readonly Func<KindCounts, int>[] Getters = SlotProperties.Select(p =>
    {
        var x = Expression.Parameter(typeof(KindCounts), "x");
        return Expression.Lambda<Func<KindCounts, int>>(Expression.Property(x, p), x).Compile();
    }).ToArray();

    public int this[int slot] => Getters[slot](this);

    /// <summary><c>g =&gt; new KindCounts { RepresentativeId = g.Key, K0 = g.Count(d =&gt; d.Kind == "reception"), … }</c>,
    /// one slot per kind of <see cref="DutyKinds.All"/>.</summary>
    public static readonly Expression<Func<IGrouping<long, DutyRecord>, KindCounts>> Pivot = Build();

    private static Expression<Func<IGrouping<long, DutyRecord>, KindCounts>> Build()
    {
        if (DutyKinds.All.Count > Slots) throw new InvalidOperationException($"KindCounts has {Slots} slots for {DutyKinds.All.Count} kinds.");
        var g = Expression.Parameter(typeof(IGrouping<long, DutyRecord>), "g");
        var bindings = new List<MemberBinding> { Expression.Bind(typeof(KindCounts).GetProperty(nameof(RepresentativeId))!, Expression.Property(g, "Key")) };
        for (var i = 0; i < DutyKinds.All.Count; i++)
        {
            var d = Expression.Parameter(typeof(DutyRecord), "d");
            var isKind = Expression.Lambda<Func<DutyRecord, bool>>(
                Expression.Equal(Expression.Property(d, nameof(DutyRecord.Kind)), Expression.Constant(DutyKinds.All[i].Id)), d);
            var count = Expression.Call(typeof(Enumerable), nameof(Enumerable.Count), [typeof(DutyRecord)], g, isKind);
            bindings.Add(Expression.Bind(SlotProperties[i], count));
        }
        return Expression.Lambda<Func<IGrouping<long, DutyRecord>, KindCounts>>(
            Expression.MemberInit(Expression.New(typeof(KindCounts)), bindings), g);
    }
}
