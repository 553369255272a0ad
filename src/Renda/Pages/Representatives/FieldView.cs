namespace Renda.Pages.Representatives;

/// <summary>One labelled input of the representative form, with its error or hint under it.</summary>
public sealed record FieldView(string Name, string Label, string? Value, string? Error, bool Required = false, int? MaxLength = null,
    string Type = "text", string? Hint = null, string? List = null, bool Mono = false);
