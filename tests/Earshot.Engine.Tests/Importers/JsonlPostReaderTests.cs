using Earshot.Engine.Importers;

namespace Earshot.Engine.Tests.Importers;

public sealed class JsonlPostReaderTests
{
    // Found by fuzzing (ImportFuzzTests, seed 0HtjgmXkQ6g1): the JSON parser throws ArgumentException, not
    // JsonException, for a string holding half a surrogate pair, and that escaped the reader.
    [Fact]
    public void ReadLine_HalfASurrogatePairInTheLineItself_IsRejectedWithAReason()
    {
        var item = JsonlPostReader.ReadLine(3, "{\"id\uD800\": \"1\"}");

        Assert.Null(item.Post);
        Assert.Equal(3, item.Line);
        Assert.Equal("the line holds half of a surrogate pair (U+D800-U+DFFF), which is not text", item.Error);
    }
}
