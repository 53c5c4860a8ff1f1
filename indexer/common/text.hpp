// text.hpp - bytes to clean UTF-8 text and lines, and small string helpers.
//
// Every byte sequence decodes to valid UTF-8: a BOM is dropped, UTF-16 with
// a BOM is converted, invalid UTF-8 falls back to Windows-1252, NUL bytes
// become U+FFFD.  Line numbers are counted on the original bytes ('\n'), so
// they stay right whatever the encoding fixes did.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace crib {

/// How a file's bytes were turned into UTF-8.
enum class Encoding { utf8, utf8_bom, utf16le, utf16be, windows1252 };

/// Human name of an encoding ("utf-8", "windows-1252", ...).
const char* encoding_name(Encoding e);

/// Decoded text plus what was done to it.
struct Decoded {
    std::string text; ///< valid UTF-8, '\n' line ends ('\r' of CRLF removed)
    Encoding encoding = Encoding::utf8;
    bool had_nul = false; ///< NUL bytes were replaced
};

/// True when the bytes look like a binary file (NULs outside a UTF-16 text,
/// or many control bytes in the first 8 KiB).
bool looks_binary(std::string_view bytes);

/// Decode any bytes into valid UTF-8 (see file comment).
Decoded decode_text(std::string_view bytes);

/// The strings of `v` with `sep` between them (none before an empty start).
std::string join(const std::vector<std::string>& v, char sep);

/// The last component of a '/'-separated path ("kubernetes.md" of
/// "copy-2/notes/kubernetes.md"); the path itself when it has no '/'.
std::string_view base_name(std::string_view path);

/// A file's name up to its first dot after the first character:
/// "arrays_lists" of "dir/arrays_lists.ipynb", ".bashrc" stays ".bashrc".
std::string_view name_stem(std::string_view path);

/// `s` in double quotes for a message, unless it is already one quoted
/// phrase ("rolling upgrade" typed with its quotes was shown ""rolling
/// upgrade"").
std::string quoted(std::string_view s);

/// `s` read as Windows-1252 (each byte one character), in UTF-8: how text
/// that is not UTF-8 is read, in notes, queries and JSON strings alike.
std::string from_cp1252(std::string_view s);

/// True if `s` is valid UTF-8.
bool valid_utf8(std::string_view s);

/// Append code point `cp` to `out` as UTF-8 (1-4 bytes).
void append_utf8(std::string& out, uint32_t cp);

/// Split text into lines (without '\n'); a final line without '\n' counts.
std::vector<std::string_view> split_lines(std::string_view text);

/// Strip ASCII whitespace at both ends.
std::string_view trim(std::string_view s);

/// Lower-case ASCII letters (UTF-8 bytes above 0x7f are left alone).
std::string ascii_lower(std::string_view s);

/// `word` with the diacritics of Latin letters taken off ("naïve" ->
/// "naive", "Façade" -> "Facade"; "ß" -> "ss", "æ" -> "ae"); other
/// characters are kept.  Returns `word` unchanged when there is nothing to fold.
std::string fold_diacritics(std::string_view word);

/// The double quotes in `tok`: '"' and the typographic “ and ”, which
/// Xapian's QueryParser reads as quotes too.
size_t count_quotes(std::string_view tok);

/// Where a query token stands among the query's double quotes.
struct TokenQuotes {
    bool quoted = false;       ///< inside a "phrase" or holding a quote
    bool opens_inside = false; ///< it starts inside a phrase (a later word of it)
    bool ends_inside = false;  ///< a phrase is still open after it
};

/// A query with some of its words replaced: `fn(token, quotes)` is called
/// for each run of non-blank characters (split at spaces and tabs), with
/// where it stands among the quotes ('"', and “ ” as Xapian reads them),
/// and returns the token's replacement, or "" to keep it.  The blanks
/// between tokens are kept.
std::string
rewrite_tokens(std::string_view query,
               const std::function<std::string(std::string_view, const TokenQuotes&)>& fn);

/// `s` in lower case (Unicode, as Xapian lower-cases terms).
std::string utf8_lower(std::string_view s);

/// True if every byte of `s` is ASCII.
bool is_ascii(std::string_view s);

/// Collapse runs of whitespace into one space and trim.
std::string collapse_space(std::string_view s);

/// What joins the titles of a heading path: " › ".
inline constexpr std::string_view kPathSeparator = " \xE2\x80\xBA ";

/// Titles joined by kPathSeparator ("Kubernetes › Pods › Pending"), each
/// passed through `each` first when given (sanitize, html_escape).
std::string heading_path(const std::vector<std::string>& titles,
                         const std::function<std::string(std::string_view)>& each = {});

/// True if `s` starts with `prefix`, ignoring ASCII case.
bool istarts_with(std::string_view s, std::string_view prefix);

/// Number of leading spaces (a tab counts as 4).
int indent_of(std::string_view line);

/// Read a whole (small) file; false if it cannot be read or is not a regular file.
bool read_text_file(const std::string& path, std::string& out);

/// Read a regular file of at most `limit` bytes into `out`.  Opens with
/// O_NONBLOCK and checks the type with fstat after opening, so a FIFO or
/// device swapped in for a note never blocks; false with `why` ("not a
/// regular file (FIFO)", "cannot read: ...", "larger than ...") otherwise.
bool read_regular_file(const std::string& path, uint64_t limit, std::string& out, std::string& why);

/// Length of the bidirectional formatting character at s[i], 0 if none:
/// U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069.  Invisible, they
/// reorder the text a terminal shows after them ("Trojan Source"), so human
/// output treats them as control characters.
size_t bidi_control_at(std::string_view s, size_t i);

/// `s` with every control character (C0 including tab and newline, DEL, C1
/// such as CSI U+009B, and the bidi controls of bidi_control_at) replaced by
/// U+FFFD: what a note, a file name or a user's argument supplies can be
/// shown on one terminal line, in its own order, never obeyed.
std::string terminal_safe(std::string_view s);

/// A path for line-oriented output (grep, vimgrep, -l): as it is when it has
/// no control character (bidi controls included), else double-quoted with C
/// escapes ("a\nb.md", "\x1b]52;...", "\xe2\x80\xae"), so one record stays
/// one line and nothing reaches the terminal raw.
std::string quote_path(std::string_view s);

/// A size as people write it: "16 MiB", "1 KiB", "300 bytes" (rounded down).
std::string size_text(uint64_t bytes);

/// 64-bit FNV-1a hash, hex encoded (content hashes, long-key terms).
std::string hash_hex(std::string_view data);

} // namespace crib
