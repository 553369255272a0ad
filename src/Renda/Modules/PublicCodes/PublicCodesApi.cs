using System.Text;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Net.Http.Headers;
using Renda.Platform.Auth;
using Renda.Platform.Http;
using Renda.Platform.Imaging;

namespace Renda.Modules.PublicCodes;

/// <summary>The absolute URL a code opens. Setting <c>PublicCodes:BaseUrl</c> (e.g. https://rd.example.gov.cn)
/// fixes it; without it the request's own address is used, which is wrong when staff reach the app by an
/// intranet name, so a real deployment sets it.</summary>
public sealed class PublicUrls(IConfiguration config)
{
    public string Base(HttpRequest request) =>
        config["PublicCodes:BaseUrl"] is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";

    public string For(HttpRequest request, PublicCodeKind kind, string code) => Base(request) + PublicCode.PathOf(kind, code);
}

/// <summary>Whether another module has added the citizen's form under a code's page
/// (<c>/p/s/{code}/opinion</c>, <c>/p/r/{code}/opinion</c>): the public pages link to it only if it exists.</summary>
public sealed class PublicRoutes(EndpointDataSource endpoints)
{
    public bool HasOpinionForm(PublicCodeKind kind) =>
        endpoints.Endpoints.OfType<RouteEndpoint>().Any(e => IsOpinionRoute(e.RoutePattern, PublicCode.UrlSegment(kind)));

    private static bool IsOpinionRoute(RoutePattern pattern, string segment)
    {
        var s = pattern.PathSegments;
        return s.Count == 4 && Literal(s[0], "p") && Literal(s[1], segment)
            && s[2].Parts is [RoutePatternParameterPart] && Literal(s[3], "opinion");
    }

    private static bool Literal(RoutePatternPathSegment segment, string text) =>
        segment.Parts is [RoutePatternLiteralPart literal] && string.Equals(literal.Content, text, StringComparison.OrdinalIgnoreCase);
}

/// <summary>QR images and code management for staff:
/// <c>GET /api/{representatives|stations}/{id}/qr.svg|qr.png</c>, <c>GET …/{id}/public-code</c>,
/// <c>POST …/{id}/public-code/revoke</c> and <c>…/regenerate</c> with <c>{"reason": "damaged|misused|ended|other"}</c>.</summary>
public static class PublicCodesApi
{
    public sealed record CodeActionRequest(string? Reason);

    public static IServiceCollection AddRendaPublicCodes(this IServiceCollection services) =>
        services.AddScoped<PublicCodeRegistry>().AddScoped<PublicProfiles>().AddSingleton<PublicUrls>().AddSingleton<PublicRoutes>()
            .EvictPublicProfilesOnChange();

    /// <summary>What the cached station and representative pages show comes from these rows: saving any of them
    /// evicts every cached profile page (they change rarely and by staff; see docs/adr/0032).</summary>
    private static IServiceCollection EvictPublicProfilesOnChange(this IServiceCollection services)
    {
        static string All(object _) => PublicPageCache.ProfilesTag;
        return services
            .EvictPublicPagesOn<Stations.Station>(All).EvictPublicPagesOn<Stations.StationRepresentative>(All)
            .EvictPublicPagesOn<Stations.ReceptionScheduleRule>(All).EvictPublicPagesOn<Stations.ReceptionRuleRepresentative>(All)
            .EvictPublicPagesOn<Representatives.Representative>(All).EvictPublicPagesOn<Representatives.DelegationGroup>(All)
            .EvictPublicPagesOn<Representatives.ProfessionalGroup>(All).EvictPublicPagesOn<Congress.Congress>(All)
            .EvictPublicPagesOn<Congress.Term>(All).EvictPublicPagesOn<PublicCode>(All)
            .EvictPublicPagesOn<Platform.Jurisdictions.Jurisdiction>(All);
    }

    public static void MapPublicCodesApi(this IEndpointRouteBuilder app)
    {
        Map(app.MapGroup("/api/representatives/{id:long}").WithTags("Public codes"), PublicCodeKind.Representative);
        Map(app.MapGroup("/api/stations/{id:long}").WithTags("Public codes"), PublicCodeKind.Station);
    }

    private static void Map(RouteGroupBuilder group, PublicCodeKind kind)
    {
        group.RequireAuthorization(p => p.RequireRole(Roles.CongressStaff));
        group.MapGet("/qr.svg", (long id, PublicCodeRegistry registry, PublicUrls urls, HttpContext ctx, CancellationToken ct) =>
            ImageAsync(kind, id, registry, urls, ctx, "svg", ct, (card, qr) =>
                (Encoding.UTF8.GetBytes(QrCard.Svg(qr, card.Name, Note(kind))), "image/svg+xml; charset=utf-8")));
        group.MapGet("/qr.png", (long id, PublicCodeRegistry registry, PublicUrls urls, CaptionFont font, HttpContext ctx, CancellationToken ct) =>
            font.Fonts is { } fonts
                ? ImageAsync(kind, id, registry, urls, ctx, "png", ct, (card, qr) => (QrCard.Png(qr, card.Name, Note(kind), fonts), "image/png"))
                : Task.FromResult(Problems.Make(503, "caption-font-missing", "缺少二维码说明文字所用字体", "The caption font is missing",
                    "Set Imaging:CaptionFont to a TrueType .ttf or .woff file, or install the npm packages.")));
        group.MapGet("/public-code", async (long id, PublicCodeRegistry registry, PublicUrls urls, HttpRequest req, CancellationToken ct) =>
            (await registry.CardAsync(kind, id, ct)).ToHttp(card => TypedResults.Ok(WithUrl(card, urls, req))));
        group.MapPost("/public-code/revoke", async (long id, CodeActionRequest? body, PublicCodeRegistry registry, PublicUrls urls,
                HttpRequest req, CancellationToken ct) =>
            (await registry.RevokeAsync(kind, id, body?.Reason, ct)).ToHttp(card => TypedResults.Ok(WithUrl(card, urls, req))));
        group.MapPost("/public-code/regenerate", async (long id, CodeActionRequest? body, PublicCodeRegistry registry, PublicUrls urls,
                HttpRequest req, CancellationToken ct) =>
            (await registry.RegenerateAsync(kind, id, body?.Reason, ct)).ToHttp(card => TypedResults.Ok(WithUrl(card, urls, req))));
    }

    /// <summary>The line under the name: what the code is for.</summary>
    public static string Note(PublicCodeKind kind) => kind == PublicCodeKind.Station ? "扫码了解联络站 · 反映意见建议" : "扫码联系人大代表 · 反映意见建议";

    public static CodeCard WithUrl(CodeCard card, PublicUrls urls, HttpRequest request) =>
        card with { Url = urls.For(request, card.Kind, card.Code) };

    private static async Task<IResult> ImageAsync(PublicCodeKind kind, long id, PublicCodeRegistry registry, PublicUrls urls,
        HttpContext ctx, string extension, CancellationToken ct, Func<CodeCard, QrMatrix, (byte[] Bytes, string Type)> render)
    {
        var result = await registry.CardAsync(kind, id, ct);
        if (!result.Ok) return result.ToHttp();
        var card = result.Value!;
        if (!card.Active)
            return Problems.Conflict("code-revoked", "该二维码已作废，请先重新生成", "This code is revoked; regenerate it first");
        var (bytes, type) = render(card, QrMatrix.Encode(urls.For(ctx.Request, kind, card.Code)));
        ctx.Response.Headers.CacheControl = "no-store";
        ctx.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline")
        {
            FileNameStar = FileName(kind, card, extension),
        }.ToString();
        return TypedResults.File(bytes, type);
    }

    /// <summary>家站码-递铺街道代表联络站.png: the name without characters file systems refuse, at most 40 characters.</summary>
    public static string FileName(PublicCodeKind kind, CodeCard card, string extension)
    {
        var name = string.Concat(TextRenderer.Clean(card.Name).EnumerateRunes()
            .Where(r => !(r.IsAscii && (r.Value < 0x20 || "/\\:*?\"<>|".Contains((char)r.Value))))
            .Take(40).Select(r => r.ToString()));
        if (name.Length == 0) name = card.TargetId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"{(kind == PublicCodeKind.Station ? "家站码" : "代表码")}-{name}.{extension}";
    }
}
