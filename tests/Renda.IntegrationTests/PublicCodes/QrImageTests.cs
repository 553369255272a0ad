using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.PublicCodes;
using Renda.Platform.Auth;
using Renda.Platform.Imaging;

namespace Renda.IntegrationTests.PublicCodes;

/// <summary>GET /api/{stations|representatives}/{id}/qr.png|qr.svg: staff of the jurisdiction only; the
/// PNG encodes the code's public URL and carries the name; hostile names are harmless.</summary>
public sealed class QrImageTests(RendaApp app) : IClassFixture<RendaApp>
{
    private static int _users;

    [Fact]
    public async Task The_station_PNG_is_the_card_of_its_public_URL_with_the_name_under_it()
    {
        var world = await CodeWorld.CreateAsync(app);
        var staff = await StaffAsync(CodeWorld.County);

        var res = await staff.GetAsync($"/api/stations/{world.StationId}/qr.png");

        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("image/png", res.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", res.Headers.CacheControl!.ToString());
        Assert.Contains("filename*=UTF-8''", res.Content.Headers.ContentDisposition!.ToString());
        var png = await res.Content.ReadAsByteArrayAsync();
        Assert.True(png.AsSpan(0, 8).SequenceEqual(Png.Signature));
        // The image is exactly the card of http://localhost/p/s/{code} (the test server's address):
        // the unit tests prove that card's modules are that URL's QR matrix.
        var fonts = app.Services.GetRequiredService<CaptionFont>().Fonts!;
        var expected = QrCard.Png(QrMatrix.Encode($"http://localhost/p/s/{world.StationCode}"), world.StationName,
            PublicCodesApi.Note(PublicCodeKind.Station), fonts);
        Assert.Equal(expected, png);
    }

    [Fact]
    public async Task The_representative_SVG_carries_the_name_as_text()
    {
        var world = await CodeWorld.CreateAsync(app, representativeName: "沈晓燕");
        var staff = await StaffAsync(CodeWorld.County);

        var res = await staff.GetAsync($"/api/representatives/{world.RepresentativeId}/qr.svg");

        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("image/svg+xml", res.Content.Headers.ContentType!.MediaType);
        var svg = XDocument.Parse(await res.Content.ReadAsStringAsync());
        Assert.Contains("沈晓燕", svg.Descendants().Where(e => e.Name.LocalName == "text").Select(t => t.Value));
    }

    [Fact]
    public async Task A_configured_public_address_is_the_one_encoded()
    {
        using var configured = app.WithWebHostBuilder(b => b.UseSetting("PublicCodes:BaseUrl", "https://rd.anji.gov.cn/"));
        var world = await CodeWorld.CreateAsync(app);
        var name = $"qr-configured-{Interlocked.Increment(ref _users)}";
        await app.CreateUserAsync(name, CodeWorld.County, Roles.CongressStaff);
        var http = configured.CreateClient();
        var login = await (await http.LoginAsync(name, Api.Password)).JsonAsync();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());

        var card = await (await http.GetAsync($"/api/stations/{world.StationId}/public-code")).JsonAsync();

        Assert.Equal($"https://rd.anji.gov.cn/p/s/{world.StationCode}", card.GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("qr.png")]
    [InlineData("qr.svg")]
    public async Task Images_are_refused_to_anonymous_callers_other_roles_and_staff_of_another_county(string file)
    {
        var world = await CodeWorld.CreateAsync(app);
        var path = $"/api/stations/{world.StationId}/{file}";

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await UserAsync(CodeWorld.County, Roles.Auditor)).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await UserAsync(CodeWorld.County, Roles.Representative)).GetAsync(path)).StatusCode);
        var neighbour = await (await StaffAsync(CodeWorld.OtherCounty)).GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, neighbour.StatusCode);
        Assert.Equal("application/problem+json", neighbour.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await (await StaffAsync(CodeWorld.County)).GetAsync($"/api/stations/987654321/{file}")).StatusCode);
    }

    [Fact]
    public async Task A_hostile_name_is_escaped_in_the_SVG_and_shortened_in_the_PNG()
    {
        var hostile = "<script>alert(1)</script>" + string.Concat(Enumerable.Repeat("很长的站名", 15));
        var world = await CodeWorld.CreateAsync(app, stationName: hostile[..100]);
        var staff = await StaffAsync(CodeWorld.County);

        var svgText = await staff.GetStringAsync($"/api/stations/{world.StationId}/qr.svg");
        var svg = XDocument.Parse(svgText);
        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName == "script");
        Assert.Contains("&lt;script&gt;", svgText);
        var title = svg.Descendants().First(e => e.Name.LocalName == "text").Value;
        Assert.StartsWith("<script>", title);
        Assert.EndsWith("…", title);

        var png = await staff.GetAsync($"/api/stations/{world.StationId}/qr.png");
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        var fonts = app.Services.GetRequiredService<CaptionFont>().Fonts!;
        var image = QrCard.Render(QrMatrix.Encode($"http://localhost/p/s/{world.StationCode}"), hostile[..100], "", fonts);
        var edge = image.Width / 25;
        for (var y = image.Width; y < image.Height; y++)
            for (var x = 0; x < edge; x++)
                Assert.True(image[x, y] == 255 && image[image.Width - 1 - x, y] == 255, "the caption stays inside the card");
    }

    [Fact]
    public async Task A_revoked_code_has_no_image_until_it_is_regenerated()
    {
        var world = await CodeWorld.CreateAsync(app);
        var staff = await StaffAsync(CodeWorld.County);
        await staff.PostAsJsonAsync($"/api/stations/{world.StationId}/public-code/revoke", new { reason = "misused" });

        var res = await staff.GetAsync($"/api/stations/{world.StationId}/qr.png");
        Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
        Assert.Equal("urn:renda:problem:code-revoked", (await res.JsonAsync()).GetProperty("type").GetString());

        await staff.PostAsJsonAsync($"/api/stations/{world.StationId}/public-code/regenerate", new { });
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/stations/{world.StationId}/qr.png")).StatusCode);
    }

    private Task<HttpClient> StaffAsync(string county) => UserAsync(county, Roles.CongressStaff);

    private async Task<HttpClient> UserAsync(string county, string role)
    {
        var name = $"qr-{role}-{Interlocked.Increment(ref _users)}";
        await app.CreateUserAsync(name, county, role);
        return await app.SignedInAsync(name);
    }
}
