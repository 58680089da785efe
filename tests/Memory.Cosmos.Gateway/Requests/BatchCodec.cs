using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Azure.Cosmos.Serialization.HybridRow;
using Microsoft.Azure.Cosmos.Serialization.HybridRow.IO;
using Microsoft.Azure.Cosmos.Serialization.HybridRow.Layouts;
using Microsoft.Azure.Cosmos.Serialization.HybridRow.RecordIO;
using Microsoft.Azure.Cosmos.Serialization.HybridRow.Schemas;

namespace MemoryFunctions.Cosmos.Gateway.Requests;

/// <summary>One operation of a transactional batch as the SDK encodes it (ItemBatchOperation.WriteOperation).</summary>
internal sealed record BatchOperation(int OperationType, string? Id, byte[]? Body, string? IfMatch, bool MinimalReturn)
{
    // Microsoft.Azure.Documents.OperationType values (the SDK's Direct assembly).
    public const int Create = 0;
    public const int Patch = 1;
    public const int Read = 2;
    public const int Delete = 4;
    public const int Replace = 5;
    public const int Upsert = 20;
}

/// <summary>The result of one batch operation, as the SDK reads it (TransactionalBatchOperationResult.ReadOperationResult).</summary>
internal sealed record BatchResult(HttpStatusCode Status, int SubStatus, string? ETag, byte[]? Body, double RequestCharge);

/// <summary>
/// The transactional batch wire format: RecordIO of HybridRow rows in the SDK's own schema (the Batch/HybridRowBatchSchemas.json
/// resource embedded in the SDK assembly), read and written with the HybridRow library the SDK package ships, as the SDK's
/// tests do (BatchRequestPayloadReader / BatchResponsePayloadWriter).
/// </summary>
internal static class BatchCodec
{
    private static readonly LayoutResolverNamespace Resolver;
    private static readonly Layout ResultLayout;

#pragma warning disable CA1810 // The schema is read once from the SDK's own resource; a static constructor keeps both fields together.
    static BatchCodec()
#pragma warning restore CA1810
    {
        using var stream = typeof(CosmosClient).Assembly.GetManifestResourceStream("Microsoft.Azure.Cosmos.Batch.HybridRowBatchSchemas.json")
            ?? throw new InvalidOperationException("The SDK no longer embeds its batch schema where the gateway expects it.");
        using var reader = new StreamReader(stream);
        var schemas = Namespace.Parse(reader.ReadToEnd());
        Resolver = new LayoutResolverNamespace(schemas);
        ResultLayout = Resolver.Resolve(schemas.Schemas.Find(schema => schema.Name == "BatchResult")!.SchemaId);
    }

    /// <summary>The operations of a request body, or null when it is not a valid batch payload.</summary>
    public static async Task<List<BatchOperation>?> ReadAsync(byte[] body)
    {
        var operations = new List<BatchOperation>();
        using var stream = new MemoryStream(body);
        var result = await stream.ReadRecordIOAsync(
            (Func<ReadOnlyMemory<byte>, Result>)(record =>
            {
                var row = new RowBuffer(record.Length);
                if (!row.ReadFrom(record.Span, HybridRowVersion.V1, Resolver))
                {
                    return Result.Failure;
                }

                var reader = new RowReader(ref row);
                var operation = ReadOperation(ref reader);
                if (operation is null)
                {
                    return Result.Failure;
                }

                operations.Add(operation);
                return Result.Success;
            }),
            resizer: new MemorySpanResizer<byte>(Math.Max(body.Length, 1)));
        return result == Result.Success ? operations : null;
    }

    public static async Task<byte[]> WriteAsync(IReadOnlyList<BatchResult> results)
    {
        using var stream = new MemoryStream();
        var written = await stream.WriteRecordIOAsync(default, (long index, out ReadOnlyMemory<byte> buffer) =>
        {
            if (index >= results.Count)
            {
                buffer = ReadOnlyMemory<byte>.Empty;
                return Result.Success;
            }

            var row = new RowBuffer(1024 + (results[(int)index].Body?.Length ?? 0));
            row.InitLayout(HybridRowVersion.V1, ResultLayout, Resolver);
            var r = RowWriter.WriteBuffer(ref row, results[(int)index], WriteResult);
            using var output = new MemoryStream(row.Length);
            row.WriteTo(output);
            buffer = output.ToArray();
            return r;
        });
        return written == Result.Success ? stream.ToArray() : throw new InvalidOperationException($"Could not encode the batch response: {written}.");
    }

    private static BatchOperation? ReadOperation(ref RowReader reader)
    {
        int? type = null;
        string? id = null, ifMatch = null;
        byte[]? body = null;
        var minimal = false;
        while (reader.Read())
        {
            var ok = reader.Path.ToString() switch
            {
                "operationType" => reader.ReadInt32(out var t) == Result.Success && (type = t) is not null,
                "id" => reader.ReadString(out id) == Result.Success,
                "resourceBody" => reader.ReadBinary(out body) == Result.Success,
                "ifMatch" => reader.ReadString(out ifMatch) == Result.Success,
                "minimalReturnPreference" => reader.ReadBool(out minimal) == Result.Success,
                _ => true,
            };
            if (!ok)
            {
                return null;
            }
        }

        return type is { } operationType ? new BatchOperation(operationType, id, body, ifMatch, minimal) : null;
    }

    private static Result WriteResult(ref RowWriter writer, TypeArgument typeArg, BatchResult result)
    {
        var r = writer.WriteInt32("statusCode", (int)result.Status);
        if (r == Result.Success && result.SubStatus != 0)
        {
            r = writer.WriteInt32("subStatusCode", result.SubStatus);
        }

        if (r == Result.Success && result.ETag is not null)
        {
            r = writer.WriteString("eTag", result.ETag);
        }

        if (r == Result.Success && result.Body is not null)
        {
            r = writer.WriteBinary("resourceBody", result.Body);
        }

        if (r == Result.Success)
        {
            r = writer.WriteUInt32("retryAfterMilliseconds", 0);
        }

        return r == Result.Success ? writer.WriteFloat64("requestCharge", result.RequestCharge) : r;
    }
}
