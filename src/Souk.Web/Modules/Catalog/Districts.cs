using System.Globalization;

namespace Souk.Web.Modules.Catalog;

/// <summary>A district the sell form suggests, with its centre rounded to about 1 km.</summary>
public sealed record District(string Key, string City, double Lat, double Lng, string[] Names)
{
    /// <summary>The label shown in the form, in a UI culture: "Mong Kok, Hong Kong", "香港旺角".</summary>
    public string Label(CultureInfo culture)
    {
        var i = Districts.CultureIndex(culture);
        var city = Districts.CityNames[City][i];
        return i is 1 or 2 ? city + Names[i] : $"{Names[i]}, {city}";
    }
}

/// <summary>
/// A small gazetteer of districts for the sell form. A listing needs approximate coordinates, and a seller who does not
/// share their location picks a district instead; its centre, already rounded to 2 decimals (about 1 km), becomes the
/// listing's point. Names are matched in any of the five languages, alone or as part of a label like "旺角 Mong Kok".
/// There is no geocoder behind it on purpose: nothing typed in the form ever leaves the server.
/// </summary>
public static class Districts
{
    /// <summary>Index of each UI culture in <see cref="District.Names"/> and the city names (the category tree's order).</summary>
    public static int CultureIndex(CultureInfo culture) => Array.IndexOf(CategorySeed.Cultures, CategoryIndex.CultureKey(culture)) is var i and >= 0 ? i : 0;

    public static readonly Dictionary<string, string[]> CityNames = new(StringComparer.Ordinal)
    {
        ["hk"] = ["Hong Kong", "香港", "香港", "Hong Kong", "Гонконг"],
        ["sh"] = ["Shanghai", "上海", "上海", "Shanghai", "Шанхай"],
        ["bj"] = ["Beijing", "北京", "北京", "Pechino", "Пекин"],
        ["sz"] = ["Shenzhen", "深圳", "深圳", "Shenzhen", "Шэньчжэнь"],
        ["mi"] = ["Milan", "米蘭", "米兰", "Milano", "Милан"],
        ["to"] = ["Turin", "都靈", "都灵", "Torino", "Турин"],
        ["rm"] = ["Rome", "羅馬", "罗马", "Roma", "Рим"],
        ["msk"] = ["Moscow", "莫斯科", "莫斯科", "Mosca", "Москва"],
        ["spb"] = ["Saint Petersburg", "聖彼得堡", "圣彼得堡", "San Pietroburgo", "Санкт-Петербург"],
        ["ldn"] = ["London", "倫敦", "伦敦", "Londra", "Лондон"],
        ["ny"] = ["New York", "紐約", "纽约", "New York", "Нью-Йорк"],
    };

    /// <summary>Which cities come first in the suggestions for each UI culture.</summary>
    static readonly Dictionary<string, string[]> HomeCities = new(StringComparer.Ordinal)
    {
        ["en"] = ["ldn", "ny"],
        ["zh-Hant-HK"] = ["hk"],
        ["zh-Hans-CN"] = ["sh", "bj", "sz"],
        ["it"] = ["mi", "rm", "to"],
        ["ru"] = ["msk", "spb"],
    };

    public static readonly District[] All =
    [
        new("central", "hk", 22.28, 114.16, ["Central", "中環", "中环", "Central", "Сентрал"]),
        new("wan-chai", "hk", 22.28, 114.17, ["Wan Chai", "灣仔", "湾仔", "Wan Chai", "Ваньчай"]),
        new("causeway-bay", "hk", 22.28, 114.18, ["Causeway Bay", "銅鑼灣", "铜锣湾", "Causeway Bay", "Козуэй-Бей"]),
        new("north-point", "hk", 22.29, 114.20, ["North Point", "北角", "北角", "North Point", "Норт-Пойнт"]),
        new("aberdeen", "hk", 22.25, 114.15, ["Aberdeen", "香港仔", "香港仔", "Aberdeen", "Абердин"]),
        new("tsim-sha-tsui", "hk", 22.30, 114.17, ["Tsim Sha Tsui", "尖沙咀", "尖沙咀", "Tsim Sha Tsui", "Цимшацуй"]),
        new("jordan", "hk", 22.31, 114.17, ["Jordan", "佐敦", "佐敦", "Jordan", "Джордан"]),
        new("mong-kok", "hk", 22.32, 114.17, ["Mong Kok", "旺角", "旺角", "Mong Kok", "Монгкок"]),
        new("prince-edward", "hk", 22.32, 114.17, ["Prince Edward", "太子", "太子", "Prince Edward", "Принс-Эдвард"]),
        new("sham-shui-po", "hk", 22.33, 114.16, ["Sham Shui Po", "深水埗", "深水埗", "Sham Shui Po", "Шамшуйпо"]),
        new("kowloon-tong", "hk", 22.34, 114.18, ["Kowloon Tong", "九龍塘", "九龙塘", "Kowloon Tong", "Коулун-Тонг"]),
        new("kowloon-city", "hk", 22.33, 114.19, ["Kowloon City", "九龍城", "九龙城", "Kowloon City", "Коулун-Сити"]),
        new("kwun-tong", "hk", 22.31, 114.23, ["Kwun Tong", "觀塘", "观塘", "Kwun Tong", "Куньтонг"]),
        new("tsuen-wan", "hk", 22.37, 114.11, ["Tsuen Wan", "荃灣", "荃湾", "Tsuen Wan", "Чхюньвань"]),
        new("sha-tin", "hk", 22.38, 114.19, ["Sha Tin", "沙田", "沙田", "Sha Tin", "Шатин"]),
        new("tai-po", "hk", 22.45, 114.17, ["Tai Po", "大埔", "大埔", "Tai Po", "Тайпо"]),
        new("tuen-mun", "hk", 22.39, 113.97, ["Tuen Mun", "屯門", "屯门", "Tuen Mun", "Тюньмунь"]),
        new("yuen-long", "hk", 22.44, 114.03, ["Yuen Long", "元朗", "元朗", "Yuen Long", "Юньлон"]),
        new("sai-kung", "hk", 22.38, 114.27, ["Sai Kung", "西貢", "西贡", "Sai Kung", "Сайкун"]),
        new("tseung-kwan-o", "hk", 22.31, 114.26, ["Tseung Kwan O", "將軍澳", "将军澳", "Tseung Kwan O", "Цзянцзюньао"]),
        new("tung-chung", "hk", 22.29, 113.94, ["Tung Chung", "東涌", "东涌", "Tung Chung", "Тунчун"]),

        new("huangpu", "sh", 31.23, 121.48, ["Huangpu", "黃浦區", "黄浦区", "Huangpu", "Хуанпу"]),
        new("xuhui", "sh", 31.19, 121.44, ["Xuhui", "徐匯區", "徐汇区", "Xuhui", "Сюйхуэй"]),
        new("jingan", "sh", 31.23, 121.45, ["Jing'an", "靜安區", "静安区", "Jing'an", "Цзинъань"]),
        new("changning", "sh", 31.22, 121.42, ["Changning", "長寧區", "长宁区", "Changning", "Чаннин"]),
        new("pudong", "sh", 31.22, 121.54, ["Pudong", "浦東新區", "浦东新区", "Pudong", "Пудун"]),
        new("chaoyang", "bj", 39.92, 116.44, ["Chaoyang", "朝陽區", "朝阳区", "Chaoyang", "Чаоян"]),
        new("haidian", "bj", 39.96, 116.30, ["Haidian", "海澱區", "海淀区", "Haidian", "Хайдянь"]),
        new("dongcheng", "bj", 39.93, 116.42, ["Dongcheng", "東城區", "东城区", "Dongcheng", "Дунчэн"]),
        new("futian", "sz", 22.54, 114.05, ["Futian", "福田區", "福田区", "Futian", "Футянь"]),
        new("nanshan", "sz", 22.53, 113.93, ["Nanshan", "南山區", "南山区", "Nanshan", "Наньшань"]),

        new("brera", "mi", 45.47, 9.19, ["Brera", "布雷拉", "布雷拉", "Brera", "Брера"]),
        new("navigli", "mi", 45.45, 9.18, ["Navigli", "運河區", "运河区", "Navigli", "Навильи"]),
        new("isola", "mi", 45.49, 9.19, ["Isola", "伊索拉", "伊索拉", "Isola", "Изола"]),
        new("porta-romana", "mi", 45.45, 9.20, ["Porta Romana", "羅馬門", "罗马门", "Porta Romana", "Порта-Романа"]),
        new("citta-studi", "mi", 45.48, 9.23, ["Città Studi", "學城區", "学城区", "Città Studi", "Читта-Студи"]),
        new("san-salvario", "to", 45.05, 7.68, ["San Salvario", "聖薩爾瓦里奧", "圣萨尔瓦里奥", "San Salvario", "Сан-Сальварио"]),
        new("crocetta", "to", 45.06, 7.66, ["Crocetta", "克羅切塔", "克罗切塔", "Crocetta", "Крочетта"]),
        new("trastevere", "rm", 41.88, 12.47, ["Trastevere", "特拉斯提弗列", "特拉斯提弗列", "Trastevere", "Трастевере"]),
        new("monti", "rm", 41.89, 12.49, ["Monti", "蒙蒂", "蒙蒂", "Monti", "Монти"]),

        new("tverskoy", "msk", 55.77, 37.60, ["Tverskoy", "特維爾區", "特维尔区", "Tverskoj", "Тверской"]),
        new("arbat", "msk", 55.75, 37.59, ["Arbat", "阿爾巴特", "阿尔巴特", "Arbat", "Арбат"]),
        new("khamovniki", "msk", 55.73, 37.57, ["Khamovniki", "哈莫夫尼基", "哈莫夫尼基", "Chamovniki", "Хамовники"]),
        new("presnensky", "msk", 55.76, 37.55, ["Presnensky", "普列斯尼亞", "普列斯尼亚", "Presnenskij", "Пресненский"]),
        new("basmanny", "msk", 55.77, 37.66, ["Basmanny", "巴斯曼內", "巴斯曼内", "Basmannyj", "Басманный"]),
        new("tsentralny", "spb", 59.93, 30.36, ["Tsentralny", "中央區", "中央区", "Centralnyj", "Центральный"]),
        new("vasileostrovsky", "spb", 59.94, 30.27, ["Vasileostrovsky", "瓦西里島", "瓦西里岛", "Vasileostrovskij", "Василеостровский"]),

        new("shoreditch", "ldn", 51.52, -0.08, ["Shoreditch", "肖爾迪奇", "肖尔迪奇", "Shoreditch", "Шордич"]),
        new("camden", "ldn", 51.54, -0.14, ["Camden", "卡姆登", "卡姆登", "Camden", "Камден"]),
        new("westminster", "ldn", 51.50, -0.13, ["Westminster", "西敏", "威斯敏斯特", "Westminster", "Вестминстер"]),
        new("islington", "ldn", 51.54, -0.10, ["Islington", "伊斯靈頓", "伊斯灵顿", "Islington", "Ислингтон"]),
        new("brixton", "ldn", 51.46, -0.11, ["Brixton", "布里克斯頓", "布里克斯顿", "Brixton", "Брикстон"]),
        new("manhattan", "ny", 40.78, -73.97, ["Manhattan", "曼哈頓", "曼哈顿", "Manhattan", "Манхэттен"]),
        new("brooklyn", "ny", 40.68, -73.94, ["Brooklyn", "布魯克林", "布鲁克林", "Brooklyn", "Бруклин"]),
    ];

    static readonly char[] Separators = [',', '，', '、', '/', '·', '|', '(', ')', '（', '）', ';'];

    // Every name and every label in every language, for matching what was typed.
    static readonly Dictionary<string, District> Lookup = BuildLookup();

    static Dictionary<string, District> BuildLookup()
    {
        var lookup = new Dictionary<string, District>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in All)
        {
            foreach (var name in d.Names) lookup.TryAdd(name, d);
            foreach (var culture in CategorySeed.Cultures) lookup.TryAdd(d.Label(CultureInfo.GetCultureInfo(culture)), d);
        }
        return lookup;
    }

    /// <summary>The district a typed text names: the whole text, else a part of it ("Brera, Milano", "旺角 Mong Kok").</summary>
    public static District? Find(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value)) return null;
        if (Lookup.TryGetValue(value, out var whole)) return whole;
        foreach (var part in value.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Lookup.TryGetValue(part, out var found)) return found;
            // "旺角 Mong Kok": the Chinese run and the Latin run are names on their own.
            foreach (var run in ScriptRuns(part))
            {
                if (Lookup.TryGetValue(run, out var byRun)) return byRun;
            }
        }
        return null;
    }

    /// <summary>The suggestions for a UI culture: the culture's home cities first, each district once.</summary>
    public static IEnumerable<District> SuggestionsFor(CultureInfo culture)
    {
        var home = HomeCities.GetValueOrDefault(CategoryIndex.CultureKey(culture)) ?? [];
        return All.OrderBy(d => Array.IndexOf(home, d.City) is var i and >= 0 ? i : home.Length);
    }

    static IEnumerable<string> ScriptRuns(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || IsCjk(text[i]) != IsCjk(text[start]))
            {
                var run = text[start..i].Trim();
                if (run.Length > 0) yield return run;
                start = i;
            }
        }
    }

    static bool IsCjk(char c) => c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';
}
