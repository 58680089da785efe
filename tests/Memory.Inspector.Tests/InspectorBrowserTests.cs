using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MemoryFunctions.Testing.Server;
using Microsoft.Playwright;

namespace MemoryFunctions.Inspector.Tests;

/// <summary>
/// The inspector in a real browser against the real server (a child process on a free port, hashing embedder): what a
/// person sees of a user's memories, operations, search and context, and that hostile memory text stays text.
/// </summary>
public sealed class InspectorBrowserTests : IAsyncLifetime
{
    /// <summary>Set to a folder (e.g. <c>docs/images</c>) to keep the screenshots the tests take.</summary>
    public const string ScreenshotVariable = "MEMORY_INSPECTOR_SCREENSHOTS";

    private const string Hostile = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>\"'><svg onload=\"window.__xss=3\">";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "memory-inspector-" + Guid.NewGuid().ToString("N"));
    private readonly string _user = "ann-" + Guid.NewGuid().ToString("N")[..8];
    private ServerProcess? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Each page's console errors, among them any Content-Security-Policy refusal of something the page tried.</summary>
    private readonly Dictionary<IPage, List<string>> _consoleErrors = [];

    public async Task InitializeAsync()
    {
        if (Chromium.SkipReason is not null)
        {
            return;
        }

        _server = await ServerProcess.StartAsync(
            ServerBinary.Locate(typeof(InspectorBrowserTests).Assembly), _data, LoopbackPort.Next(), TimeSpan.FromSeconds(120),
            new Dictionary<string, string> { ["Memory__Embeddings__Provider"] = "Hashing" });
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [SkippableFact]
    public async Task Memories_HostileText_ShownAsTextAndNeverRun()
    {
        Skip.If(Chromium.SkipReason is not null, Chromium.SkipReason);
        await RememberAsync(Hostile);
        await RememberAsync("Ann prefers green tea in the morning.");
        var page = await OpenAsync();

        await page.WaitForSelectorAsync("tr[data-memory]");
        Assert.Equal(2, await page.Locator("tr[data-memory]").CountAsync());
        Assert.Contains(Hostile, await page.Locator("#memory-list").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("main img, main script, main svg").CountAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__xss"));

        await page.Locator("tr[data-memory]").Filter(new() { HasText = "green tea" }).ClickAsync();
        await page.WaitForSelectorAsync("#memory-detail table");
        Assert.Contains("add", await page.Locator("#memory-detail table").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        await ScreenshotAsync(page, "inspector-memories.png");
        Assert.True(Errors(page).Count == 0, "Console errors: " + string.Join(" | ", Errors(page)));
    }

    [SkippableFact]
    public async Task OperationsSearchAndContext_ShowWhatTheApiAnswers()
    {
        Skip.If(Chromium.SkipReason is not null, Chromium.SkipReason);
        var operation = await SubmitAsync("I moved to Lisbon in 2024 and I work as a pastry chef.");
        var page = await OpenAsync();

        await page.ClickAsync("#tabs button[data-tab=operations]");
        var row = page.Locator($"tr[data-operation='{operation}']");
        await row.WaitForAsync();
        Assert.Contains("succeeded", await row.InnerTextAsync(), StringComparison.Ordinal);
        await row.ClickAsync();
        await page.WaitForSelectorAsync("#operation-detail table");
        Assert.Contains("Lisbon", await page.Locator("#operation-detail").InnerTextAsync(), StringComparison.Ordinal);

        await page.ClickAsync("#tabs button[data-tab=search]");
        await page.FillAsync("#search-query", "where does Ann live");
        await page.ClickAsync("#search-form button");
        await page.WaitForSelectorAsync("#search-results .component");
        Assert.Contains("Lisbon", await page.Locator("#search-results").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#search-results .bar").CountAsync() > 0);
        await ScreenshotAsync(page, "inspector-search.png");

        await page.ClickAsync("#tabs button[data-tab=context]");
        await page.FillAsync("#context-query", "where does Ann live");
        await page.ClickAsync("#context-form button");
        await page.Locator("#context-block").Filter(new() { HasText = "Lisbon" }).WaitForAsync();
        Assert.Matches(@"^\d+ tokens of 1000", await page.Locator("#context-summary").InnerTextAsync());
        Assert.True(Errors(page).Count == 0, "Console errors: " + string.Join(" | ", Errors(page)));
    }

    [SkippableFact]
    public async Task UserPicker_ListsTheTenantsUsersOnly_AndOpensTheOnePicked()
    {
        Skip.If(Chromium.SkipReason is not null, Chromium.SkipReason);
        var other = "bea-" + Guid.NewGuid().ToString("N")[..8];
        await RememberAsync("Ann plays the cello.");
        await RememberAsync("Bea keeps bees on the roof.", other);
        await RememberAsync("Someone elsewhere.", "cid-" + Guid.NewGuid().ToString("N")[..8], tenant: "elsewhere");
        var page = await OpenAsync();

        await page.ClickAsync("#users-load");
        await page.Locator("#user-picker option", new() { HasText = other }).WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var choices = await page.Locator("#user-picker option").AllInnerTextsAsync();
        Assert.Equal(["2 users: pick one", .. new[] { _user, other }.Order(StringComparer.Ordinal)], choices);

        await page.SelectOptionAsync("#user-picker", other);
        await page.Locator("#memory-list").Filter(new() { HasText = "keeps bees" }).WaitForAsync();
        Assert.Equal(other, await page.InputValueAsync("#user"));
        Assert.DoesNotContain("cello", await page.Locator("#memory-list").InnerTextAsync(), StringComparison.Ordinal);
        await ScreenshotAsync(page, "inspector-users.png");
        Assert.True(Errors(page).Count == 0, "Console errors: " + string.Join(" | ", Errors(page)));
    }

    [SkippableFact]
    public async Task Audit_AfterAnExport_ListsIt_AndAMistakeIsShownNotThrown()
    {
        Skip.If(Chromium.SkipReason is not null, Chromium.SkipReason);
        await RememberAsync("Ann keeps a sourdough starter.");
        using (var api = Api())
        using (var export = await api.GetAsync($"/api/users/{_user}/export"))
        {
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        }

        var page = await OpenAsync();
        await page.ClickAsync("#tabs button[data-tab=audit]");
        await page.ClickAsync("#audit-load");
        await page.Locator("#audit-list tr").Filter(new() { HasText = _user }).WaitForAsync();
        Assert.Contains("export", await page.Locator("#audit-list").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);

        await page.FillAsync("#tenant", "not a tenant!");
        await page.ClickAsync("#scope button[type=submit]");
        await page.Locator("#status.error").WaitForAsync();
        Assert.StartsWith("400", await page.Locator("#status").InnerTextAsync(), StringComparison.Ordinal);
    }

    private async Task<IPage> OpenAsync()
    {
        var page = await _browser!.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("400", StringComparison.Ordinal))
            {
                errors.Add(message.Text);
            }
        };
        page.SetDefaultTimeout(30_000);
        _consoleErrors[page] = errors;
        await page.GotoAsync(_server!.BaseAddress.ToString());
        Assert.EndsWith("/inspector/", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#user", _user);
        await page.ClickAsync("#scope button[type=submit]");
        return page;
    }


    private List<string> Errors(IPage page) => _consoleErrors[page];

    private HttpClient Api() => new() { BaseAddress = _server!.BaseAddress };

    private async Task RememberAsync(string text, string? user = null, string tenant = "default")
    {
        using var api = Api();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/users/{user ?? _user}/memories") { Content = JsonContent.Create(new { text }) };
        request.Headers.Add("x-tenant-id", tenant);
        using var response = await api.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private async Task<string> SubmitAsync(string content)
    {
        using var api = Api();
        using var response = await api.PostAsJsonAsync($"/api/users/{_user}/messages", new { messages = new[] { new { role = "user", content } } });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var id = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var operation = await api.GetFromJsonAsync<JsonObject>($"/api/users/{_user}/operations/{id}");
            if ((string?)operation!["status"] is "succeeded")
            {
                return id;
            }

            Assert.NotEqual("failed", (string?)operation["status"]);
            await Task.Delay(100);
        }

        throw new TimeoutException($"Operation {id} did not finish in 30 s.");
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable(ScreenshotVariable) is { Length: > 0 } kept ? kept : Path.GetTempPath();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
    }
}
