using Earshot.Core.Topics.Matching;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Earshot.Benchmarks.Matching;

/// <summary>
/// Feeds Lucene the exact terms and positions Earshot's matcher sees (same tokenizer, same folding, tags also
/// indexed without their sigil at the same position), so the race compares matching engines, not tokenizers.
/// </summary>
internal sealed class EarshotLuceneAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) =>
        new(new EarshotTokenizer(reader));

    private sealed class EarshotTokenizer : Tokenizer
    {
        private readonly ICharTermAttribute _term;
        private readonly IPositionIncrementAttribute _increment;
        private readonly List<(string Term, int Increment)> _pending = [];
        private int _next;

        public EarshotTokenizer(TextReader reader)
            : base(reader)
        {
            _term = AddAttribute<ICharTermAttribute>();
            _increment = AddAttribute<IPositionIncrementAttribute>();
        }

        public override void Reset()
        {
            base.Reset();
            _pending.Clear();
            _next = 0;
            var buffer = SocialTokenizer.Tokenize(m_input.ReadToEnd());
            for (var i = 0; i < buffer.Count; i++)
            {
                var token = buffer.Tokens[i];
                var folded = buffer.Folded(token).ToString();
                switch (token.Kind)
                {
                    case TokenKind.Hashtag or TokenKind.Cashtag:
                        _pending.Add((folded, 1));
                        _pending.Add((folded[1..], 0));
                        break;
                    case TokenKind.Mention:
                        _pending.Add((folded, 1));
                        if (token.LocalLength < token.FoldedLength)
                            _pending.Add((folded[..token.LocalLength], 0));
                        _pending.Add((folded[1..token.LocalLength], 0));
                        break;
                    case TokenKind.Url:
                        _pending.Add(("url:" + folded, 1));
                        break;
                    default:
                        _pending.Add((folded, 1));
                        break;
                }
            }
        }

        public override bool IncrementToken()
        {
            ClearAttributes();
            if (_next >= _pending.Count)
                return false;
            var (term, increment) = _pending[_next++];
            _term.SetEmpty().Append(term);
            _increment.PositionIncrement = increment;
            return true;
        }
    }
}
