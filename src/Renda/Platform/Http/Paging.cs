namespace Renda.Platform.Http;

/// <summary>The one list shape: <c>{"items": [...], "total": N, "page": P, "pageSize": S, "totalCapped": false}</c>.
/// A list that stops counting at a cap (a search over millions of rows) says so with <see cref="TotalCapped"/>:
/// then <see cref="Total"/> is the cap and there are more.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    /// <summary>True when the list has more than <see cref="Total"/> rows and counting stopped there.</summary>
    public bool TotalCapped { get; init; }
}

public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 200;

    public static (int Page, int PageSize) Normalize(int? page, int? pageSize) =>
        (Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize));
}
