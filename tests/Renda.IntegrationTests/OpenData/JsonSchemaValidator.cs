using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Renda.IntegrationTests.OpenData;

/// <summary>A small JSON Schema validator for the subset the Popolo schemas use, draft-03 and draft-04:
/// <c>type</c> (one or a list, with <c>any</c>), <c>properties</c>, <c>required</c> (draft-03's
/// <c>true</c> inside a property and draft-04's list), <c>items</c> (one schema or a tuple),
/// <c>additionalProperties</c> (false or a schema), <c>enum</c>, <c>anyOf</c>, <c>maxLength</c>, <c>pattern</c>, <c>format</c> (date,
/// date-time, uri, email, checked loosely) and <c>$ref</c> to a loaded schema by its <c>id</c>, relative
/// to the current schema, or to a JSON pointer inside it. Other keywords are ignored. No JSON-Schema
/// package is available here; this is enough to make a test of the export fail when it should.</summary>
public sealed partial class JsonSchemaValidator
{
    private readonly Dictionary<string, JsonElement> _schemas = new(StringComparer.Ordinal);

    public sealed record Error(string Path, string Message)
    {
        public override string ToString() => $"{Path}: {Message}";
    }

    /// <summary>Loads every <c>*.json</c> of the directories given, keyed by their <c>id</c> (and file name).</summary>
    public static JsonSchemaValidator FromDirectories(params string[] directories)
    {
        var v = new JsonSchemaValidator();
        foreach (var dir in directories)
            foreach (var file in Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal))
                v.Add(File.ReadAllText(file), Path.GetFileName(file));
        return v;
    }

    /// <summary>Adds a schema; it is found by its <c>id</c>/<c>$id</c> and, when given, by a file name.</summary>
    public JsonSchemaValidator Add(string json, string? fileName = null)
    {
        var root = JsonDocument.Parse(json).RootElement.Clone();
        if (Id(root) is { } id) _schemas[id] = root;
        if (fileName is not null) _schemas[fileName] = root;
        return this;
    }

    public IReadOnlyList<Error> Validate(string json, string schemaId)
    {
        using var doc = JsonDocument.Parse(json);
        return Validate(doc.RootElement, schemaId);
    }

    public IReadOnlyList<Error> Validate(JsonElement instance, string schemaId)
    {
        var errors = new List<Error>();
        var key = Normalize(schemaId);
        if (!_schemas.TryGetValue(key, out var schema))
        {
            errors.Add(new Error("$", $"unknown schema {schemaId}"));
            return errors;
        }
        Check(instance, schema, key, "$", errors);
        return errors;
    }

    private void Check(JsonElement value, JsonElement schema, string baseId, string path, List<Error> errors)
    {
        if (schema.ValueKind == JsonValueKind.True) return;
        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add(new Error(path, "no value is allowed here"));
            return;
        }
        if (schema.ValueKind != JsonValueKind.Object) return;
        if (Id(schema) is { } ownId) baseId = ownId;

        if (schema.TryGetProperty("$ref", out var refElement) && refElement.ValueKind == JsonValueKind.String)
        {
            if (Resolve(refElement.GetString()!, baseId) is { } target) Check(value, target.Schema, target.BaseId, path, errors);
            else errors.Add(new Error(path, $"unresolvable $ref {refElement.GetString()}"));
            return; // draft-03/04: a $ref replaces its siblings
        }

        if (schema.TryGetProperty("type", out var type) && !TypeMatches(value, type))
        {
            errors.Add(new Error(path, $"expected type {type.GetRawText()}, found {Kind(value)}"));
            return;
        }

        if (schema.TryGetProperty("enum", out var options) && options.ValueKind == JsonValueKind.Array
            && !options.EnumerateArray().Any(o => JsonElement.DeepEquals(o, value)))
            errors.Add(new Error(path, $"not one of {options.GetRawText()}"));

        // anyOf (draft-04; the Open311 schemas use it for nullable fields): at least one branch must hold.
        if (schema.TryGetProperty("anyOf", out var anyOf) && anyOf.ValueKind == JsonValueKind.Array
            && !anyOf.EnumerateArray().Any(branch =>
            {
                var branchErrors = new List<Error>();
                Check(value, branch, baseId, path, branchErrors);
                return branchErrors.Count == 0;
            }))
            errors.Add(new Error(path, "matches none of anyOf"));

        if (value.ValueKind == JsonValueKind.String)
        {
            var s = value.GetString()!;
            if (schema.TryGetProperty("pattern", out var pattern) && pattern.ValueKind == JsonValueKind.String
                && !Regex.IsMatch(s, pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
                errors.Add(new Error(path, $"does not match pattern {pattern.GetString()}"));
            if (schema.TryGetProperty("maxLength", out var maxLength) && maxLength.TryGetInt32(out var max) && s.Length > max)
                errors.Add(new Error(path, $"longer than {max} characters"));
            if (schema.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String
                && !FormatMatches(s, format.GetString()!))
                errors.Add(new Error(path, $"not a valid {format.GetString()}: \"{s}\""));
        }

        if (value.ValueKind == JsonValueKind.Object) CheckObject(value, schema, baseId, path, errors);
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                var itemSchema = items.ValueKind == JsonValueKind.Array
                    ? (i < items.GetArrayLength() ? items[i] : (JsonElement?)null)
                    : items;
                if (itemSchema is { } s) Check(item, s, baseId, $"{path}[{i}]", errors);
                i++;
            }
        }
    }

    private void CheckObject(JsonElement value, JsonElement schema, string baseId, string path, List<Error> errors)
    {
        var hasProperties = schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object;
        if (hasProperties)
        {
            foreach (var p in properties.EnumerateObject())
            {
                if (value.TryGetProperty(p.Name, out var child)) Check(child, p.Value, baseId, $"{path}.{p.Name}", errors);
                else if (p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True)
                    errors.Add(new Error(path, $"missing required property \"{p.Name}\""));
            }
        }
        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
            foreach (var name in required.EnumerateArray().Select(n => n.GetString()!))
                if (!value.TryGetProperty(name, out _)) errors.Add(new Error(path, $"missing required property \"{name}\""));

        if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind != JsonValueKind.True)
        {
            foreach (var p in value.EnumerateObject())
            {
                if (hasProperties && properties.TryGetProperty(p.Name, out _)) continue;
                if (additional.ValueKind == JsonValueKind.False) errors.Add(new Error(path, $"property \"{p.Name}\" is not allowed"));
                else Check(p.Value, additional, baseId, $"{path}.{p.Name}", errors);
            }
        }
    }

    private (JsonElement Schema, string BaseId)? Resolve(string reference, string baseId)
    {
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var docPart = hash < 0 ? reference : reference[..hash];
        var pointer = hash < 0 ? "" : reference[(hash + 1)..];
        string docId;
        if (docPart.Length == 0) docId = baseId;
        else if (Uri.TryCreate(docPart, UriKind.Absolute, out _)) docId = docPart;
        else if (Uri.TryCreate(baseId, UriKind.Absolute, out var baseUri) && baseUri.Scheme is "http" or "https" or "file")
            docId = new Uri(baseUri, docPart).ToString();
        else docId = docPart;
        if (!_schemas.TryGetValue(docId, out var doc) && !_schemas.TryGetValue(Path.GetFileName(docPart), out doc)) return null;
        var target = doc;
        foreach (var token in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = Uri.UnescapeDataString(token).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (target.ValueKind == JsonValueKind.Object && target.TryGetProperty(name, out var next)) target = next;
            else if (target.ValueKind == JsonValueKind.Array && int.TryParse(name, CultureInfo.InvariantCulture, out var index) && index < target.GetArrayLength())
                target = target[index];
            else return null;
        }
        return (target, Id(doc) ?? docId);
    }

    private static string? Id(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object) return null;
        foreach (var key in new[] { "$id", "id" })
            if (schema.TryGetProperty(key, out var id) && id.ValueKind == JsonValueKind.String) return Normalize(id.GetString()!);
        return null;
    }

    /// <summary>"http://x/person.json#" and "http://x/person.json" name the same schema.</summary>
    private static string Normalize(string id) => id.TrimEnd('#');

    private static bool TypeMatches(JsonElement value, JsonElement type) => type.ValueKind switch
    {
        JsonValueKind.String => IsOfType(value, type.GetString()!),
        JsonValueKind.Array => type.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String ? IsOfType(value, t.GetString()!) : t.ValueKind == JsonValueKind.Object),
        _ => true,
    };

    private static bool IsOfType(JsonElement value, string type) => type switch
    {
        "any" => true,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) && d == decimal.Truncate(d),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => false,
    };

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };

    /// <summary>Loose format checks. A URI must be absolute, with a scheme, and ASCII only: RFC 3986
    /// has no room for Chinese characters or spaces unless percent-encoded.</summary>
    public static bool FormatMatches(string s, string format) => format switch
    {
        "date" => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "date-time" => DateTimePattern().IsMatch(s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "uri" => s.All(c => c is > ' ' and < (char)127) && Uri.TryCreate(s, UriKind.Absolute, out var u) && u.Scheme.Length > 0,
        "email" => EmailPattern().IsMatch(s),
        _ => true,
    };

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})$")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
