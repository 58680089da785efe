namespace MemoryFunctions.Core.Search;

/// <summary>What <see cref="QueryFocus.Speaker"/> read of one memory: whether it speaks to a person the query names, and its speaker factor.</summary>
public readonly record struct SpeakerReading(bool SpeaksToNamedPerson, double Factor);
