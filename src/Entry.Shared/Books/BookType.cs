using System.Text.Json.Serialization;

namespace Entry.Shared.Books;

/// <summary>The four kinds of civil-registry book, in the campaign's priority order of entry.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BookType>))]
public enum BookType
{
    [JsonStringEnumMemberName("birth")] Birth = 0,
    [JsonStringEnumMemberName("marriage")] Marriage = 1,
    [JsonStringEnumMemberName("death")] Death = 2,
    [JsonStringEnumMemberName("adoption")] Adoption = 3,
}

/// <summary>Physical condition of a paper book; good books are entered first.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BookCondition>))]
public enum BookCondition
{
    [JsonStringEnumMemberName("good")] Good = 0,
    [JsonStringEnumMemberName("worn")] Worn = 1,
    [JsonStringEnumMemberName("damaged")] Damaged = 2,
}

/// <summary>Where a book stands in the sprint.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BookStatus>))]
public enum BookStatus
{
    [JsonStringEnumMemberName("notStarted")] NotStarted = 0,
    [JsonStringEnumMemberName("inProgress")] InProgress = 1,
    [JsonStringEnumMemberName("finished")] Finished = 2,
}
