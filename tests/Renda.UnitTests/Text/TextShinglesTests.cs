using Renda.Platform.Text;

namespace Renda.UnitTests.Text;

public sealed class TextShinglesTests
{
    [Fact]
    public void Chinese_text_becomes_its_distinct_bigrams_without_the_stop_phrases()
    {
        Assert.Equal(["小区", "区停", "停车", "车难", "车位", "位不", "不够"], TextShingles.Of("小区停车难，车位不够，希望尽快解决！停车难"));
    }

    [Fact]
    public void A_stop_phrase_is_cut_out_so_no_bigram_straddles_it()
    {
        // 希望 sits between 路灯 and 修好: without the cut, 灯希 and 望修 would be shingles.
        Assert.Equal(["路灯", "修好"], TextShingles.Of("路灯希望修好"));
        Assert.Equal(["路灯", "灯坏", "坏了"], TextShingles.Of("相关部门路灯坏了"));
    }

    [Fact]
    public void Digits_and_punctuation_break_runs_and_latin_words_are_kept_folded()
    {
        Assert.Equal(["号楼", "楼电", "电梯", "梯坏", "坏了", "wifi"], TextShingles.Of("３号楼电梯坏了，１３９００００１１１１ ＷｉＦｉ 😀"));
        Assert.Empty(TextShingles.Of("１２３，。！"));
        Assert.Empty(TextShingles.Of(null));
        Assert.Empty(TextShingles.Of("希望解决"));
        Assert.Empty(TextShingles.Of("路"));
    }

    [Fact]
    public void Jaccard_is_shared_over_all()
    {
        Assert.Equal(2.0 / 4, TextShingles.Jaccard(["停车", "车难", "小区"], ["停车", "车难", "车位"]));
        Assert.Equal(0, TextShingles.Jaccard([], []));
        Assert.Equal(1, TextShingles.Jaccard(["路灯"], ["路灯"]));
    }

    [Fact]
    public void Cosine_of_the_corpus_vectors_is_shared_over_the_geometric_mean_of_sizes()
    {
        var corpus = new ShingleCorpus(["小区停车难", "停车难，车位少", "路灯坏了"]);
        // {小区 区停 停车 车难} and {停车 车难 车位 位少}: 2 shared of 4 and 4.
        Assert.Equal(0.5, corpus.Similarity(0, 1), 6);
        Assert.Equal(0, corpus.Similarity(0, 2), 6);
        Assert.Equal(1, corpus.Similarity(2, 2), 6);
    }

    [Fact]
    public void Shingles_most_of_a_large_corpus_carries_are_its_own_stop_words()
    {
        // 镇上 is in 40 of 100 texts (more than a tenth, and more than 20 texts): it weighs nothing.
        var texts = Enumerable.Range(0, 100).Select(i => (i % 5 < 2 ? "镇上" : "") + "第" + i + "件事情" + (char)('甲' + i % 50)).ToList();
        var corpus = new ShingleCorpus(texts);
        Assert.Contains("镇上", corpus.CorpusStops);
        Assert.Equal(40, corpus.DocumentFrequency("镇上"));
        Assert.False(corpus.Vectors[0].ContainsKey("镇上"));

        // In a small corpus nothing is a stop word by count alone: a hot topic may be half of it.
        Assert.Empty(new ShingleCorpus(["停车难", "停车难", "停车难", "路灯坏"]).CorpusStops);
    }
}
