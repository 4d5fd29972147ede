namespace Earshot.Core.Topics.Matching;

/// <summary>Post attributes and links become synthetic terms ("lang:en", "site:example.com") looked up like words.</summary>
internal sealed partial class MatcherSnapshot
{
    private const int NoPosition = -1;

    private void FieldTerms(in MatchInput post, MatchContext ctx)
    {
        if (post.Author is { Length: > 0 } author)
            FieldTerm("author:", author.AsSpan().TrimStart('@'), ctx, fold: true);
        if (post.Channel is { Length: > 0 } channel)
            FieldTerm("channel:", channel, ctx, fold: true);
        if (post.Language is { Length: > 0 } language)
        {
            FieldTerm("lang:", language, ctx, fold: true);
            var dash = language.AsSpan().IndexOfAny('-', '_');
            if (dash > 0)
                FieldTerm("lang:", language.AsSpan(0, dash), ctx, fold: true);
        }
        if (post.Country is { Length: > 0 } country)
            FieldTerm("country:", country, ctx, fold: true);
        if (post.IsReply)
            Lookup("is:reply", NoPosition, ctx);
        if (post.IsBrand)
            Lookup("is:brand", NoPosition, ctx);
        if (_hasUrlFields && post.Urls is { } urls)
        {
            foreach (var url in urls)
                UrlTerms(UrlScanner.Fold(url), NoPosition, ctx);
        }
    }

    private void FieldTerm(string prefix, ReadOnlySpan<char> value, MatchContext ctx, bool fold)
    {
        var length = 0;
        Append(ctx, ref length, prefix, fold: false);
        Append(ctx, ref length, value, fold);
        Lookup(ctx.KeyChars.AsSpan(0, length), NoPosition, ctx);
    }

    /// <summary>site: for the host and each parent domain; url: for every path prefix ending at '/' or '?'.</summary>
    private void UrlTerms(ReadOnlySpan<char> url, int pos, MatchContext ctx)
    {
        var slash = url.IndexOfAny('/', '?');
        var host = slash < 0 ? url : url[..slash];
        while (true)
        {
            FieldTerm("site:", host, ctx, fold: false);
            var dot = host.IndexOf('.');
            if (dot < 0)
                break;
            host = host[(dot + 1)..];
        }
        for (var i = 0; i <= url.Length; i++)
        {
            if (i == url.Length || url[i] is '/' or '?')
            {
                var length = 0;
                Append(ctx, ref length, "url:", fold: false);
                Append(ctx, ref length, url[..i], fold: false);
                var key = ctx.KeyChars.AsSpan(0, length);
                if (_folded.TryGet(key, out var id))
                    Occur(id, pos, ctx);
            }
        }
    }

    private static void Append(MatchContext ctx, ref int length, ReadOnlySpan<char> value, bool fold)
    {
        if (ctx.KeyChars.Length < length + value.Length * 2)
            Array.Resize(ref ctx.KeyChars, (length + value.Length) * 2 + 16);
        foreach (var c in value)
        {
            if (!fold)
            {
                ctx.KeyChars[length++] = c;
            }
            else if (TextFolding.Expands(c))
            {
                foreach (var e in TextFolding.Expansion(c))
                    ctx.KeyChars[length++] = e;
            }
            else if (TextFolding.Fold(c) is var f && f != TextFolding.Dropped)
            {
                ctx.KeyChars[length++] = f;
            }
        }
    }
}
