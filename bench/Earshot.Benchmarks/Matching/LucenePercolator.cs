using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Earshot.Benchmarks.Matching;

/// <summary>
/// The usual way to run many stored queries with Lucene: index a batch of posts in a RAMDirectory, run every
/// topic's query against it, collect the matching documents. (Lucene.Net.Memory's MemoryIndex is not available.)
/// </summary>
internal sealed class LucenePercolator(IReadOnlyList<Query> queries)
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Matches one batch; returns, per post of the batch, the indexes of the topics it matched.</summary>
    public List<int>[] MatchBatch(IReadOnlyList<string> posts)
    {
        var matches = new List<int>[posts.Count];
        for (var i = 0; i < matches.Length; i++)
            matches[i] = [];
        using var analyzer = new EarshotLuceneAnalyzer();
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(Version, analyzer) { RAMBufferSizeMB = 64 }))
        {
            var field = new TextField(LuceneQueryBuilder.Field, "", Field.Store.NO);
            var document = new Document { field };
            foreach (var post in posts)
            {
                field.SetStringValue(post);
                writer.AddDocument(document);
            }
            writer.Commit();
        }
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        for (var q = 0; q < queries.Count; q++)
            searcher.Search(queries[q], new AllDocsCollector(matches, q));
        return matches;
    }

    private sealed class AllDocsCollector(List<int>[] matches, int topic) : ICollector
    {
        private int _docBase;

        public bool AcceptsDocsOutOfOrder => true;

        public void Collect(int doc) => matches[_docBase + doc].Add(topic);

        public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;

        public void SetScorer(Scorer scorer)
        {
        }
    }
}
