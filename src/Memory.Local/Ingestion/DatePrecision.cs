namespace MemoryFunctions.Local.Ingestion;

/// <summary>How precisely a speaker placed something in time; a resolved date is never written more precisely.</summary>
internal enum DatePrecision
{
    Day,
    Week,
    Month,
    Year,
}
