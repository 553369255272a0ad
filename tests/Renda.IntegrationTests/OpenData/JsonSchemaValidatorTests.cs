namespace Renda.IntegrationTests.OpenData;

/// <summary>The validator itself, on good and bad documents, so that a passing export test means something.</summary>
public sealed class JsonSchemaValidatorTests
{
    public const string Person = "http://www.popoloproject.com/schemas/person.json#";
    public const string Membership = "http://www.popoloproject.com/schemas/membership.json#";
    public const string Organization = "http://www.popoloproject.com/schemas/organization.json#";
    public const string Envelope = "urn:renda:schema:popolo-export.json#";

    /// <summary>The Popolo schemas as copied into the repository, and the export's envelope.</summary>
    public static JsonSchemaValidator Popolo()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "OpenData");
        return JsonSchemaValidator.FromDirectories(Path.Combine(dir, "schemas"))
            .Add(File.ReadAllText(Path.Combine(dir, "popolo-export.schema.json")));
    }

    private static List<string> Errors(string json, string schema) => Popolo().Validate(json, schema).Select(e => e.ToString()).ToList();

    [Fact]
    public void The_copied_schemas_are_all_there_and_a_good_person_passes()
    {
        Assert.Equal(16, Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "OpenData", "schemas"), "*.json").Length);
        Assert.Empty(Errors("""
            {"id":"person/1","name":"王建国","gender":"male","image":"https://example.org/p/%E7%8E%8B.jpg",
             "identifiers":[{"identifier":"1","scheme":"x"}],"links":[{"url":"https://example.org/"}],"birth_date":null}
            """, Person));
    }

    [Theory]
    [InlineData("""{"name":12}""", "$.name: expected type")]
    [InlineData("""{"name":"王","identifiers":[{"scheme":"x"}]}""", "$.identifiers[0]: missing required property \"identifier\"")]
    [InlineData("""{"links":[{"note":"no url"}]}""", "$.links[0]: missing required property \"url\"")]
    [InlineData("""{"image":"http://例子.中国/照片.jpg"}""", "$.image: not a valid uri")]
    [InlineData("""{"image":"photo.jpg"}""", "$.image: not a valid uri")]
    [InlineData("""{"email":"not-an-email"}""", "$.email: not a valid email")]
    [InlineData("""{"birth_date":"1980/01/01"}""", "$.birth_date: does not match pattern")]
    [InlineData("""{"created_at":"yesterday"}""", "$.created_at: not a valid date-time")]
    [InlineData("""{"other_names":"张三"}""", "$.other_names: expected type")]
    [InlineData("""[]""", "$: expected type")]
    public void A_bad_person_fails_with_the_path_and_the_reason(string json, string expected)
    {
        var errors = Errors(json, Person);
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void References_are_followed_into_other_files_and_back_into_the_same_one()
    {
        Assert.Empty(Errors("""{"person_id":"p","organization_id":"o","start_date":"2022-01-05","end_date":"2026-12-31T00:00:00Z"}""", Membership));
        Assert.Contains(Errors("""{"start_date":"5 Jan 2022"}""", Membership), e => e.StartsWith("$.start_date: does not match pattern", StringComparison.Ordinal));
        // organization.parent refers to organization.json itself; membership.person to person.json.
        Assert.Contains(Errors("""{"parent":{"classification":7}}""", Organization), e => e.StartsWith("$.parent.classification", StringComparison.Ordinal));
        Assert.Contains(Errors("""{"person":{"links":[{}]}}""", Membership), e => e.StartsWith("$.person.links[0]", StringComparison.Ordinal));
    }

    [Fact]
    public void The_envelope_requires_its_arrays_allows_nothing_else_and_checks_every_item()
    {
        Assert.Empty(Errors("""{"persons":[],"organizations":[],"memberships":[],"posts":[],"areas":[],"events":[]}""", Envelope));
        Assert.Contains("$: missing required property \"posts\"", Errors("""{"persons":[],"organizations":[],"memberships":[]}""", Envelope));
        Assert.Contains("$: property \"people\" is not allowed",
            Errors("""{"persons":[],"organizations":[],"memberships":[],"posts":[],"people":[]}""", Envelope));
        Assert.Contains(Errors("""{"persons":[{"name":1}],"organizations":[],"memberships":[],"posts":[{"start_date":"soon"}]}""", Envelope),
            e => e.StartsWith("$.persons[0].name", StringComparison.Ordinal));
        Assert.Contains(Errors("""{"persons":[],"organizations":[],"memberships":[],"posts":[{"start_date":"soon"}]}""", Envelope),
            e => e.StartsWith("$.posts[0].start_date", StringComparison.Ordinal));
    }

    [Fact]
    public void Enum_additional_property_schemas_tuples_integers_and_bad_references_are_handled()
    {
        var v = new JsonSchemaValidator().Add("""
            {"id":"urn:t:a.json#","type":"object",
             "properties":{"kind":{"enum":["visit","call"]},"n":{"type":"integer"},"pair":{"type":"array","items":[{"type":"string"},{"type":"number"}]},
                           "x":{"$ref":"#/definitions/code"},"y":{"$ref":"missing.json#"}},
             "additionalProperties":{"type":"string"},
             "definitions":{"code":{"type":"string","pattern":"^[0-9]{6}$"}}}
            """);
        Assert.Empty(v.Validate("""{"kind":"visit","n":3,"pair":["a",1.5],"x":"330523","extra":"ok"}""", "urn:t:a.json"));
        var errors = v.Validate("""{"kind":"letter","n":1.5,"pair":[1,"b"],"x":"3305","extra":5,"y":1}""", "urn:t:a.json#").Select(e => e.ToString()).ToList();
        Assert.Contains(errors, e => e.StartsWith("$.kind: not one of", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.n: expected type", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.pair[0]: expected type", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.pair[1]: expected type", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.x: does not match pattern", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.extra: expected type", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.y: unresolvable $ref", StringComparison.Ordinal));
        Assert.Single(v.Validate("{}", "urn:t:unknown.json"));
    }
}
