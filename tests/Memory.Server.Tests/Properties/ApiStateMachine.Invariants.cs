using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MemoryFunctions.Server.Tests.Properties;

/// <summary>
/// The invariants, checked for every partition after every step:
/// nothing acknowledged before an erase is visible after it (memories, history, search, export, get by id, operations);
/// an acknowledged write is present exactly once unless deleted or erased (restarts included); a terminal operation never
/// changes state (it may only go with its user); no partition sees another's data; no answer is a 5xx.
/// </summary>
public sealed partial class ApiStateMachine
{
    private async Task CheckInvariantsAsync(bool crossPartition = false)
    {
        for (var p = 0; p < ApiModel.Partitions.Count; p++)
        {
            // Operations first: an operation seen succeeded here has written everything it will, so the reads below must show it.
            await CheckOperationsAsync(p);
            await CheckMemoriesAsync(p);
            if (crossPartition)
            {
                await CheckNoCrossPartitionReadsAsync(p);
            }
        }
    }

    private async Task CheckOperationsAsync(int p)
    {
        foreach (var operation in _model.Operations.Where(o => o.Partition == p))
        {
            var reply = await SendAsync(p, HttpMethod.Get, $"{_model.UserPath(p)}/operations/{operation.Id}");
            var erased = operation.ErasedAtGeneration is not null;
            if (reply.Status == HttpStatusCode.NotFound)
            {
                Expect(erased, $"operation {operation.Id} vanished without an erase");
                Expect(operation.Terminal is null || operation.TerminalGeneration < _model.Generation(p), $"terminal operation {operation.Id} vanished without a later erase");
                if (!operation.Gone)
                {
                    statistics.Count("operations gone with an erase");
                }

                operation.Gone = true;
                continue;
            }

            Expect(reply.Status == HttpStatusCode.OK, $"operation {operation.Id}: {(int)reply.Status} {reply.Text}");
            Expect(!operation.Gone, $"operation {operation.Id} came back after it was gone: {reply.Text}");
            var body = reply.Body!;
            var status = (string?)body["status"];
            if (erased)
            {
                ExpectErasedStub(body, $"operation {operation.Id} of an erased generation");
            }
            else
            {
                Expect(status is "queued" or "running" or "succeeded", $"operation {operation.Id} with no erase since: {reply.Text}");
            }

            if (status is "succeeded" or "failed" or "cancelled")
            {
                var terminal = $"{status} decisions={body["decisions"]!.ToJsonString()} error={(string?)body["error"]?["type"]}";
                Expect(operation.Terminal is null || operation.Terminal == terminal, $"terminal operation {operation.Id} changed from [{operation.Terminal}] to [{terminal}]");
                if (operation.Terminal is null)
                {
                    (operation.Terminal, operation.TerminalGeneration) = (terminal, _model.Generation(p));
                    statistics.Count($"operations ended {status}");
                    operation.Added.AddRange(body["decisions"]!.AsArray().Where(d => (string?)d!["action"] == "add").Select(d => (string)d!["memoryId"]!));
                }
            }

            foreach (var decision in body["decisions"]!.AsArray())
            {
                ExpectAllowed(p, (string?)decision!["fact"], $"decision of operation {operation.Id}");
            }
        }
    }

    private async Task CheckMemoriesAsync(int p)
    {
        var user = _model.UserPath(p);
        var export = await GetOkAsync(p, $"{user}/export");
        var list = await GetOkAsync(p, $"{user}/memories?includeSuperseded=true&pageSize=200");
        Expect(list["nextCursor"] is null, "more than one page of memories; the scripts are too long for this check");
        var searchReply = await SendAsync(p, HttpMethod.Post, $"{user}/search", JsonSerializer.Serialize(new { query = "chestnut lantern note firm gate code", topK = 50, includeSuperseded = true }));
        Expect(searchReply.Status == HttpStatusCode.OK, $"search: {(int)searchReply.Status} {searchReply.Text}");

        var exported = export["memories"]!.AsArray().Select(m => m!).ToList();
        var listed = list["items"]!.AsArray().Select(m => m!).ToList();
        var found = searchReply.Body!["results"]!.AsArray().Select(r => r!["memory"]!).ToList();
        foreach (var (where, memories) in new[] { ("export", exported), ("list", listed), ("search", found) })
        {
            Expect(memories.Select(m => (string?)m["id"]).Distinct().Count() == memories.Count, $"{where} shows a memory twice");
            memories.ForEach(memory => ExpectAllowedMemory(p, memory, where));
        }

        foreach (var change in export["history"]!.AsArray())
        {
            ExpectAllowed(p, (string?)change!["before"], "history");
            ExpectAllowed(p, (string?)change["after"], "history");
            ExpectOwnOperation(p, (string?)change["operationId"], $"history of {(string?)change["memoryId"]}");
            Expect(!_model.Direct.Any(m => m.Id == (string?)change["memoryId"] && m.Generation != _model.Generation(p)), $"history of a memory written before an erase: {change.ToJsonString()}");
        }

        foreach (var operation in export["operations"]!.AsArray())
        {
            Expect(_model.Operations.Any(o => o.Partition == p && o.Id == (string?)operation!["id"]), $"export shows an operation p{p} never started: {operation!.ToJsonString()}");
        }

        await CheckDirectWritesAsync(p, exported, listed);
        foreach (var operation in _model.CurrentOperations(p).Where(o => o.Terminal?.StartsWith("succeeded", StringComparison.Ordinal) == true))
        {
            foreach (var id in operation.Added)
            {
                Expect(exported.Count(m => (string?)m["id"] == id) == 1, $"memory {id} added by succeeded operation {operation.Id} is not in the export exactly once");
            }
        }
    }

    private async Task CheckDirectWritesAsync(int p, List<JsonNode> exported, List<JsonNode> listed)
    {
        foreach (var memory in _model.Direct.Where(m => m.Partition == p))
        {
            var reply = await SendAsync(p, HttpMethod.Get, $"{_model.UserPath(p)}/memories/{memory.Id}");
            var inExport = exported.Count(m => (string?)m["id"] == memory.Id);
            var inList = listed.Count(m => (string?)m["id"] == memory.Id);
            if (!_model.IsLive(memory))
            {
                Expect(reply.Status == HttpStatusCode.NotFound && inExport == 0 && inList == 0, $"deleted or erased memory {memory.Id} is visible (get {(int)reply.Status}, export {inExport}, list {inList})");
                continue;
            }

            Expect(reply.Status == HttpStatusCode.OK, $"acknowledged memory {memory.Id}: {(int)reply.Status} {reply.Text}");
            Expect((string?)reply.Body!["text"] == memory.Text && (string?)reply.Body["etag"] == memory.ETag, $"memory {memory.Id} should read '{memory.Text}' {memory.ETag}: {reply.Text}");
            Expect(inExport == 1 && inList == 1, $"acknowledged memory {memory.Id} should be in export and list once each (export {inExport}, list {inList})");
        }
    }

    /// <summary>Every memory and operation id of this partition is a 404 to the other partitions.</summary>
    private async Task CheckNoCrossPartitionReadsAsync(int p)
    {
        for (var other = 0; other < ApiModel.Partitions.Count; other++)
        {
            if (other == p)
            {
                continue;
            }

            foreach (var memory in _model.Direct.Where(m => m.Partition == p))
            {
                var reply = await SendAsync(other, HttpMethod.Get, $"{_model.UserPath(other)}/memories/{memory.Id}");
                Expect(reply.Status == HttpStatusCode.NotFound, $"p{other} read p{p}'s memory {memory.Id}: {reply.Text}");
            }

            foreach (var operation in _model.Operations.Where(o => o.Partition == p))
            {
                var reply = await SendAsync(other, HttpMethod.Get, $"{_model.UserPath(other)}/operations/{operation.Id}");
                Expect(reply.Status == HttpStatusCode.NotFound, $"p{other} read p{p}'s operation {operation.Id}: {reply.Text}");
            }
        }
    }

    private void ExpectAllowedMemory(int p, JsonNode memory, string where)
    {
        var id = (string?)memory["id"];
        ExpectAllowed(p, (string?)memory["text"], $"{where} memory {id}");
        ExpectOwnOperation(p, (string?)memory["operationId"], $"{where} memory {id}");
        var direct = _model.Direct.FirstOrDefault(m => m.Id == id);
        Expect(direct is null || _model.IsLive(direct), $"{where} shows memory {id}, written by p{direct?.Partition} and since deleted or erased");
    }

    /// <summary>Provenance must name an operation of the partition's current generation.</summary>
    private void ExpectOwnOperation(int p, string? operationId, string what)
    {
        if (operationId is null)
        {
            return;
        }

        var operation = _model.Operations.FirstOrDefault(o => o.Id == operationId);
        Expect(operation is not null && operation.Partition == p && operation.Generation == _model.Generation(p), $"{what} comes from operation {operationId} (p{operation?.Partition}, generation {operation?.Generation}; p{p} is in generation {_model.Generation(p)})");
    }

    private void ExpectAllowed(int p, string? text, string what)
    {
        var reason = _model.ForbiddenText(p, text);
        Expect(reason is null, $"{what} shows p{p} forbidden text: {reason}: {text}");
    }

    /// <summary>What an erase leaves of an operation that had not ended: cancelled, saying why, without the conversation.</summary>
    private void ExpectErasedStub(JsonNode operation, string what) =>
        Expect(
            (string?)operation["status"] == "cancelled"
                && (string?)operation["error"]?["type"] == "urn:memoryfunctions:problem:user-erased"
                && operation["request"]!["messages"]!.AsArray().Count == 0
                && operation["decisions"]!.AsArray().Count == 0,
            $"{what} should be a cancelled stub without the conversation: {operation.ToJsonString()}");
}
