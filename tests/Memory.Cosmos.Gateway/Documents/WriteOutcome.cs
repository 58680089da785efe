using System.Net;

namespace MemoryFunctions.Cosmos.Gateway.Documents;

/// <summary>What one document operation did: its status (and sub-status), the document it left, its modelled charge.</summary>
internal sealed record WriteOutcome(HttpStatusCode Status, int SubStatus, StoredDocument? Document, double RequestCharge, string? Message = null)
{
    public bool Succeeded => (int)Status is >= 200 and < 300;

    public static WriteOutcome Error(HttpStatusCode status, string message, int subStatus = 0) => new(status, subStatus, null, 0, message);
}

/// <summary>What a batch operation replaced, so an all-or-nothing batch can put it back.</summary>
internal sealed record UndoEntry(string PartitionKey, string Id, StoredDocument? Previous);
