using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.Bluesky;
using Xunit;

namespace Earshot.Connectors.Tests.Bluesky;

public sealed class BlueskyReplyRefsTests
{
    [Fact]
    public void ReplyRefs_SearchPostView_ParentIsThePostRootIsItsThreadRoot()
    {
        var view = JsonDocument.Parse(Fixtures.Text("bluesky", "searchPosts_response.json")).RootElement.GetProperty("posts")[0];
        var uri = view.GetProperty("uri").GetString()!;

        var (root, parent) = BlueskyReplies.ReplyRefs(view.GetRawText(), uri);

        Assert.Equal(new StrongRef(uri, view.GetProperty("cid").GetString()!), parent);
        var threadRoot = view.GetProperty("record").GetProperty("reply").GetProperty("root");
        Assert.Equal(new StrongRef(threadRoot.GetProperty("uri").GetString()!, threadRoot.GetProperty("cid").GetString()!), root);
    }

    [Fact]
    public void ReplyRefs_JetstreamPostStartingAThread_IsItsOwnRoot()
    {
        var line = Fixtures.Text("bluesky", "jetstream_v1_wanted_posts.jsonl").Split('\n')
            .First(l => l.Contains("\"operation\":\"create\"", StringComparison.Ordinal) && !l.Contains("\"reply\"", StringComparison.Ordinal));
        var commit = JsonDocument.Parse(line).RootElement.GetProperty("commit");
        var uri = BlueskyMapper.AtUri(JsonDocument.Parse(line).RootElement.GetProperty("did").GetString()!, commit.GetProperty("rkey").GetString()!);

        var (root, parent) = BlueskyReplies.ReplyRefs(line, uri);

        Assert.Equal(new StrongRef(uri, commit.GetProperty("cid").GetString()!), parent);
        Assert.Equal(parent, root);
    }

    [Fact]
    public void ReplyRefs_NoCidStored_ClearError()
    {
        var error = Assert.Throws<ConnectorException>(() => BlueskyReplies.ReplyRefs("""{"text":"imported without its record"}""", "at://did:plc:x/app.bsky.feed.post/1"));

        Assert.Contains("has no cid", error.Message, StringComparison.Ordinal);
    }
}
