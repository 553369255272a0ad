using System.Text;
using Renda.Modules.Opinions;
using Renda.Platform.Search;

namespace Renda.UnitTests.Search;

public sealed class SearchTokenizerTests
{
    [Fact]
    public void A_character_is_its_code_point_in_six_letters()
    {
        Assert.Equal("aahagp", CjkBigrams.Encode(new Rune('灯')));   // U+706F
        Assert.Equal("aaaagb", CjkBigrams.Encode(new Rune('a')));    // U+0061
        Assert.Equal("abpgan", CjkBigrams.Encode(new Rune(0x1F60D))); // an emoji beyond the BMP
    }

    [Fact]
    public void Each_position_holds_the_character_and_the_next_the_last_one_alone()
    {
        var tokens = CjkBigrams.Tokens("路灯坏了");
        Assert.Equal(["aainopaahagp", "aahagpaafhep", "aafhepaaeoig", "aaeoig"], tokens);
        Assert.Equal(["aahagp"], CjkBigrams.Tokens("灯"));
        Assert.Empty(CjkBigrams.Tokens(""));
        Assert.Empty(CjkBigrams.Tokens(null));
    }

    [Fact]
    public void Only_ascii_letters_are_folded_like_the_databases_do()
    {
        Assert.Equal(CjkBigrams.Tokens("wifi"), CjkBigrams.Tokens("WiFi"));
        Assert.NotEqual(CjkBigrams.Tokens("ｗｉｆｉ"), CjkBigrams.Tokens("wifi"));
        Assert.Equal("g60高速ÄÖ", CjkBigrams.Fold("G60高速ÄÖ"));
    }

    [Fact]
    public void A_term_of_two_or_more_characters_is_a_run_of_the_texts_tokens()
    {
        var text = CjkBigrams.Tokens("小区停车场太拥挤");
        var term = CjkBigrams.Bigrams("停车场");
        Assert.Equal(2, term.Count);
        var at = text.ToList().IndexOf(term[0]);
        Assert.Equal(term, text.Skip(at).Take(term.Count));
        Assert.Single(CjkBigrams.Bigrams("停车"));
        Assert.Empty(CjkBigrams.Bigrams("停"));
    }

    [Fact]
    public void Words_become_phrases_and_a_single_character_a_prefix()
    {
        var q = SearchQuery.Parse("  停车  灯 G60 ");
        Assert.Equal(["停车", "灯", "g60"], q.Terms);
        Assert.Equal("\"aafafmaaipgg\" AND aahagp* AND \"aaaaghaaaadg aaaadgaaaada\"", q.ToFts5());
        Assert.Equal("('停车') & '灯':* & ('g6' & '60')", q.ToTsQuery());
    }

    [Theory]
    [InlineData("\" OR 1=1 --")]
    [InlineData("停车' ; DROP TABLE opinions; --")]
    [InlineData("NEAR(路灯 停车) * ^ : ( ) { } -")]
    [InlineData("%_%")]
    [InlineData("路灯 AND OR NOT")]
    public void Hostile_queries_become_letters_and_operators_of_our_own(string hostile)
    {
        var q = SearchQuery.Parse(hostile);
        Assert.False(q.IsEmpty);
        var fts = q.ToFts5().Replace(" AND ", " ").Replace("\"", "").Replace("*", "");
        Assert.All(fts.Split(' '), t => Assert.Matches("^[a-p]+$", t));
        // Outside quotes only our operators; inside, exactly the words' bigrams (or a word's one character).
        var (lexemes, operators) = ReadTsQuery(q.ToTsQuery());
        Assert.Matches(@"^[()&:* ]*$", operators);
        var expected = q.Terms.SelectMany(t => t.EnumerateRunes().Count() == 1 ? [t] : CjkBigrams.Bigrams(t).Select(CjkBigrams.Decode)).ToHashSet();
        Assert.Equal(expected.Order(StringComparer.Ordinal), lexemes.Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("a'b")]
    [InlineData("\\")]
    [InlineData("'")]
    [InlineData(" &")]
    [InlineData("停'\\车")]
    public void Lexemes_are_quoted_so_that_tsquery_reads_them_back_unchanged(string lexeme)
    {
        var (lexemes, operators) = ReadTsQuery(SearchQuery.QuoteLexeme(lexeme));
        Assert.Equal([lexeme], lexemes);
        Assert.Equal("", operators);
    }

    [Fact]
    public void PostgreSQL_lexemes_are_the_bigrams_spelt_as_characters()
    {
        Assert.Equal(new[] { "0", "60", "g6", "停车", "车g" }.Order(StringComparer.Ordinal), CjkBigrams.PgLexemes("停车G60"));
        Assert.Equal(CjkBigrams.Tokens("停车G60 停车").Select(CjkBigrams.Decode).Distinct().Order(StringComparer.Ordinal), CjkBigrams.PgLexemes("停车G60 停车"));
        Assert.Empty(CjkBigrams.PgLexemes(""));
        Assert.Equal("停车", CjkBigrams.Decode(CjkBigrams.Bigrams("停车")[0]));
        Assert.Throws<ArgumentException>(() => CjkBigrams.Decode("abc"));
    }

    /// <summary>What PostgreSQL's tsquery input reads: quoted lexemes ('' is a quote, a backslash escapes the next
    /// character) and, outside quotes, the rest.</summary>
    private static (List<string> Lexemes, string Operators) ReadTsQuery(string query)
    {
        var lexemes = new List<string>();
        var outside = new System.Text.StringBuilder();
        for (var i = 0; i < query.Length; i++)
        {
            if (query[i] != '\'') { outside.Append(query[i]); continue; }
            var lexeme = new System.Text.StringBuilder();
            for (i++; ; i++)
            {
                Assert.True(i < query.Length, "unterminated lexeme in " + query);
                if (query[i] == '\\') { lexeme.Append(query[++i]); continue; }
                if (query[i] == '\'')
                {
                    if (i + 1 < query.Length && query[i + 1] == '\'') { lexeme.Append('\''); i++; continue; }
                    break;
                }
                lexeme.Append(query[i]);
            }
            lexemes.Add(lexeme.ToString());
        }
        return (lexemes, outside.ToString());
    }

    [Fact]
    public void Blank_queries_are_empty_and_long_ones_are_capped()
    {
        Assert.True(SearchQuery.Parse("   ").IsEmpty);
        Assert.True(SearchQuery.Parse(null).IsEmpty);
        var many = SearchQuery.Parse(string.Join(' ', Enumerable.Range(0, 20).Select(i => "词" + i)));
        Assert.Equal(SearchQuery.MaxTerms, many.Terms.Count);
        Assert.Equal(SearchQuery.MaxTermLength, SearchQuery.Parse(new string('路', 500)).Terms[0].Length);
    }

    [Fact]
    public void Index_names_are_plain_identifiers()
    {
        Assert.Throws<ArgumentException>(() => new FullTextIndex("opinions; drop", "id", "content"));
        Assert.Equal("opinions_search", OpinionsAccess.SearchIndex.FtsTable);
        Assert.True(FullTextIndex.IsIndexObject("opinions_search_data"));
        Assert.False(FullTextIndex.IsIndexObject("opinions"));
    }

    [Fact]
    public void Similar_texts_share_word_pairs_and_function_characters_do_not_count()
    {
        var a = SimilarityTerms.Of("小区门口的路灯坏了，晚上很黑");
        var b = SimilarityTerms.Of("小区门口路灯不亮，晚上出行不便");
        var c = SimilarityTerms.Of("学校食堂饭菜价格太贵");
        Assert.Contains("路灯", a);
        Assert.DoesNotContain("的路", a);
        Assert.True(SimilarityTerms.Score(a, b) > SimilarityTerms.Score(a, c));
        Assert.Equal(0, SimilarityTerms.Score(a, c));
    }
}
