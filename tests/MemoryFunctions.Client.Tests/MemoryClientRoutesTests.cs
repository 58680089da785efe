using System.Net;
using MemoryFunctions.Client;
using MemoryFunctions.Client.Models;
using MemoryFunctions.Testing.Client;

namespace MemoryFunctions.Client.Tests;

/// <summary>Every route through the client against the real server in-process.</summary>
public sealed class MemoryClientRoutesTests(InProcessMemoryServerFixture fixture) : IClassFixture<InProcessMemoryServerFixture>
{
    private readonly MemoryClient _client = fixture.Server.CreateClient();

    [Fact]
    public async Task ImportMemoriesAsync_GoodAndBadMemories_KeepsTheGoodAndNamesTheBadByLine()
    {
        var user = NewUser();
        NewMemory[] memories = [new("Grows tomatoes on the balcony"), new(" ") , new("Keeps bees") { Tags = ["garden"] }];

        var report = await _client.ImportMemoriesAsync(user, memories);
        var again = await _client.ImportMemoriesAsync(user, memories);

        Assert.Equal(("completed", 2L, 1L), (report.Type, report.Imported, report.Failed));
        var error = Assert.Single(report.Errors!);
        Assert.Equal(2, error.Line);
        Assert.Contains("text", error.Errors!.Keys);
        Assert.Equal((0L, 2L), (again.Imported, again.Existing));
    }

    [Fact]
    public async Task ListUsersAsync_NewUsers_ListedOnceEachInIdOrder()
    {
        var (first, second) = (NewUser(), NewUser());
        await _client.CreateMemoryAsync(second, new NewMemory("Keeps a sourdough starter"));
        await _client.CreateMemoryAsync(first, new NewMemory("Cycles to work"));

        var users = await _client.ListUsersAsync().ToListAsync();

        Assert.Contains(first, users);
        Assert.Contains(second, users);
        Assert.Equal(users.Order(StringComparer.Ordinal), users);
        Assert.Equal(users.Distinct(StringComparer.Ordinal).Count(), users.Count);
    }

    [Fact]
    public async Task Memories_CreateGetUpdateDeleteHistory_RoundTripThroughTheApi()
    {
        var user = NewUser();
        var created = await _client.CreateMemoryAsync(user, new NewMemory("Prefers window seats on long flights")
        {
            Kind = "preference",
            Tags = ["travel"],
            Metadata = new Dictionary<string, object> { ["airline"] = "TAP", ["trips"] = 3 },
        });

        var read = await _client.GetMemoryAsync(user, created.Id);
        var updated = await _client.UpdateMemoryAsync(user, created.Id, new MemoryPatch { Text = "Prefers aisle seats on long flights" }, ifMatch: read.Etag);
        var stale = await Assert.ThrowsAsync<MemoryConflictException>(
            () => _client.UpdateMemoryAsync(user, created.Id, new MemoryPatch { Importance = 0.9 }, ifMatch: read.Etag));
        await _client.DeleteMemoryAsync(user, created.Id, ifMatch: updated.Etag);
        var history = await _client.GetHistoryAsync(user, created.Id);

        Assert.Equal("preference", read.Kind);
        Assert.Equal("TAP", read.Metadata["airline"].GetString());
        Assert.Equal(3, read.Metadata["trips"].GetInt32());
        Assert.Equal("Prefers aisle seats on long flights", updated.Text);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("urn:memoryfunctions:problem:precondition-failed", stale.Type);
        Assert.Equal(updated.Etag, stale.ETag);
        Assert.Equal(["add", "update", "delete"], history.Events.Select(e => e.Op));
        await Assert.ThrowsAsync<MemoryNotFoundException>(() => _client.GetMemoryAsync(user, created.Id));
    }

    [Fact]
    public async Task ListMemoriesAsync_MorePagesThanOne_FollowsTheCursorToTheEnd()
    {
        var user = NewUser();
        for (var i = 0; i < 7; i++)
        {
            await _client.CreateMemoryAsync(user, new NewMemory($"Fact number {i} about the user"));
        }

        var listed = await _client.ListMemoriesAsync(user, new ListQuery { PageSize = 3 }).ToListAsync();

        Assert.Equal(7, listed.Count);
        Assert.Equal(7, listed.Select(m => m.Id).Distinct().Count());
    }

    [Fact]
    public async Task SearchContextExportErase_ReturnTypedResults()
    {
        var user = NewUser();
        await _client.CreateMemoryAsync(user, new NewMemory("Lives in Oslo") { Kind = "fact" });
        await _client.CreateMemoryAsync(user, new NewMemory("Allergic to peanuts") { Kind = "fact" });

        var results = await _client.SearchAsync(user, new SearchQuery("where does the user live") { TopK = 1, Explain = true });
        var context = await _client.GetContextAsync(user, new ContextQuery("peanuts") { MaxTokens = 200 });
        var export = await _client.ExportUserAsync(user);
        var erasure = await _client.EraseUserAsync(user);

        Assert.Equal("Lives in Oslo", Assert.Single(results).Memory.Text);
        Assert.NotNull(results[0].Explanation);
        Assert.StartsWith("<memory-context>", context.Context, StringComparison.Ordinal);
        Assert.Contains("Allergic to peanuts", context.Context, StringComparison.Ordinal);
        Assert.Equal(2, export.Memories.Count);
        Assert.Equal(2, erasure.MemoriesErased);
        Assert.Empty(await _client.ListMemoriesAsync(user).ToListAsync());
    }

    [Fact]
    public async Task SearchAsync_InvalidTopK_ThrowsValidationExceptionNamingTheField()
    {
        var error = await Assert.ThrowsAsync<MemoryValidationException>(() => _client.SearchAsync(NewUser(), new SearchQuery("x") { TopK = 500 }));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("urn:memoryfunctions:problem:validation", error.Type);
        Assert.Contains("topK", error.Errors.Keys);
        Assert.Contains("topK", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMemoryAsync_BadUserId_ThrowsValidationExceptionNamingUserId()
    {
        var error = await Assert.ThrowsAsync<MemoryValidationException>(() => _client.GetMemoryAsync("bad user!", "mem_x"));

        Assert.Contains("userId", error.Errors.Keys);
    }

    [Fact]
    public async Task Tenants_SameUserIdInAnotherTenant_SeesNothing()
    {
        var user = NewUser();
        var acme = fixture.Server.CreateClient(options => options.TenantId = "acme");
        var created = await acme.CreateMemoryAsync(user, new NewMemory("Works at Acme"));

        await Assert.ThrowsAsync<MemoryNotFoundException>(() => _client.GetMemoryAsync(user, created.Id));
        Assert.Empty(await _client.ListMemoriesAsync(user).ToListAsync());
        Assert.Equal(created.Id, (await acme.GetMemoryAsync(user, created.Id)).Id);
    }

    [Fact]
    public async Task GetHealthAsync_Healthy()
    {
        Assert.Equal("healthy", (await _client.GetHealthAsync()).Status);
    }

    private static string NewUser() => "u-" + Guid.NewGuid().ToString("N")[..12];
}
