using System.Text.Json;
using System.Text.Json.Serialization;
using Entry.Server.Common;

namespace Entry.Server.Hosting;

/// <summary>
/// Every string of every JSON body goes through here: one holding what no text may hold (a lone surrogate, a noncharacter,
/// a control character other than tab and line breaks) is refused while reading, so the answer is a 400 naming the field
/// (<see cref="BadRequestExceptionHandler"/>) and no handler ever normalises, compares or stores it.
/// </summary>
internal sealed class StrictTextConverter : JsonConverter<string>
{
    public const string Message = "This text holds a control character, a noncharacter or a lone surrogate, which no field accepts.";

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is not null && UnicodeText.HasForbidden(text))
        {
            throw new RefusedTextException();
        }
        return text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>A string the reader refused; its message is the field's error.</summary>
internal sealed class RefusedTextException() : JsonException(StrictTextConverter.Message);
