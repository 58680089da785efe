namespace MemoryFunctions.Server.Tests.Properties;

/// <summary>What one step of a random API script does (see <see cref="ApiStep"/>).</summary>
public enum ApiStepKind
{
    /// <summary>POST a memory with a fresh marked text.</summary>
    Write,

    /// <summary>POST messages with a fresh body, with or without an Idempotency-Key.</summary>
    Ingest,

    /// <summary>POST the script's last messages request again: same user, key and body (a client retry).</summary>
    Retry,

    /// <summary>POST a fresh body with the script's last Idempotency-Key and user (a key reused for another request).</summary>
    ReuseKey,

    /// <summary>PATCH a memory written directly, with its current ETag, a stale one or <c>*</c>.</summary>
    Patch,

    /// <summary>DELETE one memory written directly.</summary>
    Delete,

    /// <summary>DELETE the user.</summary>
    Erase,

    /// <summary>Wait until every operation of the user has ended.</summary>
    Settle,

    /// <summary>Stop the server and start it again over the same data directory.</summary>
    Restart,
}
