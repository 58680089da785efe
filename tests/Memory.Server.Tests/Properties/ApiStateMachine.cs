using System.Globalization;
using System.Net;
using System.Text.Json;

namespace MemoryFunctions.Server.Tests.Properties;

/// <summary>
/// Runs one script of <see cref="ApiStep"/>s against the real server, folds each acknowledged response into an
/// <see cref="ApiModel"/>, and checks every invariant against it after every step (see the Invariants part). Each run
/// has its own user ids, so runs on one server never see each other's data.
/// </summary>
public sealed partial class ApiStateMachine(RestartableServer server, ApiRunStatistics statistics)
{
    private static readonly string[] Tags = ["prop"];
    private readonly RestartableServer _server = server;
    private readonly ApiModel _model = new(Guid.NewGuid().ToString("N")[..8]);
    private int _stepNumber;
    private ApiStep? _currentStep;

    /// <summary>Runs the script; throws (naming the step) at the first broken invariant.</summary>
    public async Task RunAsync(IReadOnlyList<ApiStep> script)
    {
        foreach (var step in script)
        {
            (_stepNumber, _currentStep) = (_stepNumber + 1, step);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await StepAsync(step);
            var stepped = System.Diagnostics.Stopwatch.GetTimestamp();
            await CheckInvariantsAsync();
            statistics.Count("steps");
            statistics.Add("ms " + step.Kind, (int)System.Diagnostics.Stopwatch.GetElapsedTime(started, stepped).TotalMilliseconds);
            statistics.Add("ms checks", (int)System.Diagnostics.Stopwatch.GetElapsedTime(stepped).TotalMilliseconds);
        }

        // Let this run's work end before the next run starts, and check the end state once more.
        for (var p = 0; p < ApiModel.Partitions.Count; p++)
        {
            await SettleAsync(p);
        }

        await CheckInvariantsAsync(crossPartition: true);
        statistics.Count("scripts");
    }

    private Task StepAsync(ApiStep step) => step.Kind switch
    {
        ApiStepKind.Write => WriteAsync(step.Partition),
        ApiStepKind.Ingest => IngestAsync(step.Partition, step.Key, IngestBody.Create(_model.NewToken(step.Partition), _stepNumber)),
        ApiStepKind.Retry when _model.LastIngest is (var p, var key, var body) => IngestAsync(p, key, body),
        ApiStepKind.ReuseKey when _model.LastIngest is (var p, var key, _) && key != ApiStep.NoKey => IngestAsync(p, key, IngestBody.Create(_model.NewToken(p), _stepNumber)),
        ApiStepKind.Retry or ApiStepKind.ReuseKey => Task.CompletedTask,
        ApiStepKind.Patch => PatchAsync(step),
        ApiStepKind.Delete => DeleteAsync(step),
        ApiStepKind.Erase => EraseAsync(step.Partition),
        ApiStepKind.Settle => SettleAsync(step.Partition),
        _ => RestartAsync(),
    };

    private async Task WriteAsync(int p)
    {
        var token = _model.NewToken(p);
        var text = $"{token} note chestnut lantern";
        var reply = await SendAsync(p, HttpMethod.Post, $"{_model.UserPath(p)}/memories", JsonSerializer.Serialize(new { text, tags = Tags }));
        Expect(reply.Status == HttpStatusCode.Created, $"write: {(int)reply.Status} {reply.Text}");
        _model.Acknowledge(p, token);
        statistics.Count("write 201");
        _model.Direct.Add(new DirectMemory(p, _model.Generation(p), (string)reply.Body!["id"]!, text, (string)reply.Body["etag"]!));
    }

    private async Task IngestAsync(int p, int keyNumber, IngestBody body)
    {
        var generation = _model.Generation(p);
        var key = keyNumber == ApiStep.NoKey ? null : "k" + keyNumber.ToString(CultureInfo.InvariantCulture);
        var reply = await SendAsync(p, HttpMethod.Post, $"{_model.UserPath(p)}/messages", body.Json, request =>
        {
            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }
        });
        _model.LastIngest = (p, keyNumber, body);

        if (key is not null && _model.Keys.TryGetValue((p, generation, keyNumber), out var bound))
        {
            if (bound.Body != body)
            {
                // The same key with another body: refused, and nothing of that body may ever appear.
                Expect(reply.Status == HttpStatusCode.UnprocessableEntity, $"key {key} reused with another body: {(int)reply.Status} {reply.Text}");
                Expect(reply.Text.Contains(bound.OperationId, StringComparison.Ordinal), $"the 422 should name the key's operation {bound.OperationId}: {reply.Text}");
                statistics.Count("ingest 422 key reused");
                return;
            }

            Expect(reply.Status == HttpStatusCode.Accepted, $"retry of key {key}: {(int)reply.Status} {reply.Text}");
            Expect((string?)reply.Body!["id"] == bound.OperationId, $"retry of key {key} should return operation {bound.OperationId}: {reply.Text}");
            _model.Acknowledge(p, body.Token);
            statistics.Count("ingest 202 retry, same operation");
            return;
        }

        Expect(reply.Status == HttpStatusCode.Accepted, $"ingest: {(int)reply.Status} {reply.Text}");
        var id = (string)reply.Body!["id"]!;
        var earlier = _model.Operations.FirstOrDefault(o => o.Id == id);
        Expect(earlier is null, $"a new submission got operation {id}, which p{earlier?.Partition} started in generation {earlier?.Generation}");
        _model.Acknowledge(p, body.Token);
        _model.Operations.Add(new ModelOperation(p, generation, id, body));
        statistics.Count(_model.Keys.Keys.Any(k => k.Partition == p && k.Key == keyNumber && k.Generation < generation) ? "ingest 202 key reused after erase" : "ingest 202 new");
        if (key is not null)
        {
            _model.Keys[(p, generation, keyNumber)] = (body, id);
        }
    }

    private async Task PatchAsync(ApiStep step)
    {
        var p = step.Partition;
        if (Pick(p, step.Target) is not { } memory)
        {
            return;
        }

        var token = _model.NewToken(p);
        var text = $"{token} revised chestnut lantern";
        var etag = step.ETag switch
        {
            ETagChoice.Current => memory.ETag,
            ETagChoice.Stale => memory.StaleETag ?? "\"never-issued\"",
            _ => "*",
        };
        var reply = await SendAsync(p, HttpMethod.Patch, $"{_model.UserPath(p)}/memories/{memory.Id}", JsonSerializer.Serialize(new { text }), request => IfMatch(request, etag));
        if (!_model.IsLive(memory))
        {
            Expect(reply.Status == HttpStatusCode.NotFound, $"patch of a deleted or erased memory: {(int)reply.Status} {reply.Text}");
            statistics.Count("patch 404 gone");
            return;
        }

        if (step.ETag == ETagChoice.Stale)
        {
            Expect(reply.Status == HttpStatusCode.PreconditionFailed, $"patch with a stale ETag: {(int)reply.Status} {reply.Text}");
            statistics.Count("patch 412 stale");
            return;
        }

        Expect(reply.Status == HttpStatusCode.OK, $"patch with If-Match {etag}: {(int)reply.Status} {reply.Text}");
        Expect((string?)reply.Body!["id"] == memory.Id, $"patch changed the id: {reply.Text}");
        _model.Acknowledge(p, token);
        statistics.Count(step.ETag == ETagChoice.Star ? "patch 200 if-match *" : "patch 200 current");
        (memory.Text, memory.StaleETag, memory.ETag) = (text, memory.ETag, (string)reply.Body["etag"]!);
    }

    private async Task DeleteAsync(ApiStep step)
    {
        var p = step.Partition;
        if (Pick(p, step.Target) is not { } memory)
        {
            return;
        }

        var reply = await SendAsync(p, HttpMethod.Delete, $"{_model.UserPath(p)}/memories/{memory.Id}");
        var expected = _model.IsLive(memory) ? HttpStatusCode.NoContent : HttpStatusCode.NotFound;
        Expect(reply.Status == expected, $"delete: expected {(int)expected}, got {(int)reply.Status} {reply.Text}");
        statistics.Count($"delete {(int)reply.Status}");
        memory.Deleted = true;
    }

    private async Task EraseAsync(int p)
    {
        var reply = await SendAsync(p, HttpMethod.Delete, _model.UserPath(p));
        Expect(reply.Status == HttpStatusCode.OK, $"erase: {(int)reply.Status} {reply.Text}");
        _model.Erase(p);
        statistics.Count("erase");

        // At once, before any running workflow had a chance to write again: nothing but the stubs of ended operations.
        var export = await GetOkAsync(p, $"{_model.UserPath(p)}/export");
        Expect(export["memories"]!.AsArray().Count == 0, $"memories right after the erase: {export["memories"]!.ToJsonString()}");
        Expect(export["history"]!.AsArray().Count == 0, $"history right after the erase: {export["history"]!.ToJsonString()}");
        foreach (var operation in export["operations"]!.AsArray())
        {
            ExpectErasedStub(operation!, "export right after the erase");
        }
    }

    private Task RestartAsync()
    {
        statistics.Count("restart");
        return _server.RestartAsync();
    }

    /// <summary>Any memory written directly, in any generation, deleted or not: old ids are probed too.</summary>
    private DirectMemory? Pick(int p, int target)
    {
        var candidates = _model.Direct.Where(m => m.Partition == p).ToList();
        return candidates.Count == 0 ? null : candidates[target % candidates.Count];
    }
}
