using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Opinions;
using Renda.Modules.Representatives;
using Renda.Platform.Data;

namespace Renda.IntegrationTests.Opinions;

/// <summary>The citizen's opinion form on the three addresses: good input, bad input, hostile text and files.</summary>
[Collection(OpinionsCollection.Name)]
public sealed class PublicOpinionPageTests(DemoApp app)
{
    [Fact]
    public async Task The_station_page_links_to_its_form_which_names_the_station_and_carries_the_privacy_notice()
    {
        var code = await app.StationCodeAsync();
        var http = app.PageClient();
        var station = await http.GetStringAsync($"/p/s/{code}");
        Assert.Contains($"href=\"/p/s/{code}/opinion\"", station);

        var form = await http.GetStringAsync($"/p/s/{code}/opinion");
        Assert.Contains("个人信息保护说明", form);
        Assert.Contains("保存多久", form);
        Assert.Contains("name=\"Form.Consent\"", form);
        Assert.Contains("name=\"photos\"", form);
        Assert.Contains("送达", form);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/p/s/zzzzzzzzzzzz/opinion")).StatusCode);
    }

    [Fact]
    public async Task A_citizen_submits_with_a_photo_from_the_station_page_and_sees_the_tracking_code_big()
    {
        var code = await app.StationCodeAsync();
        var tracking = await app.SubmitThroughPageAsync($"/p/s/{code}/opinion", "页面提交：公交站牌被撞歪了",
            ("IMG_0001.jpg", "image/jpeg", PublicTestSupport.PhonePhoto()));

        var o = await app.OpinionAsync(tracking);
        Assert.Equal((OpinionChannels.StationCode, "transport", "递铺街道胜利西路", true), (o.Channel, o.Category, o.Location, o.ConsentGiven));
        Assert.NotNull(o.StationId);
        Assert.Equal("138****8000", o.PhoneMasked);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var photo = await db.Set<OpinionAttachment>().IgnoreQueryFilters().SingleAsync(a => a.OpinionId == o.Id);
        Assert.Equal((OpinionAttachmentKinds.Photo, "image/jpeg", o.JurisdictionCode), (photo.Kind, photo.ContentType, photo.JurisdictionCode));
        Assert.False(PublicTestSupport.Contains(photo.Bytes, PublicTestSupport.GpsMarker));
        Assert.Equal(photo.Bytes.Length, photo.Size);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(photo.Bytes)), photo.Sha256);

        // The success page shows it once; the link follows it.
        var http = app.PageClient();
        var tracked = await http.GetStringAsync($"/p/t/{tracking}");
        Assert.Contains("已提交", tracked);
    }

    [Fact]
    public async Task The_representative_and_general_forms_submit_on_their_own_channels()
    {
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var rep = await db.Set<Representative>().IgnoreQueryFilters().Where(r => r.Status == RepresentativeStatus.InOffice)
                .OrderBy(r => r.Id).Select(r => new { r.Id, r.PublicCode }).FirstAsync();
            var viaRep = await app.SubmitThroughPageAsync($"/p/r/{rep.PublicCode}/opinion", "代表码页面：希望增加农村公交班次");
            var o = await app.OpinionAsync(viaRep);
            Assert.Equal((OpinionChannels.RepresentativeCode, rep.Id), (o.Channel, o.RepresentativeId!.Value));
        }
        var general = await app.SubmitThroughPageAsync("/p/opinion", "通用页面：菜市场周边占道经营");
        var g = await app.OpinionAsync(general);
        Assert.Equal(OpinionChannels.Web, g.Channel);
        Assert.StartsWith("330523", g.JurisdictionCode);
        Assert.Contains("href=\"/p/opinion\"", await app.PageClient().GetStringAsync("/"));
    }

    [Fact]
    public async Task Bad_input_shows_the_form_again_with_each_reason_and_everything_typed_and_stores_nothing()
    {
        const string marker = "坏输入保留测试<b>粗体</b>";
        var http = app.PageClient();
        var res = await http.PostOpinionFormAsync("/p/opinion", new Dictionary<string, string>
        {
            ["Form.Content"] = marker, ["Form.Category"] = "environment", ["Form.Location"] = "孝丰镇老街",
            ["Form.SubmitterName"] = "赵六", ["Form.Phone"] = "12345", // no consent
        });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var html = await res.Content.ReadAsStringAsync();
        Assert.Contains("手机号码格式不正确", html);
        Assert.Contains("请阅读并同意个人信息保护说明", html);
        Assert.Contains("坏输入保留测试&lt;b&gt;粗体&lt;/b&gt;", html);
        Assert.Contains("value=\"孝丰镇老街\"", html);
        Assert.Contains("value=\"赵六\"", html);
        Assert.Contains("value=\"12345\"", html);
        Assert.Contains("<option value=\"environment\" selected=\"selected\">", html);
        Assert.Equal(0, await app.OpinionCountAsync("坏输入保留测试"));

        var empty = await http.PostOpinionFormAsync("/p/opinion", new Dictionary<string, string> { ["Form.Consent"] = "true" });
        var emptyHtml = await empty.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("请填写反映的问题", emptyHtml);
        Assert.Contains("请填写手机号码", emptyHtml);
    }

    [Theory]
    [InlineData("photo.jpg", "image/jpeg", "<html><script>alert(1)</script></html>")]
    [InlineData("photo.png", "image/png", "%PDF-1.7 a pdf that says it is a png")]
    [InlineData("photo.gif", "image/gif", "GIF89a\u0001\u0000\u0001\u0000")]
    public async Task A_file_that_lies_about_its_type_is_refused_and_nothing_is_stored(string name, string type, string text)
    {
        var marker = "谎报类型" + name;
        var res = await app.PageClient().PostOpinionFormAsync("/p/opinion", PublicTestSupport.GoodForm(marker),
            (name, type, System.Text.Encoding.UTF8.GetBytes(text)));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Contains("只接受JPEG、PNG或WebP图片", await res.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.OpinionCountAsync(marker));
    }

    [Fact]
    public async Task More_photos_than_allowed_are_refused()
    {
        var photos = Enumerable.Range(1, OpinionAttachments.MaxPhotos + 1).Select(i => ($"{i}.jpg", "image/jpeg", PublicTestSupport.PhonePhoto())).ToArray();
        var res = await app.PageClient().PostOpinionFormAsync("/p/opinion", PublicTestSupport.GoodForm("照片太多测试"), photos);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Contains($"最多上传{OpinionAttachments.MaxPhotos}张照片", await res.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.OpinionCountAsync("照片太多测试"));
    }

    [Fact]
    public async Task Script_in_a_submission_is_shown_as_text_on_the_tracking_page()
    {
        const string hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>路面坑洼";
        var code = await app.SubmitThroughPageAsync("/p/opinion", hostile);
        var html = await app.PageClient().GetStringAsync($"/p/t/{code}");
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;路面坑洼", html);
    }
}
