using System.Diagnostics.CodeAnalysis;

namespace MemoryFunctions.Core.Domain;

[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members name the JSON scalar types they stand for.")]
public enum MetadataValueType
{
    String,
    Number,
    Boolean,
}
