namespace MemoryFunctions.Http.Callbacks;

/// <summary>How one delivery attempt of a completion callback ended (<see cref="CompletionCallbackSender"/>).</summary>
public enum CallbackOutcome
{
    /// <summary>Nothing to send: the operation asked for no callback, its user was erased meanwhile, or the callback was settled already. Never retried.</summary>
    NothingToSend,

    /// <summary>The URL is no longer allowed by <c>Memory:Callbacks</c> (or no secret is set): dropped and logged. Never retried.</summary>
    Refused,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>A transport failure, a time-out or a non-2xx answer: worth another attempt.</summary>
    Failed,
}
