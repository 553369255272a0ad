namespace Renda.Platform.Http;

/// <summary>What a use case returns to both its page and its API endpoint: success with a value,
/// or a refusal with an HTTP status, a stable problem slug, zh/en titles and per-field errors.</summary>
public sealed record UseCaseResult<T>
{
    public T? Value { get; private init; }
    public int Status { get; private init; } = 200;
    public string? Slug { get; private init; }
    public string? Zh { get; private init; }
    public string? En { get; private init; }
    public string? Detail { get; private init; }
    public IDictionary<string, string[]>? Errors { get; private init; }
    public bool Ok => Slug is null;

    public static UseCaseResult<T> Success(T value, int status = 200) => new() { Value = value, Status = status };

    public static UseCaseResult<T> Invalid(IDictionary<string, string[]> errors) =>
        new() { Status = 400, Slug = "validation", Zh = "输入有误", En = "Invalid input", Errors = errors };

    public static UseCaseResult<T> Invalid(string field, string reason) =>
        Invalid(new Dictionary<string, string[]> { [field] = [reason] });

    public static UseCaseResult<T> Refused(int status, string slug, string zh, string en, string? detail = null) =>
        new() { Status = status, Slug = slug, Zh = zh, En = en, Detail = detail };

    public static UseCaseResult<T> NotFound() => Refused(404, "not-found", "未找到", "Not found");

    /// <summary>The message a page shows: the title in the UI language, then the field errors.</summary>
    public string Message(bool english) =>
        string.Join(" ", new[] { english ? En : Zh }.Concat(Errors?.SelectMany(e => e.Value) ?? []).Where(s => !string.IsNullOrEmpty(s)));

    public IResult ToHttp(Func<T, IResult>? onSuccess = null)
    {
        if (Ok) return onSuccess is not null ? onSuccess(Value!) : Status == 204 ? TypedResults.NoContent() : TypedResults.Ok(Value);
        if (Errors is not null) return Problems.Validation(Errors, Detail);
        return Problems.Make(Status, Slug!, Zh!, En!, Detail);
    }
}
