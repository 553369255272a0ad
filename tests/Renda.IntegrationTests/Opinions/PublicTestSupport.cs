using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Opinions;
using Renda.Platform.Auth;
using Renda.Platform.Data;

namespace Renda.IntegrationTests.Opinions;

/// <summary>Helpers of the public part's tests: image fixtures with metadata, the page form, linked accounts.</summary>
public static partial class PublicTestSupport
{
    public static readonly byte[] GpsMarker = Encoding.ASCII.GetBytes("GPSLatitude 30.63N GPSLongitude 119.68E");

    private static byte[] Segment(byte marker, byte[] data)
    {
        var s = new byte[4 + data.Length];
        s[0] = 0xFF; s[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(s.AsSpan(2), (ushort)(data.Length + 2));
        data.CopyTo(s, 4);
        return s;
    }

    /// <summary>A JPEG as a phone writes it: JFIF, Exif carrying GPS, tables, a scan.</summary>
    public static byte[] PhonePhoto() =>
    [
        0xFF, 0xD8,
        .. Segment(0xE0, [.. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
        .. Segment(0xE1, [.. "Exif\0\0MM\0*"u8, .. GpsMarker]),
        .. Segment(0xDB, [0, .. Enumerable.Repeat((byte)1, 64)]),
        .. Segment(0xC0, [8, 0, 16, 0, 16, 1, 1, 0x11, 0]),
        .. Segment(0xDA, [1, 1, 0, 0, 63, 0]),
        0x12, 0x34, 0x56, 0xFF, 0xD9,
    ];

    public static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    /// <summary>Posts the citizen's form (multipart, with its antiforgery token) and returns the response.</summary>
    public static async Task<HttpResponseMessage> PostOpinionFormAsync(this HttpClient http, string path, IDictionary<string, string> fields,
        params (string Name, string ContentType, byte[] Bytes)[] photos)
    {
        var token = await http.AntiforgeryTokenAsync(path);
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (k, v) in fields) form.Add(new StringContent(v), k);
        foreach (var (name, type, bytes) in photos)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(file, "photos", name);
        }
        return await http.PostAsync(path, form);
    }

    public static Dictionary<string, string> GoodForm(string content, string phone = OpinionTestSupport.Phone, string name = "李四") => new()
    {
        ["Form.Content"] = content, ["Form.Category"] = "transport", ["Form.Location"] = "递铺街道胜利西路",
        ["Form.SubmitterName"] = name, ["Form.Phone"] = phone, ["Form.Consent"] = "true",
    };

    /// <summary>Submits through the page and returns the tracking code shown on the success page.</summary>
    public static async Task<string> SubmitThroughPageAsync(this RendaApp app, string path, string content,
        params (string Name, string ContentType, byte[] Bytes)[] photos)
    {
        var http = app.PageClient();
        var res = await http.PostOpinionFormAsync(path, GoodForm(content), photos);
        Assert.True(res.StatusCode == HttpStatusCode.Redirect, $"{(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        Assert.Equal("/p/opinion/thanks", res.Headers.Location!.OriginalString);
        var html = await http.GetStringAsync("/p/opinion/thanks");
        var m = ShownCode().Match(html);
        Assert.True(m.Success, html);
        return m.Groups[1].Value;
    }

    [GeneratedRegex("data-testid=\"tracking-code\">([A-Z0-9]{5}-[A-Z0-9]{5})<")]
    private static partial Regex ShownCode();

    public static async Task<Opinion> OpinionAsync(this RendaApp app, string trackingCode)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<Opinion>().IgnoreQueryFilters().AsNoTracking().SingleAsync(o => o.TrackingCode == TrackingCodes.Normalize(trackingCode));
    }

    /// <summary>An account of <paramref name="role"/> in the demo county, tied to a unit, representative or station, signed in.</summary>
    public static async Task<HttpClient> LinkedUserAsync(this RendaApp app, string userName, string role, Action<AppUser>? link = null,
        string jurisdiction = "330523")
    {
        await app.CreateUserAsync(userName, jurisdiction, role);
        if (link is not null)
        {
            await using var scope = app.Scope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var u = (await users.FindByNameAsync(userName))!;
            link(u);
            await users.UpdateAsync(u);
        }
        return await app.SignedInAsync(userName);
    }

    public static async Task<int> OpinionCountAsync(this RendaApp app, string contentMarker)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<Opinion>().IgnoreQueryFilters().CountAsync(o => o.Content.Contains(contentMarker));
    }
}
