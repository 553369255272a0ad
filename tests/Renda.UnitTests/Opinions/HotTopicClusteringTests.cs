using Renda.Modules.Opinions;

namespace Renda.UnitTests.Opinions;

public sealed class HotTopicClusteringTests
{
    [Fact]
    public void Five_parking_opinions_in_different_words_cluster_and_the_street_light_stays_apart()
    {
        var texts = HotTopicSamples.Parking.Concat(HotTopicSamples.Others).ToList();

        var clusters = HotTopicsClustering.Cluster(texts);

        var parking = Assert.Single(clusters, c => c.Members.Count > 1);
        Assert.Equal([0, 1, 2, 3, 4], parking.Members);
        Assert.Contains("停车难", parking.KeyPhrases);
        Assert.Contains(parking.Representative, parking.Members);
        var light = texts.IndexOf(HotTopicSamples.StreetLight);
        Assert.Equal([light], Assert.Single(clusters, c => c.Members.Contains(light)).Members);
        Assert.Equal(texts.Count, clusters.Sum(c => c.Members.Count));
    }

    [Fact]
    public void The_order_of_the_texts_does_not_change_the_groups()
    {
        var texts = HotTopicSamples.Others.Concat(HotTopicSamples.Parking).Reverse().ToList();
        var parking = Assert.Single(HotTopicsClustering.Cluster(texts), c => c.Members.Count > 1);
        Assert.Equal(HotTopicSamples.Parking.Select(p => texts.IndexOf(p)).Order(), parking.Members);
    }

    [Fact]
    public void Two_topics_side_by_side_make_two_groups()
    {
        string[] lights =
        [
            "新村路段路灯不亮，晚上漆黑一片，路灯需要维修。",
            "我们村的路灯坏了很久，晚上不亮，走路看不见，路灯维修没人管。",
            "河滨路路灯大面积不亮，晚上散步很危险，请修路灯。",
        ];
        var texts = HotTopicSamples.Parking.Concat(lights).Concat(HotTopicSamples.Others.Skip(1)).ToList();

        var groups = HotTopicsClustering.Cluster(texts).Where(c => c.Members.Count > 1).OrderBy(c => c.Members[0]).ToList();

        Assert.Equal(2, groups.Count);
        Assert.Equal([0, 1, 2, 3, 4], groups[0].Members);
        Assert.Equal([5, 6, 7], groups[1].Members);
        Assert.Contains("路灯", groups[1].KeyPhrases);
    }

    [Fact]
    public void Texts_without_shingles_stand_alone_and_nothing_is_lost()
    {
        var texts = new List<string> { "", "希望解决", "１２３", "小区停车难", "小区停车难" };
        var clusters = HotTopicsClustering.Cluster(texts);
        Assert.Equal([3, 4], Assert.Single(clusters, c => c.Members.Count > 1).Members);
        Assert.Equal(5, clusters.Sum(c => c.Members.Count));
        Assert.Empty(HotTopicsClustering.Cluster([]));
    }

    [Fact]
    public void A_county_month_of_mixed_opinions_keeps_each_planted_topic_together()
    {
        // 40 parking and 30 street-light opinions hidden among 600 on other matters, each other one unique.
        var rng = new Random(7);
        var texts = new List<(string Text, string Topic)>();
        for (var i = 0; i < 40; i++) texts.Add((HotTopicSamples.Parking[i % 5] + Filler(rng), "parking"));
        for (var i = 0; i < 30; i++) texts.Add(("路灯坏了不亮，晚上出行不安全，路灯要修。" + Filler(rng), "light"));
        for (var i = 0; i < 600; i++) texts.Add((Filler(rng) + Filler(rng) + Filler(rng), "other"));
        texts = texts.OrderBy(_ => rng.Next()).ToList();

        var clusters = HotTopicsClustering.Cluster(texts.Select(t => t.Text).ToList());

        foreach (var topic in new[] { "parking", "light" })
        {
            var members = texts.Select((t, i) => (t.Topic, i)).Where(x => x.Topic == topic).Select(x => x.i).ToHashSet();
            var home = clusters.MaxBy(c => c.Members.Count(members.Contains))!;
            Assert.True(home.Members.Count(members.Contains) >= members.Count * 0.9, $"{topic}: {home.Members.Count(members.Contains)} of {members.Count} together");
            Assert.True(home.Members.Count(m => !members.Contains(m)) <= members.Count * 0.1, $"{topic}: {home.Members.Count(m => !members.Contains(m))} strangers");
        }
    }

    /// <summary>A few random CJK characters from the common block: noise no other text shares by more than chance.</summary>
    private static string Filler(Random rng) =>
        new(Enumerable.Range(0, 6).Select(_ => (char)rng.Next(0x4E00, 0x9FA5)).ToArray());
}
