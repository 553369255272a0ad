using Microsoft.EntityFrameworkCore;
using Renda.Modules.Contacts;
using Renda.Modules.Performance;
using Renda.Modules.Representatives;
using Renda.Modules.Stations;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Jurisdictions;
using static Renda.Platform.Demo.DemoNames;
using Renda.Platform.Calendar;

namespace Renda.Platform.Demo;

/// <summary>双联 in the demo county, deterministic like the rest: the current term's standing committee
/// (20 members; demo-leader is a 副主任 and demo-staff a 委员), each representative paired with one
/// member by township; in the first two townships, two or three voters or households per
/// representative in their own villages (most with a phone, encrypted); and a contact log dated back
/// from the load day: most pairings contacted in the last three months, some only four to six months
/// ago, some never; contacts with voters also enter the representatives' duty archives.</summary>
internal static class DemoContacts
{
    private static readonly string[] MemberTitles =
        ["主任", "副主任", "副主任", "副主任", "副主任", "秘书长", .. Enumerable.Repeat("委员", 14)];

    private static readonly string[] Households =
    [
        "三口之家，种植白茶", "独居老人，子女在杭州工作", "五口之家，经营农家乐", "竹制品加工户", "退役军人家庭",
        "外来务工人员家庭", "种粮大户", "残疾人家庭，需定期走访", "新就业青年，返乡创业", "四口之家，经营民宿",
        "低保户", "老党员，热心村务", "个体工商户", "留守儿童家庭",
    ];

    private static readonly string[] CommitteeNotes =
    [
        "走访了解代表履职情况，听取对常委会工作的意见建议", "电话沟通代表建议办理进展", "参加代表小组活动并座谈",
        "通过代表微信群通报常委会近期工作", "走访代表所在企业，了解营商环境问题", "座谈听取代表对民生实事项目的意见",
    ];

    private static readonly string[] VoterNotes =
    [
        "入户走访，了解白茶销售情况", "电话回访，反映的道路破损问题已转交镇政府", "参加村民座谈会，听取对村庄环境整治的意见",
        "通过微信联系，宣传医保缴费政策", "走访了解老人居家养老需求", "电话联系，告知统一见面日时间",
    ];

    private static readonly string[] PhonePrefixes = ["139", "135", "137", "158", "187", "177", "152", "138", "189"];

    public static async Task AddAsync(AppDbContext db, DemoCounty world, PersonalData personal, TimeProvider clock, CancellationToken ct)
    {
        var rnd = new Random(DemoSeeder.Seed + 2);
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var leader = db.Users.Local.Single(u => u.UserName == "demo-leader");
        var staff = db.Users.Local.Single(u => u.UserName == "demo-staff");
        await db.SaveChangesAsync(ct);
        // Thousands of rows are tracked by now: scanning them all on every Add and Local lookup is what
        // would make this slow. SaveChanges still detects changes (AppDbContext calls it explicitly).
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await AddContactsAsync(db, world, personal, rnd, today, now, leader.Id, staff.Id, ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private static async Task AddContactsAsync(AppDbContext db, DemoCounty world, PersonalData personal, Random rnd,
        DateOnly today, DateTime now, string leaderId, string staffId, CancellationToken ct)
    {
        var term = world.CurrentTerm;

        var usedNames = new HashSet<string>(world.Representatives.Select(r => r.Name), StringComparer.Ordinal);
        var members = MemberTitles.Select((title, i) => new CommitteeMember
        {
            TermId = term.Id, JurisdictionCode = term.JurisdictionCode, Title = title, CreatedAt = now,
            Name = i switch
            {
                1 => "沈建国",
                6 => "周晓敏",
                _ => Name(rnd, usedNames, female: rnd.NextDouble() < 0.3),
            },
            UserId = i switch { 1 => leaderId, 6 => staffId, _ => null },
        }).ToList();
        db.AddRange(members);

        // Members keep in touch with the representatives of a few townships each: the roster in township
        // order, cut into as many runs as there are members.
        var reps = world.Representatives.OrderBy(r => r.JurisdictionCode, StringComparer.Ordinal).ThenBy(r => r.Id).ToList();
        var pairings = new List<ContactPairing>();
        for (var i = 0; i < reps.Count; i++)
        {
            pairings.Add(new ContactPairing
            {
                Level = ContactLevel.Committee, CommitteeMember = members[i * members.Count / reps.Count], RepresentativeId = reps[i].Id,
                JurisdictionCode = reps[i].JurisdictionCode, StartedOn = term.StartsOn.AddMonths(3), CreatedBy = DemoSeeder.Actor, CreatedAt = now,
            });
        }

        var villages = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Level == JurisdictionLevel.Village && j.Code.StartsWith(term.JurisdictionCode))
            .OrderBy(j => j.Code).Select(j => j.Code).ToListAsync(ct);
        // Voters for the representatives of the first two townships only (递铺街道 and 昌硕街道, where
        // demo-rep and demo-station are): enough to show the level, and the demo loads in seconds.
        var voterTownships = world.DelegationGroups.Select(g => g.JurisdictionCode).Order(StringComparer.Ordinal).Take(2).ToHashSet();
        foreach (var rep in world.Representatives.Where(r => voterTownships.Contains(r.JurisdictionCode)).OrderBy(r => r.Id))
        {
            var own = villages.Where(v => v.StartsWith(rep.JurisdictionCode, StringComparison.Ordinal)).ToList();
            var count = rnd.Next(2, 4);
            for (var k = 0; k < count; k++)
            {
                string? phone = rnd.NextDouble() < 0.75
                    ? PhonePrefixes[rnd.Next(PhonePrefixes.Length)] + rnd.Next(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture)
                    : null;
                var voter = new Voter
                {
                    JurisdictionCode = own.Count > 0 ? own[rnd.Next(own.Count)] : rep.JurisdictionCode,
                    Name = Name(rnd, usedNames, female: rnd.NextDouble() < 0.45),
                    Household = Households[rnd.Next(Households.Length)],
                    PhoneCipher = personal.Protect(phone), PhoneIndex = personal.BlindIndex(phone),
                    PhoneMasked = phone is null ? null : Masking.Phone(phone), CreatedAt = now,
                };
                pairings.Add(new ContactPairing
                {
                    Level = ContactLevel.Representative, RepresentativeId = rep.Id, Voter = voter,
                    JurisdictionCode = rep.JurisdictionCode, StartedOn = term.StartsOn.AddMonths(5), CreatedBy = DemoSeeder.Actor, CreatedAt = now,
                });
            }
        }
        db.AddRange(pairings);

        // Most contacted within three months, some four to six months ago (overdue for N = 3), some never.
        var firstRep = world.Representatives.OrderBy(r => r.Id).First().Id;
        var voterContacts = new List<(ContactLogEntry Entry, ContactPairing Pairing)>();
        foreach (var p in pairings)
        {
            var roll = rnd.NextDouble();
            if (roll < 0.1) continue;
            var contacts = roll < 0.25 ? 1 : rnd.Next(1, 3);
            for (var c = 0; c < contacts; c++)
            {
                var daysAgo = roll < 0.25 ? rnd.Next(122, 185) : rnd.Next(1, 85);
                var committee = p.Level == ContactLevel.Committee;
                var entry = new ContactLogEntry
                {
                    Pairing = p, JurisdictionCode = p.JurisdictionCode,
                    Kind = (ContactKind)rnd.Next(1, 5), On = today.AddDays(-daysAgo),
                    Notes = committee ? CommitteeNotes[rnd.Next(CommitteeNotes.Length)] : VoterNotes[rnd.Next(VoterNotes.Length)],
                    RecordedBy = !committee && p.RepresentativeId == firstRep ? "demo-rep" : "demo-staff", RecordedAt = now,
                };
                db.Add(entry);
                if (!committee) voterContacts.Add((entry, p));
            }
        }
        await db.SaveChangesAsync(ct);

        // Contacts with voters enter the representatives' archives, as ContactLog writes them.
        var villageNames = await db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.Village && j.Code.StartsWith(term.JurisdictionCode))
            .ToDictionaryAsync(j => j.Code, j => j.Name, ct);
        foreach (var (entry, p) in voterContacts)
            await DutyArchive.RecordAsync(db, ContactLog.DutyEntryFor(entry, p.RepresentativeId, villageNames.GetValueOrDefault(p.Voter!.JurisdictionCode)), ct);
        await db.SaveChangesAsync(ct);
    }

    private static string Name(Random rnd, HashSet<string> used, bool female)
    {
        for (var attempt = 0; ; attempt++)
        {
            var surname = CommonSurnames[rnd.Next(CommonSurnames.Length)];
            var last = female ? FemaleLast[rnd.Next(FemaleLast.Length)] : MaleLast[rnd.Next(MaleLast.Length)];
            var given = rnd.NextDouble() < 0.75 ? (female ? FemaleFirst[rnd.Next(FemaleFirst.Length)] : MaleFirst[rnd.Next(MaleFirst.Length)]) + last : last;
            var name = surname + given;
            if (used.Add(name) || attempt > 50) return name;
        }
    }
}
