using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.HandlingUnits;
using Renda.Modules.Opinions;
using Renda.Platform.Auth;
using Renda.Platform.Data;

namespace Renda.IntegrationTests.Opinions;

/// <summary>Photos and reply files: served only to those who can see the opinion, with the headers that keep a
/// browser from guessing; reply files checked by their bytes.</summary>
[Collection(OpinionsCollection.Name)]
public sealed class OpinionAttachmentsApiTests(DemoApp app)
{
    private async Task<(long Unit, long OtherUnit)> UnitsAsync()
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ids = await db.Set<HandlingUnit>().IgnoreQueryFilters().Where(u => u.JurisdictionCode.StartsWith("330523"))
            .OrderBy(u => u.Id).Select(u => u.Id).Take(2).ToListAsync();
        return (ids[0], ids[1]);
    }

    private static MultipartFormDataContent Files(params (string Name, string Type, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, type, bytes) in files)
        {
            var c = new ByteArrayContent(bytes);
            c.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(c, "file", name);
        }
        return form;
    }

    [Fact]
    public async Task Staff_and_the_assigned_unit_see_the_photo_others_do_not()
    {
        var code = await app.SubmitThroughPageAsync("/p/opinion", "附件测试：河道里有垃圾", ("river.jpg", "image/jpeg", PublicTestSupport.PhonePhoto()));
        var (unit, otherUnit) = await UnitsAsync();
        var id = await app.ForceStateAsync(code, "assigned", o => o.UnitId = unit);

        var staff = await app.LinkedUserAsync("att-staff", Roles.CongressStaff);
        var list = await (await staff.GetAsync($"/api/opinions/{id}/attachments")).JsonAsync();
        var photo = Assert.Single(list.EnumerateArray());
        Assert.Equal(("photo", "image/jpeg"), (photo.GetProperty("kind").GetString(), photo.GetProperty("contentType").GetString()));
        var url = photo.GetProperty("url").GetString()!;

        var file = await staff.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("image/jpeg", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", file.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("inline", file.Content.Headers.ContentDisposition?.DispositionType);
        var bytes = await file.Content.ReadAsByteArrayAsync();
        Assert.False(PublicTestSupport.Contains(bytes, PublicTestSupport.GpsMarker));
        Assert.Equal([0xFF, 0xD8], bytes[..2]);

        var assigned = await app.LinkedUserAsync("att-unit", Roles.HandlingUnit, u => u.UnitId = unit);
        Assert.Equal(HttpStatusCode.OK, (await assigned.GetAsync(url)).StatusCode);
        var other = await app.LinkedUserAsync("att-other-unit", Roles.HandlingUnit, u => u.UnitId = otherUnit);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/opinions/{id}/attachments")).StatusCode);
        var auditor = await app.LinkedUserAsync("att-auditor", Roles.Auditor);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(url)).StatusCode);
        var neighbour = await app.LinkedUserAsync("att-neighbour-staff", Roles.CongressStaff, jurisdiction: "330522");
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_unit_adds_a_reply_pdf_while_handling_and_a_file_that_lies_is_refused()
    {
        var code = await app.SubmitOpinionAsCitizenAsync("附件测试：答复附件");
        var (unit, _) = await UnitsAsync();
        var id = await app.ForceStateAsync(code, "submitted", o => o.UnitId = unit);
        var http = await app.LinkedUserAsync("att-reply-unit", Roles.HandlingUnit, u => u.UnitId = unit);
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF");

        var early = await http.PostAsync($"/api/opinions/{id}/attachments", Files(("答复函.pdf", "application/pdf", pdf)));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        await app.ForceStateAsync(code, "in_progress");
        var lying = await http.PostAsync($"/api/opinions/{id}/attachments",
            Files(("答复函.pdf", "application/pdf", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"))));
        Assert.Equal(HttpStatusCode.BadRequest, lying.StatusCode);
        Assert.True((await lying.JsonAsync()).GetProperty("errors").TryGetProperty("file", out _));
        var exe = await http.PostAsync($"/api/opinions/{id}/attachments", Files(("photo.png", "image/png", [0x4D, 0x5A, 0x90, 0x00])));
        Assert.Equal(HttpStatusCode.BadRequest, exe.StatusCode);

        var ok = await http.PostAsync($"/api/opinions/{id}/attachments",
            Files(("..\\..\\etc/答复函<x>|.pdf", "application/octet-stream", pdf), ("现场.jpg", "image/jpeg", PublicTestSupport.PhonePhoto())));
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var files = (await ok.JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(2, files.Count);
        Assert.Equal(("reply", "答复函x.pdf", "application/pdf"),
            (files[0].GetProperty("kind").GetString(), files[0].GetProperty("fileName").GetString(), files[0].GetProperty("contentType").GetString()));
        var download = await http.GetAsync(files[0].GetProperty("url").GetString());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());

        var rep = await app.LinkedUserAsync("att-rep-not-receiver", Roles.Representative, u => u.RepresentativeId = -1);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PostAsync($"/api/opinions/{id}/attachments", Files(("a.pdf", "application/pdf", pdf)))).StatusCode);
    }
}
