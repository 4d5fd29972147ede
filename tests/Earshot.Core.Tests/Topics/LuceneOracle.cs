using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Earshot.Core.Tests.Topics;

/// <summary>
/// Lucene.NET 4.8 as an independent oracle: posts indexed in a RAMDirectory with a standard tokenizer,
/// lower-casing and ASCII folding; queries in Lucene's own syntax through its classic QueryParser.
/// </summary>
internal static class LuceneOracle
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string Field = "text";

    private sealed class FoldingAnalyzer : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream result = new LowerCaseFilter(Version, source);
            result = new ASCIIFoldingFilter(result);
            return new TokenStreamComponents(source, result);
        }
    }

    /// <summary>For each query, the indexes of the posts it matches.</summary>
    public static List<HashSet<int>> Match(IReadOnlyList<string> luceneQueries, IReadOnlyList<string> posts)
    {
        using var analyzer = new FoldingAnalyzer();
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(Version, analyzer)))
        {
            foreach (var post in posts)
                writer.AddDocument(new Document { new TextField(Field, post, Lucene.Net.Documents.Field.Store.NO) });
            writer.Commit();
        }
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        var parser = new QueryParser(Version, Field, analyzer) { DefaultOperator = Operator.AND };
        var results = new List<HashSet<int>>();
        foreach (var text in luceneQueries)
        {
            var hits = searcher.Search(parser.Parse(text), Math.Max(1, posts.Count));
            results.Add([.. hits.ScoreDocs.Select(d => d.Doc)]);
        }
        return results;
    }
}
