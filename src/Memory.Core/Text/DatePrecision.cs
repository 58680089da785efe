namespace MemoryFunctions.Core.Text;

/// <summary>How precisely a speaker placed something in time; a resolved date is never written more precisely.</summary>
public enum DatePrecision
{
    Day,
    Week,
    Month,
    Year,
}
