using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace MemoryFunctions.Embeddings.MiniLM;

/// <summary>
/// What the uncased BERT vocabulary expects, done by us because the libraries do not do it here: every whitespace or
/// control character becomes a space (Microsoft.ML.Tokenizers drops <c>\n</c> and <c>\t</c>, gluing the words on either
/// side into one), and accents are folded to their base letter (its own accent stripping relies on Unicode
/// normalisation, which silently does nothing under <c>InvariantGlobalization</c>). Lower-casing is left to the tokenizer.
/// </summary>
internal static class BertTextNormalizer
{
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                builder.Append(' ');
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                // A combining accent of already-decomposed text: dropped, as BERT's own accent stripping does.
            }
            else
            {
                builder.Append(Folds.TryGetValue(c, out var folded) ? folded : c);
            }
        }

        return builder.ToString();
    }

    private static FrozenDictionary<char, char> BuildFolds()
    {
        var folds = new Dictionary<char, char>();
        foreach (var (accented, plain) in FoldTable)
        {
            for (var i = 0; i < accented.Length; i++)
            {
                folds[accented[i]] = plain[i];
            }
        }

        return folds.ToFrozenDictionary();
    }

    // Generated once from Python's unicodedata (U+00C0–U+024F, U+0370–U+052F, U+1E00–U+1FFF: letters whose NFD form,
    // without non-spacing marks, is one other letter). Pairs of equal length: accented letters, then their base letters.
    private static readonly (string Accented, string Plain)[] FoldTable =
    [
        ("ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíî", "AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiii"),
        ("ïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜ", "inooooouuuuyyAaAaAaCcCcCcCcDdEeEeEeEeEeG"),
        ("ĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐő", "gGgGgGgHhIiIiIiIiIJjKkLlLlLlNnNnNnOoOoOo"),
        ("ŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽ", "RrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZ"),
        ("žƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǢǣǦǧǨǩǪǫǬǭǮǯǰǴǵ", "zOoUuAaIiOoUuUuUuUuUuAaAaÆæGgKkOoOoƷ\u0292jGg"),
        ("ǸǹǺǻǼǽǾǿȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧ", "NnAaÆæØøAaAaEeEeIiIiOoOoRrRrUuUuSsTtHhAa"),
        ("ȨȩȪȫȬȭȮȯȰȱȲȳ\u0374\u0386\u0388\u0389\u038A\u038C\u038E\u038F\u0390\u03AA\u03AB\u03AC\u03AD\u03AE\u03AF\u03B0\u03CA\u03CB\u03CC\u03CD\u03CE\u03D3\u03D4\u0400\u0401\u0403\u0407\u040C", "EeOoOoOoOoYy\u02B9\u0391\u0395\u0397\u0399\u039F\u03A5\u03A9\u03B9\u0399\u03A5\u03B1\u03B5\u03B7\u03B9\u03C5\u03B9\u03C5\u03BF\u03C5\u03C9\u03D2\u03D2\u0415\u0415\u0413\u0406\u041A"),
        ("\u040D\u040E\u0419\u0439\u0450\u0451\u0453\u0457\u045C\u045D\u045E\u0476\u0477\u04C1\u04C2\u04D0\u04D1\u04D2\u04D3\u04D6\u04D7\u04DA\u04DB\u04DC\u04DD\u04DE\u04DF\u04E2\u04E3\u04E4\u04E5\u04E6\u04E7\u04EA\u04EB\u04EC\u04ED\u04EE\u04EF\u04F0", "\u0418\u0423\u0418\u0438\u0435\u0435\u0433\u0456\u043A\u0438\u0443\u0474\u0475\u0416\u0436\u0410\u0430\u0410\u0430\u0415\u0435\u04D8\u04D9\u0416\u0436\u0417\u0437\u0418\u0438\u0418\u0438\u041E\u043E\u04E8\u04E9\u042D\u044D\u0423\u0443\u0423"),
        ("\u04F1\u04F2\u04F3\u04F4\u04F5\u04F8\u04F9\u1E00\u1E01\u1E02\u1E03\u1E04\u1E05\u1E06\u1E07\u1E08\u1E09\u1E0A\u1E0B\u1E0C\u1E0D\u1E0E\u1E0F\u1E10\u1E11\u1E12\u1E13\u1E14\u1E15\u1E16\u1E17\u1E18\u1E19\u1E1A\u1E1B\u1E1C\u1E1D\u1E1E\u1E1F\u1E20", "\u0443\u0423\u0443\u0427\u0447\u042B\u044BAaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfG"),
        ("\u1E21\u1E22\u1E23\u1E24\u1E25\u1E26\u1E27\u1E28\u1E29\u1E2A\u1E2B\u1E2C\u1E2D\u1E2E\u1E2F\u1E30\u1E31\u1E32\u1E33\u1E34\u1E35\u1E36\u1E37\u1E38\u1E39\u1E3A\u1E3B\u1E3C\u1E3D\u1E3E\u1E3F\u1E40\u1E41\u1E42\u1E43\u1E44\u1E45\u1E46\u1E47\u1E48", "gHhHhHhHhHhIiIiKkKkKkLlLlLlLlMmMmMmNnNnN"),
        ("\u1E49\u1E4A\u1E4B\u1E4C\u1E4D\u1E4E\u1E4F\u1E50\u1E51\u1E52\u1E53\u1E54\u1E55\u1E56\u1E57\u1E58\u1E59\u1E5A\u1E5B\u1E5C\u1E5D\u1E5E\u1E5F\u1E60\u1E61\u1E62\u1E63\u1E64\u1E65\u1E66\u1E67\u1E68\u1E69\u1E6A\u1E6B\u1E6C\u1E6D\u1E6E\u1E6F\u1E70", "nNnOoOoOoOoPpPpRrRrRrRrSsSsSsSsSsTtTtTtT"),
        ("\u1E71\u1E72\u1E73\u1E74\u1E75\u1E76\u1E77\u1E78\u1E79\u1E7A\u1E7B\u1E7C\u1E7D\u1E7E\u1E7F\u1E80\u1E81\u1E82\u1E83\u1E84\u1E85\u1E86\u1E87\u1E88\u1E89\u1E8A\u1E8B\u1E8C\u1E8D\u1E8E\u1E8F\u1E90\u1E91\u1E92\u1E93\u1E94\u1E95\u1E96\u1E97\u1E98", "tUuUuUuUuUuVvVvWwWwWwWwWwXxXxYyZzZzZzhtw"),
        ("\u1E99\u1E9B\u1EA0\u1EA1\u1EA2\u1EA3\u1EA4\u1EA5\u1EA6\u1EA7\u1EA8\u1EA9\u1EAA\u1EAB\u1EAC\u1EAD\u1EAE\u1EAF\u1EB0\u1EB1\u1EB2\u1EB3\u1EB4\u1EB5\u1EB6\u1EB7\u1EB8\u1EB9\u1EBA\u1EBB\u1EBC\u1EBD\u1EBE\u1EBF\u1EC0\u1EC1\u1EC2\u1EC3\u1EC4\u1EC5", "yſAaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEeEeEeEe"),
        ("\u1EC6\u1EC7\u1EC8\u1EC9\u1ECA\u1ECB\u1ECC\u1ECD\u1ECE\u1ECF\u1ED0\u1ED1\u1ED2\u1ED3\u1ED4\u1ED5\u1ED6\u1ED7\u1ED8\u1ED9\u1EDA\u1EDB\u1EDC\u1EDD\u1EDE\u1EDF\u1EE0\u1EE1\u1EE2\u1EE3\u1EE4\u1EE5\u1EE6\u1EE7\u1EE8\u1EE9\u1EEA\u1EEB\u1EEC\u1EED", "EeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUu"),
        ("\u1EEE\u1EEF\u1EF0\u1EF1\u1EF2\u1EF3\u1EF4\u1EF5\u1EF6\u1EF7\u1EF8\u1EF9\u1F00\u1F01\u1F02\u1F03\u1F04\u1F05\u1F06\u1F07\u1F08\u1F09\u1F0A\u1F0B\u1F0C\u1F0D\u1F0E\u1F0F\u1F10\u1F11\u1F12\u1F13\u1F14\u1F15\u1F18\u1F19\u1F1A\u1F1B\u1F1C\u1F1D", "UuUuYyYyYyYy\u03B1\u03B1\u03B1\u03B1\u03B1\u03B1\u03B1\u03B1\u0391\u0391\u0391\u0391\u0391\u0391\u0391\u0391\u03B5\u03B5\u03B5\u03B5\u03B5\u03B5\u0395\u0395\u0395\u0395\u0395\u0395"),
        ("\u1F20\u1F21\u1F22\u1F23\u1F24\u1F25\u1F26\u1F27\u1F28\u1F29\u1F2A\u1F2B\u1F2C\u1F2D\u1F2E\u1F2F\u1F30\u1F31\u1F32\u1F33\u1F34\u1F35\u1F36\u1F37\u1F38\u1F39\u1F3A\u1F3B\u1F3C\u1F3D\u1F3E\u1F3F\u1F40\u1F41\u1F42\u1F43\u1F44\u1F45\u1F48\u1F49", "\u03B7\u03B7\u03B7\u03B7\u03B7\u03B7\u03B7\u03B7\u0397\u0397\u0397\u0397\u0397\u0397\u0397\u0397\u03B9\u03B9\u03B9\u03B9\u03B9\u03B9\u03B9\u03B9\u0399\u0399\u0399\u0399\u0399\u0399\u0399\u0399\u03BF\u03BF\u03BF\u03BF\u03BF\u03BF\u039F\u039F"),
        ("\u1F4A\u1F4B\u1F4C\u1F4D\u1F50\u1F51\u1F52\u1F53\u1F54\u1F55\u1F56\u1F57\u1F59\u1F5B\u1F5D\u1F5F\u1F60\u1F61\u1F62\u1F63\u1F64\u1F65\u1F66\u1F67\u1F68\u1F69\u1F6A\u1F6B\u1F6C\u1F6D\u1F6E\u1F6F\u1F70\u1F71\u1F72\u1F73\u1F74\u1F75\u1F76\u1F77", "\u039F\u039F\u039F\u039F\u03C5\u03C5\u03C5\u03C5\u03C5\u03C5\u03C5\u03C5\u03A5\u03A5\u03A5\u03A5\u03C9\u03C9\u03C9\u03C9\u03C9\u03C9\u03C9\u03C9\u03A9\u03A9\u03A9\u03A9\u03A9\u03A9\u03A9\u03A9\u03B1\u03B1\u03B5\u03B5\u03B7\u03B7\u03B9\u03B9"),
        ("\u1F78\u1F79\u1F7A\u1F7B\u1F7C\u1F7D\u1F80\u1F81\u1F82\u1F83\u1F84\u1F85\u1F86\u1F87\u1F88\u1F89\u1F8A\u1F8B\u1F8C\u1F8D\u1F8E\u1F8F\u1F90\u1F91\u1F92\u1F93\u1F94\u1F95\u1F96\u1F97\u1F98\u1F99\u1F9A\u1F9B\u1F9C\u1F9D\u1F9E\u1F9F\u1FA0\u1FA1", "\u03BF\u03BF\u03C5\u03C5\u03C9\u03C9\u03B1\u03B1\u03B1\u03B1\u03B1\u03B1\u03B1\u03B1\u0391\u0391\u0391\u0391\u0391\u0391\u0391\u0391\u03B7\u03B7\u03B7\u03B7\u03B7\u03B7\u03B7\u03B7\u0397\u0397\u0397\u0397\u0397\u0397\u0397\u0397\u03C9\u03C9"),
        ("\u1FA2\u1FA3\u1FA4\u1FA5\u1FA6\u1FA7\u1FA8\u1FA9\u1FAA\u1FAB\u1FAC\u1FAD\u1FAE\u1FAF\u1FB0\u1FB1\u1FB2\u1FB3\u1FB4\u1FB6\u1FB7\u1FB8\u1FB9\u1FBA\u1FBB\u1FBC\u1FBE\u1FC2\u1FC3\u1FC4\u1FC6\u1FC7\u1FC8\u1FC9\u1FCA\u1FCB\u1FCC\u1FD0\u1FD1\u1FD2", "\u03C9\u03C9\u03C9\u03C9\u03C9\u03C9\u03A9\u03A9\u03A9\u03A9\u03A9\u03A9\u03A9\u03A9\u03B1\u03B1\u03B1\u03B1\u03B1\u03B1\u03B1\u0391\u0391\u0391\u0391\u0391\u03B9\u03B7\u03B7\u03B7\u03B7\u03B7\u0395\u0395\u0397\u0397\u0397\u03B9\u03B9\u03B9"),
        ("\u1FD3\u1FD6\u1FD7\u1FD8\u1FD9\u1FDA\u1FDB\u1FE0\u1FE1\u1FE2\u1FE3\u1FE4\u1FE5\u1FE6\u1FE7\u1FE8\u1FE9\u1FEA\u1FEB\u1FEC\u1FF2\u1FF3\u1FF4\u1FF6\u1FF7\u1FF8\u1FF9\u1FFA\u1FFB\u1FFC", "\u03B9\u03B9\u03B9\u0399\u0399\u0399\u0399\u03C5\u03C5\u03C5\u03C5\u03C1\u03C1\u03C5\u03C5\u03A5\u03A5\u03A5\u03A5\u03A1\u03C9\u03C9\u03C9\u03C9\u03C9\u039F\u039F\u03A9\u03A9\u03A9"),
    ];

    /// <summary>Each precomposed letter of Latin, Greek and Cyrillic with its base letter: Unicode NFD minus non-spacing marks.</summary>
    private static readonly FrozenDictionary<char, char> Folds = BuildFolds();
}
