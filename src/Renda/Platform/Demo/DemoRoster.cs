using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Renda.Modules.Representatives;
using Renda.Platform.Data;
using Renda.Platform.Text;
using Renda.Platform.Validation;

namespace Renda.Platform.Demo;

/// <summary>The roster details of the demo representatives, added to the generated county before it is
/// saved: a fictional ID number of the county (area code 330523) that is consistent with the birth date
/// and gender and has a correct check digit, a mobile number (both encrypted as the roster keeps them),
/// pinyin initials, levels (leaders and some others of a 镇/乡 also sit in its congress; a few in the
/// city's), the term's constituencies and the group memberships from the term's start. Deterministic:
/// its own seed, the representatives in generation order.</summary>
internal static class DemoRoster
{
    private const string AreaCode = "330523";
    private static readonly string[] MobilePrefixes =
        ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156", "157", "158", "159",
         "177", "180", "181", "182", "183", "185", "186", "187", "188", "189", "199"];

    public static void Apply(AppDbContext db, DemoCounty world)
    {
        var pd = db.GetService<PersonalData>();
        var rnd = new Random(DemoSeeder.Seed + 3);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var phones = new HashSet<string>(StringComparer.Ordinal);
        var constituencies = new Dictionary<string, Constituency>(StringComparer.Ordinal);
        var term = world.CurrentTerm;

        foreach (var rep in world.Representatives)
        {
            string id;
            do
            {
                var sequence = rnd.Next(0, 500) * 2 + (rep.Gender == Gender.Male ? 1 : 0);
                if (sequence == 0) sequence = 2;
                var first17 = $"{AreaCode}{rep.BirthDate:yyyyMMdd}{sequence:D3}";
                id = first17 + ChineseId.CheckDigit(first17);
            } while (!ids.Add(id));
            string phone;
            do phone = MobilePrefixes[rnd.Next(MobilePrefixes.Length)] + rnd.Next(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
            while (!phones.Add(phone));
            rep.SetIdNumber(pd, id);
            rep.SetPhone(pd, phone);
            rep.PinyinInitials = Pinyin.Default.SearchKey(rep.Name);

            // Streets (街道) have no congress of their own; towns and townships do.
            var ownCongress = !rep.DelegationGroup!.Name.Contains("街道", StringComparison.Ordinal);
            var leader = rep.Occupation is "党委书记" or "人大主席" or "村党组织书记、村委会主任";
            rep.Levels = RepresentativeLevels.County
                | (ownCongress && (leader || rnd.NextDouble() < 0.25) ? RepresentativeLevels.Township : RepresentativeLevels.None)
                | (rnd.NextDouble() < 0.04 ? RepresentativeLevels.City : RepresentativeLevels.None);

            if (!constituencies.TryGetValue(rep.Constituency, out var constituency))
            {
                constituency = new Constituency { Term = term, JurisdictionCode = rep.JurisdictionCode, Name = rep.Constituency };
                constituencies[rep.Constituency] = constituency;
            }
            rep.ConstituencyRecord = constituency;

            db.Add(new GroupMembership
            {
                Representative = rep, Kind = GroupKind.Delegation, DelegationGroup = rep.DelegationGroup, StartsOn = term.StartsOn,
                JurisdictionCode = rep.JurisdictionCode,
            });
            if (rep.ProfessionalGroup is { } pg)
                db.Add(new GroupMembership
                {
                    Representative = rep, Kind = GroupKind.Professional, ProfessionalGroup = pg, StartsOn = term.StartsOn,
                    JurisdictionCode = rep.JurisdictionCode,
                });
        }
    }
}
