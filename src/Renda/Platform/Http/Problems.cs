namespace Renda.Platform.Http;

/// <summary>RFC 9457 problem details with a stable <c>type</c> and a Chinese and an English title.
/// <c>title</c> is Chinese (the UI's first language); <c>titleZh</c> and <c>titleEn</c> carry both.</summary>
public static class Problems
{
    public const string TypePrefix = "urn:renda:problem:";

    public static IResult Make(int status, string slug, string zh, string en, string? detail = null,
        IDictionary<string, object?>? extensions = null)
    {
        var ext = new Dictionary<string, object?> { ["titleZh"] = zh, ["titleEn"] = en };
        if (extensions is not null) foreach (var kv in extensions) ext[kv.Key] = kv.Value;
        return TypedResults.Problem(detail, statusCode: status, title: zh, type: TypePrefix + slug, extensions: ext);
    }

    public static IResult Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        Make(400, "validation", "输入有误", "Invalid input", detail ?? "One or more fields are invalid.",
            new Dictionary<string, object?> { ["errors"] = errors });

    public static IResult Validation(string field, string reason) =>
        Validation(new Dictionary<string, string[]> { [field] = [reason] });

    public static IResult NotFound(string? detail = null) =>
        Make(404, "not-found", "未找到", "Not found", detail);

    public static IResult Forbidden(string? detail = null) =>
        Make(403, "forbidden", "无权执行此操作", "Forbidden", detail);

    public static IResult Unauthorized(string? detail = null) =>
        Make(401, "unauthorized", "请先登录", "Authentication required", detail);

    public static IResult Conflict(string slug, string zh, string en, string? detail = null, IDictionary<string, object?>? ext = null) =>
        Make(409, slug, zh, en, detail, ext);

    public static IResult StaleVersion(long? current = null) =>
        Make(412, "stale-version", "数据已被他人修改，请刷新后重试", "The record was changed by someone else; reload and retry",
            null, current is null ? null : new Dictionary<string, object?> { ["currentVersion"] = current });

    public static IResult Locked(DateTimeOffset? until) =>
        Make(423, "account-locked", "账号已锁定，请稍后再试", "Account locked; try again later",
            until is null ? null : $"Locked until {until:O}.",
            until is null ? null : new Dictionary<string, object?> { ["lockedUntil"] = until });

    public static IResult PasswordChangeRequired() =>
        Make(403, "password-change-required", "首次登录须修改密码", "You must change your password first",
            "POST /api/auth/change-password with currentPassword and newPassword.");
}
