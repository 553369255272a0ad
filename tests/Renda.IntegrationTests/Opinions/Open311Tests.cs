using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.IntegrationTests.OpenData;
using Renda.Modules.Opinions;
using Renda.Platform.Data;

namespace Renda.IntegrationTests.Opinions;

[Collection(OpinionsCollection.Name)]
public sealed class Open311Tests(DemoApp app)
{
    private static readonly JsonSchemaValidator Schemas =
        JsonSchemaValidator.FromDirectories(Path.Combine(AppContext.BaseDirectory, "Opinions", "open311-schemas"));

    private static void Valid(string json, string schema)
    {
        var errors = Schemas.Validate(json, schema);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private async Task<(string Name, string Key, long Id)> IssueKeyAsync()
    {
        var admin = await app.SignedInAsync("demo-admin", RendaApp.DemoPassword);
        var name = "城管通-" + Guid.NewGuid().ToString("N")[..6];
        var res = await admin.PostAsJsonAsync("/api/open311/keys", new { name });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var body = await res.JsonAsync();
        return (name, body.GetProperty("apiKey").GetString()!, body.GetProperty("id").GetInt64());
    }

    private Task<HttpResponseMessage> PostAsync(Dictionary<string, string> fields) =>
        app.CreateClient().PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(fields));

    private static Dictionary<string, string> Request(string key, string code = "transport") => new()
    {
        ["api_key"] = key,
        ["service_code"] = code,
        ["description"] = "十字路口红绿灯坏了，联系我13700001234",
        ["address_string"] = "递铺街道胜利西路与天目路口",
        ["lat"] = "30.6381",
        ["long"] = "119.6803",
        ["first_name"] = "小红",
        ["last_name"] = "李",
        ["phone"] = "13700001234",
    };

    [Fact]
    public async Task Discovery_and_services_follow_the_schemas()
    {
        var http = app.CreateClient();
        var discovery = await (await http.GetAsync("/open311/v2/discovery.json")).JsonAsync();
        var endpoint = discovery.GetProperty("endpoints")[0];
        Assert.EndsWith("/open311/v2", endpoint.GetProperty("url").GetString());
        Assert.Contains("application/json", endpoint.GetProperty("formats").EnumerateArray().Select(f => f.GetString()));

        var res = await http.GetAsync("/open311/v2/services.json");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var json = await res.Content.ReadAsStringAsync();
        Valid(json, "services.json");
        var services = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.Equal(OpinionCategories.All.Count, services.Count);
        Assert.Contains(services, s => s.GetProperty("service_code").GetString() == "transport" && s.GetProperty("service_name").GetString() == "交通出行");
    }

    [Fact]
    public async Task A_client_with_a_key_posts_a_request_and_reads_it_back_as_open_then_closed()
    {
        var (name, key, _) = await IssueKeyAsync();
        var res = await PostAsync(Request(key));
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var created = Assert.Single((await res.JsonAsync()).EnumerateArray());
        var id = created.GetProperty("service_request_id").GetString()!;
        Assert.Contains("跟踪码", created.GetProperty("service_notice").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("account_id").ValueKind);

        await using (var scope = app.Scope())
        {
            var o = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Opinion>().IgnoreQueryFilters().SingleAsync(x => x.Id == long.Parse(id));
            Assert.Equal((OpinionChannels.Open311, name, "transport"), (o.Channel, o.ExternalSource, o.Category));
            Assert.Equal((30.6381, 119.6803), (o.Latitude!.Value, o.Longitude!.Value));
            Assert.Equal("137****1234", o.PhoneMasked);
            Assert.Equal("李小红", scope.ServiceProvider.GetRequiredService<PersonalData>().Unprotect(o.SubmitterNameCipher));
        }

        var http = app.CreateClient();
        var one = await http.GetAsync($"/open311/v2/requests/{id}.json");
        var oneJson = await one.Content.ReadAsStringAsync();
        Valid(oneJson, "requests.json");
        var request = JsonDocument.Parse(oneJson).RootElement[0];
        Assert.Equal(("open", "已提交", "transport"), (request.GetProperty("status").GetString(), request.GetProperty("status_notes").GetString(),
            request.GetProperty("service_code").GetString()));
        Assert.Contains("137****1234", request.GetProperty("description").GetString());      // free text masked
        Assert.DoesNotContain("13700001234", oneJson);
        Assert.DoesNotContain("李小红", oneJson);
        Assert.Equal(30.6381, request.GetProperty("lat").GetDouble());

        async Task<List<string>> IdsAsync(string query)
        {
            var r = await http.GetAsync("/open311/v2/requests.json" + query);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var text = await r.Content.ReadAsStringAsync();
            Valid(text, "requests.json");
            return JsonDocument.Parse(text).RootElement.EnumerateArray().Select(e => e.GetProperty("service_request_id").GetString()!).ToList();
        }
        Assert.Contains(id, await IdsAsync(""));
        Assert.Contains(id, await IdsAsync("?status=open&service_code=transport"));
        Assert.DoesNotContain(id, await IdsAsync("?status=closed"));
        Assert.DoesNotContain(id, await IdsAsync("?service_code=education"));
        Assert.DoesNotContain(id, await IdsAsync("?start_date=" + Uri.EscapeDataString(app.Clock.GetUtcNow().AddDays(1).ToString("o"))));
        Assert.Contains(id, await IdsAsync("?end_date=" + Uri.EscapeDataString(app.Clock.GetUtcNow().AddMinutes(1).ToString("o"))));
        Assert.Equal([id], await IdsAsync($"?service_request_id={id},999999999&status=closed"));   // ids override other filters

        // A citizen's opinion from the public form is not an Open311 request.
        var citizen = await app.IdOfAsync(await app.SubmitOpinionAsCitizenAsync("不是Open311来的"));
        Assert.Empty(await IdsAsync($"?service_request_id={citizen}"));

        await app.ForceStateAsync((await app.OpinionAsync(long.Parse(id))).TrackingCode, "closed");
        var closed = JsonDocument.Parse(await http.GetStringAsync($"/open311/v2/requests/{id}.json")).RootElement[0];
        Assert.Equal(("closed", "已办结"), (closed.GetProperty("status").GetString(), closed.GetProperty("status_notes").GetString()));
        Assert.Contains(id, await IdsAsync("?status=closed"));
    }

    [Fact]
    public async Task Bad_input_gets_open311_error_arrays_with_the_right_status()
    {
        var (_, key, keyId) = await IssueKeyAsync();

        async Task ErrorAsync(HttpResponseMessage res, HttpStatusCode status, string expected)
        {
            Assert.Equal(status, res.StatusCode);
            var errors = (await res.JsonAsync()).EnumerateArray().ToList();
            Assert.NotEmpty(errors);
            Assert.All(errors, e => Assert.Equal((int)status, e.GetProperty("code").GetInt32()));
            Assert.Contains(errors, e => e.GetProperty("description").GetString()!.Contains(expected, StringComparison.Ordinal));
        }

        var missing = Request(key);
        missing.Remove("service_code");
        await ErrorAsync(await PostAsync(missing), HttpStatusCode.BadRequest, "service_code");
        await ErrorAsync(await PostAsync(Request(key, "no_such_service")), HttpStatusCode.BadRequest, "service_code");
        var noDescription = Request(key);
        noDescription["description"] = " ";
        await ErrorAsync(await PostAsync(noDescription), HttpStatusCode.BadRequest, "description");
        var badLat = Request(key);
        badLat["lat"] = "north";
        await ErrorAsync(await PostAsync(badLat), HttpStatusCode.BadRequest, "lat");
        var badPhone = Request(key);
        badPhone["phone"] = "12";
        await ErrorAsync(await PostAsync(badPhone), HttpStatusCode.BadRequest, "phone");
        var nowhere = Request(key);
        nowhere.Remove("lat"); nowhere.Remove("long"); nowhere.Remove("address_string");
        await ErrorAsync(await PostAsync(nowhere), HttpStatusCode.BadRequest, "location");

        await ErrorAsync(await PostAsync(Request("o311_not-a-key")), HttpStatusCode.Forbidden, "api_key");
        var noKey = Request(key);
        noKey.Remove("api_key");
        await ErrorAsync(await PostAsync(noKey), HttpStatusCode.Forbidden, "api_key");

        var http = app.CreateClient();
        await ErrorAsync(await http.GetAsync("/open311/v2/requests/999999999.json"), HttpStatusCode.NotFound, "not found");
        await ErrorAsync(await http.GetAsync("/open311/v2/requests/abc.json"), HttpStatusCode.NotFound, "not found");
        await ErrorAsync(await http.GetAsync("/open311/v2/requests.json?status=pending"), HttpStatusCode.BadRequest, "status");
        await ErrorAsync(await http.GetAsync("/open311/v2/requests.json?start_date=yesterday"), HttpStatusCode.BadRequest, "start_date");

        // A revoked key stops working.
        var admin = await app.SignedInAsync("demo-admin", RendaApp.DemoPassword);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/open311/keys/{keyId}")).StatusCode);
        await ErrorAsync(await PostAsync(Request(key)), HttpStatusCode.Forbidden, "api_key");
    }

    [Fact]
    public async Task Only_a_system_admin_issues_keys_and_only_their_hash_is_stored()
    {
        var (name, key, _) = await IssueKeyAsync();
        await using (var scope = app.Scope())
        {
            var row = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Open311Key>().SingleAsync(k => k.Name == name);
            Assert.Equal(Open311Keys.Hash(key), row.KeyHash);
            Assert.DoesNotContain(key, row.KeyHash);
            Assert.NotEqual(key, row.KeyPrefix);
        }
        var admin = await app.SignedInAsync("demo-admin", RendaApp.DemoPassword);
        var list = await admin.GetStringAsync("/api/open311/keys");
        Assert.Contains(name, list);
        Assert.DoesNotContain(key, list);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/open311/keys", new { name })).StatusCode);   // duplicate
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/open311/keys", new { name = "" })).StatusCode);

        var staff = await app.SignedInAsync("demo-staff", RendaApp.DemoPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync("/api/open311/keys", new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/open311/keys", new { name = "x" })).StatusCode);
    }
}
