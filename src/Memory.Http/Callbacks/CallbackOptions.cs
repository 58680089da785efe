using System.ComponentModel.DataAnnotations;

namespace MemoryFunctions.Http.Callbacks;

/// <summary>
/// Completion callbacks (<c>Memory:Callbacks</c>): where a finished operation may be reported and how hard to try. With no
/// <see cref="AllowedHosts"/> every <c>callbackUrl</c> is refused, so nothing is sent anywhere until an operator names hosts.
/// </summary>
public sealed class CallbackOptions
{
    public const string SectionName = "Memory:Callbacks";

    /// <summary>Host names a callback may go to, compared ignoring case (no wildcards: each receiver is named).</summary>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>The HMAC-SHA256 key the <c>Memory-Signature</c> header is computed with; at least 32 characters.</summary>
    public string? Secret { get; set; }

    /// <summary>Allows <c>http://</c> to loopback hosts (127.0.0.1, ::1, localhost) listed in <see cref="AllowedHosts"/>: for a receiver on this machine.</summary>
    public bool AllowHttpLoopback { get; set; }

    /// <summary>Deliveries tried per finished operation, the first included; then it is given up (and logged).</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait before the first retry; each further retry waits twice as long (1, 2, 4, 8, 16 s by default).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one delivery may take before it counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsSecretValid => AllowedHosts.Count == 0 || Secret is { Length: >= 32 };
}
