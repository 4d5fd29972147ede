namespace Earshot.Core.Topics.Matching;

/// <summary>
/// Case and accent folding for matching: "Café" and "CAFE" both become "cafe".
/// A 64K-entry table built once, because the process runs with invariant globalization
/// (string.Normalize does not decompose there) and because one table read per char is the fastest fold.
/// </summary>
public static class TextFolding
{
    /// <summary>Marks a char that folding drops (combining accents, variation selectors, zero-width joiners in words).</summary>
    public const char Dropped = '\uFFFF';

    private static readonly char[] Table = BuildTable();

    // Letters whose folded form is two letters, as search users expect (Straße = strasse).
    private static readonly Dictionary<char, string> Expansions = new()
    {
        ['ß'] = "ss", ['ẞ'] = "ss", ['æ'] = "ae", ['Æ'] = "ae", ['œ'] = "oe", ['Œ'] = "oe",
        ['ĳ'] = "ij", ['Ĳ'] = "ij", ['þ'] = "th", ['Þ'] = "th", ['ﬁ'] = "fi", ['ﬂ'] = "fl",
    };

    /// <summary>Folds one UTF-16 char; returns <see cref="Dropped"/> for combining marks.</summary>
    public static char Fold(char c) => Table[c];

    /// <summary>True when the char folds to more than one char (see <see cref="Expansion"/>).</summary>
    public static bool Expands(char c) => c >= '\u00C6' && Expansions.ContainsKey(c);

    public static string Expansion(char c) => Expansions[c];

    /// <summary>Folds a whole string (used for query terms and field values, not on the hot path).</summary>
    public static string FoldString(ReadOnlySpan<char> text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (Expands(c))
            {
                sb.Append(Expansion(c));
                continue;
            }
            var f = Fold(c);
            if (f != Dropped)
                sb.Append(f);
        }
        return sb.ToString();
    }

    private static char[] BuildTable()
    {
        var table = new char[65536];
        for (var i = 0; i < table.Length; i++)
        {
            var c = (char)i;
            table[i] = IsCombining(c) ? Dropped : char.ToLowerInvariant(c);
        }
        // Base letter for each accented Latin letter, grouped by base (lower and upper case both listed).
        (string Accented, char Base)[] groups =
        [
            ("ÀÁÂÃÄÅàáâãäåĀāĂăĄąǍǎǞǟǠǡǺǻȀȁȂȃȦȧẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặ", 'a'),
            ("ÇçĆćĈĉĊċČč", 'c'), ("ĎďĐđÐð", 'd'),
            ("ÈÉÊËèéêëĒēĔĕĖėĘęĚěȄȅȆȇȨȩẸẹẺẻẼẽẾếỀềỂểỄễỆệ", 'e'),
            ("ĜĝĞğĠġĢģǦǧǴǵ", 'g'), ("ĤĥĦħȞȟ", 'h'),
            ("ÌÍÎÏìíîïĨĩĪīĬĭĮįİıǏǐȈȉȊȋỈỉỊị", 'i'), ("Ĵĵǰ", 'j'), ("ĶķǨǩ", 'k'),
            ("ĹĺĻļĽľĿŀŁł", 'l'), ("ÑñŃńŅņŇňǸǹ", 'n'),
            ("ÒÓÔÕÖØòóôõöøŌōŎŏŐőƠơǑǒǪǫǬǭǾǿȌȍȎȏȪȫȬȭȮȯȰȱỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợ", 'o'),
            ("ŔŕŖŗŘřȐȑȒȓ", 'r'), ("ŚśŜŝŞşŠšȘș", 's'), ("ŢţŤťŦŧȚț", 't'),
            ("ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųƯưǓǔǕǖǗǘǙǚǛǜȔȕȖȗỤụỦủỨứỪừỬửỮữỰự", 'u'),
            ("Ŵŵ", 'w'), ("ÝýÿŶŷŸỲỳỴỵỶỷỸỹ", 'y'), ("ŹźŻżŽž", 'z'),
        ];
        foreach (var (accented, letter) in groups)
        {
            foreach (var c in accented)
                table[c] = letter;
        }
        table['\u2019'] = '\''; // typographic apostrophe: don’t = don't
        table['\u02BC'] = '\'';
        return table;
    }

    private static bool IsCombining(char c) =>
        c is (>= '\u0300' and <= '\u036F') or (>= '\u1AB0' and <= '\u1AFF') or (>= '\u1DC0' and <= '\u1DFF')
            or (>= '\u20D0' and <= '\u20FF') or (>= '\uFE20' and <= '\uFE2F') or '\uFE0F' or '\uFE0E' or '\u200D';
}
