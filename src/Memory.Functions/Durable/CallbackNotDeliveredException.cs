namespace MemoryFunctions.Functions.Durable;

/// <summary>A delivery attempt failed (transport, time-out or a non-2xx answer): the activity throws it so Durable retries.</summary>
public sealed class CallbackNotDeliveredException : Exception
{
    public CallbackNotDeliveredException()
    {
    }

    public CallbackNotDeliveredException(string message)
        : base(message)
    {
    }

    public CallbackNotDeliveredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
