// reader_markdown.cpp - Markdown through cmark, plus the Obsidian and Logseq
// conventions people layer on top of it.
#include "common/text.hpp"
#include "formats/markdown.hpp"
#include "formats/note_text.hpp"
#include "formats/readers.hpp"

#include <algorithm>
#include <map>

namespace crib {

namespace {

/// True if the line, after blockquote and list-item markers, starts a code fence.
bool fence_line(std::string_view t) {
    std::string_view v = ltrim(t);
    for (int round = 0; round < 8 && !v.empty(); ++round) {
        size_t digits = 0;
        while (digits < v.size() && digits < 9 && is_digit(v[digits]))
            ++digits;
        if (v[0] == '>')
            v = ltrim(v.substr(1));
        else if (v.size() >= 2 && (v[0] == '-' || v[0] == '*' || v[0] == '+') && is_space(v[1]))
            v = ltrim(v.substr(2));
        else if (digits && digits + 1 < v.size() && (v[digits] == '.' || v[digits] == ')') &&
                 is_space(v[digits + 1]))
            v = ltrim(v.substr(digits + 1));
        else
            break;
    }
    return v.substr(0, 3) == "```" || v.substr(0, 3) == "~~~";
}

/// Split a tag list ("[a, b]", "a b", "#a, #b") into lower-case tags.
void add_tag_list(std::string_view list, std::vector<std::string>& tags) {
    std::string word;
    for (char c : std::string(list) + " ") {
        if (c == ' ' || c == ',' || c == '[' || c == ']' || c == '"' || c == '\'' || c == '\t') {
            if (!word.empty()) tags.push_back(ascii_lower(word));
            word.clear();
        } else if (!(c == '#' && word.empty())) {
            word += c;
        }
    }
}

/// A nested tag "k8s/pods" also stands for its parents ("k8s").
void add_parent_tags(std::vector<std::string>& tags) {
    std::vector<std::string> parents;
    for (const std::string& t : tags)
        for (size_t s = t.find('/'); s != std::string::npos; s = t.find('/', s + 1))
            if (s > 0) parents.push_back(t.substr(0, s));
    tags.insert(tags.end(), parents.begin(), parents.end());
}

/// YAML front matter ("---" ... "---"): the number of lines it spans (0 if
/// none); tags (inline or block list) and the title are collected.
int front_matter(const std::vector<std::string_view>& lines, Outline& out) {
    if (lines.empty() || trim(lines[0]) != "---") return 0;
    int end = 0;
    for (int i = 1; i < static_cast<int>(lines.size()) && i < 200 && !end; ++i)
        if (trim(lines[i]) == "---" || trim(lines[i]) == "...") end = i;
    if (!end) return 0;
    bool in_tags = false;
    for (int k = 1; k < end; ++k) {
        std::string_view raw = lines[k], kv = trim(raw);
        if (in_tags && kv.size() >= 2 && kv[0] == '-' && is_space(kv[1])) {
            add_tag_list(kv.substr(2), out.file_tags);
            continue;
        }
        in_tags = false;
        if (istarts_with(kv, "tags:") || istarts_with(kv, "tag:")) {
            std::string_view rest = trim(kv.substr(kv.find(':') + 1));
            if (rest.empty())
                in_tags = true;
            else
                add_tag_list(rest, out.file_tags);
        } else if (istarts_with(kv, "title:") && indent_of(raw) == 0) {
            std::string t(trim(kv.substr(6)));
            if (t.size() >= 2 && (t[0] == '"' || t[0] == '\'') && t.back() == t[0])
                t = t.substr(1, t.size() - 2);
            out.title = t;
        }
    }
    add_parent_tags(out.file_tags);
    return end + 1;
}

/// Logseq "key:: value" property line (optionally as a "- " block); sets key and value.
bool property_line(std::string_view line, std::string_view& key, std::string_view& value) {
    std::string_view v = ltrim(line);
    if (v.size() >= 2 && v[0] == '-' && is_space(v[1])) v = ltrim(v.substr(2));
    size_t i = 0;
    while (i < v.size() && (is_alpha(v[i]) || is_digit(v[i]) || v[i] == '-' || v[i] == '_'))
        ++i;
    if (i == 0 || !is_alpha(v[0]) || v.substr(i, 3) != ":: ") {
        if (!(i > 0 && v.substr(i) == "::")) return false;
    }
    key = v.substr(0, i);
    value = i + 3 <= v.size() ? trim(v.substr(i + 3)) : std::string_view{};
    return true;
}

/// "[[Target|alias]]" -> "alias", "[[Target]]" -> "Target", "![[embed]]" removed.
/// Not inside `code` spans, not "[[ -n $x ]]" (a blank after the brackets) and
/// not "[[text]](url)" (a Markdown link whose text is in brackets).
std::string wikilinks(std::string_view s) {
    if (s.find("[[") == std::string_view::npos) return std::string(s);
    std::string out;
    bool in_code = false;
    // The first "]]" after the last search: a later "[[" before it finds the
    // same one, so each search is done once (linear on "[[[[[...").
    size_t cached = std::string_view::npos, cached_from = 0;
    bool searched = false;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '`') in_code = !in_code;
        bool embed = !in_code && s[i] == '!' && s.substr(i + 1, 2) == "[[";
        size_t open = embed ? i + 1 : i;
        if (!in_code && s.substr(open, 2) == "[[" && open + 2 < s.size() &&
            !is_space(s[open + 2])) {
            if (!searched || cached_from > open + 2 ||
                (cached != std::string_view::npos && open + 2 > cached)) {
                cached = s.find("]]", open + 2);
                cached_from = open + 2;
                searched = true;
            }
            size_t close = cached;
            bool link =
                close != std::string_view::npos && close + 2 < s.size() && s[close + 2] == '(';
            std::string_view inner = close == std::string_view::npos
                                         ? std::string_view{}
                                         : s.substr(open + 2, close - open - 2);
            if (close != std::string_view::npos && !link && !inner.empty() &&
                !is_space(inner.back()) && inner.find('`') == std::string_view::npos) {
                size_t bar = inner.find('|');
                if (!embed) out += bar == std::string_view::npos ? inner : inner.substr(bar + 1);
                i = close + 1;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

/// "> [!note]- Title" (an Obsidian callout) -> "> **Note:** Title".
std::string callout(std::string_view s) {
    std::string_view v = ltrim(s);
    if (v.empty() || v[0] != '>') return std::string(s);
    std::string_view rest = ltrim(v.substr(1));
    if (rest.substr(0, 2) != "[!") return std::string(s);
    size_t close = rest.find(']');
    if (close == std::string_view::npos) return std::string(s);
    std::string type(rest.substr(2, close - 2));
    rest = rest.substr(close + 1);
    if (!rest.empty() && (rest[0] == '-' || rest[0] == '+')) rest.remove_prefix(1);
    if (!type.empty())
        type[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(type[0])));
    std::string out(s.substr(0, s.size() - v.size()));
    out += "> **" + type + ":** " + std::string(ltrim(rest));
    return out;
}

/// Trailing Obsidian "#tag" tokens of a heading ("## What is a Pod? #k8s/pods")
/// are tags, not title words: removed from the text, added to `tags`.
std::string strip_heading_tags(std::string_view line, std::vector<std::string>& tags) {
    std::string_view t = line;
    while (!t.empty() && is_space(t.back()))
        t.remove_suffix(1);
    for (;;) {
        size_t sp = t.find_last_of(" \t");
        if (sp == std::string_view::npos) break;
        std::string_view tok = t.substr(sp + 1);
        if (tok.size() < 2 || tok[0] != '#' || !is_alpha(tok[1])) break;
        std::string tag = ascii_lower(tok.substr(1));
        tags.push_back(tag);
        t = t.substr(0, sp);
        while (!t.empty() && is_space(t.back()))
            t.remove_suffix(1);
    }
    add_parent_tags(tags);
    return std::string(t);
}

/// A line made only of Obsidian tags ("#k8s #interview"): its tags, else none.
std::vector<std::string> tag_line(std::string_view line) {
    std::vector<std::string> tags;
    std::string_view rest = trim(line);
    while (!rest.empty()) {
        size_t end = rest.find_first_of(" \t,");
        std::string_view tok = rest.substr(0, end);
        if (tok.size() < 2 || tok[0] != '#' || !is_alpha(tok[1])) return {};
        for (char c : tok.substr(1))
            if (!(is_alpha(c) || is_digit(c) || c == '-' || c == '_' || c == '/')) return {};
        tags.push_back(ascii_lower(tok.substr(1)));
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
        while (!rest.empty() && (is_space(rest[0]) || rest[0] == ','))
            rest.remove_prefix(1);
    }
    add_parent_tags(tags);
    return tags;
}

/// Leading indentation depth of a Logseq block line: tabs, or 2 spaces a level.
int block_depth(std::string_view line, size_t& text_at) {
    int tabs = 0, spaces = 0;
    size_t i = 0;
    for (; i < line.size() && (line[i] == '\t' || line[i] == ' '); ++i)
        (line[i] == '\t' ? tabs : spaces)++;
    text_at = i;
    return tabs + spaces / 2;
}

/// A Logseq page: (nearly) every non-blank line is a "- " block, a block's
/// continuation or a "key:: value" property.
bool logseq_like(const std::vector<std::string_view>& lines) {
    int blocks = 0, other = 0, props = 0;
    for (std::string_view l : lines) {
        std::string_view t = ltrim(l);
        std::string_view key, value;
        if (t.empty()) continue;
        if (property_line(l, key, value))
            ++props;
        else if (t.size() >= 2 && t[0] == '-' && is_space(t[1]))
            ++blocks;
        else
            ++other;
    }
    return blocks >= 3 && props >= 1 && other * 5 <= blocks;
}

/// A block's text without its task marker: Logseq shows "- DONE 1、What ...?"
/// as a checkbox before "1、What ...?" ("DONE" was part of 26 questions).
std::string_view without_task_marker(std::string_view body) {
    static constexpr std::string_view kMarkers[] = {
        "TODO", "DOING",    "DONE",      "LATER",       "NOW",    "WAITING",
        "WAIT", "CANCELED", "CANCELLED", "IN-PROGRESS", "STARTED"};
    std::string_view b = trim(body);
    for (std::string_view m : kMarkers)
        if (b.substr(0, m.size()) == m && (b.size() == m.size() || is_space(b[m.size()])))
            return ltrim(b.substr(m.size())); // "- DONE" alone: an empty block
    return body;
}

/// Where a Logseq heading block's scope ends: before body line `line`
/// (0-based), the headings of `level` and deeper no longer apply.
struct ScopeEnd {
    size_t line;
    int level;
};

/// Logseq blocks as Markdown the detectors read: "- ## Title" blocks become
/// headings and their children move one level out, so a question block under a
/// heading block is a top-level bullet.  One output line per input line.  A
/// block at the depth of a heading block or above ends its scope: recorded in
/// `ends`, since Markdown has no syntax for it.
std::string logseq_to_markdown(const std::vector<std::string_view>& lines,
                               std::vector<ScopeEnd>& ends) {
    std::string out;
    struct Open {
        int depth, level;
    };
    std::vector<Open> headings;
    for (size_t n = 0; n < lines.size(); ++n) {
        std::string_view l = lines[n];
        size_t at = 0;
        int depth = block_depth(l, at);
        std::string_view t = l.substr(at);
        bool block = t.size() >= 2 && t[0] == '-' && is_space(t[1]);
        if (trim(t) == "-") { // an empty block: not a setext underline of the line above
            out += "\n";
            continue;
        }
        int ended = 0;
        if (block)
            while (!headings.empty() && headings.back().depth >= depth) {
                ended = headings.back().level;
                headings.pop_back();
            }
        std::string_view body = block ? ltrim(t.substr(2)) : t;
        size_t hashes = body.find_first_not_of('#');
        if (block && !body.empty() && body[0] == '#' && hashes < 7 && is_space(body[hashes])) {
            headings.push_back({depth, static_cast<int>(hashes)});
            out += std::string(body) + "\n";
            continue;
        }
        if (ended) ends.push_back({n, ended});
        int shifted = std::max(0, depth - static_cast<int>(headings.size()));
        std::string text = block ? "- " + std::string(without_task_marker(body)) : std::string(t);
        if (t.empty())
            out += "\n";
        else
            out +=
                std::string(static_cast<size_t>(shifted) * 2 + (block ? 0 : 2), ' ') + text + "\n";
    }
    return out;
}

/// The text of each Logseq block that has an "id:: UUID" property, by UUID:
/// the block line above the property ("- Map" for "  id:: 632d..."), its
/// heading marks dropped.
std::map<std::string, std::string, std::less<>>
block_ids(const std::vector<std::string_view>& lines) {
    std::map<std::string, std::string, std::less<>> ids;
    std::string_view block; // the text of the last block line
    for (std::string_view l : lines) {
        std::string_view key, value, t = ltrim(l);
        if (property_line(l, key, value)) {
            if (ascii_lower(key) == "id" && !value.empty() && !block.empty())
                ids.emplace(std::string(value), std::string(block));
        } else if (t.size() >= 2 && t[0] == '-' && is_space(t[1])) {
            block = trim(t.substr(2));
            block = trim(block.substr(std::min(block.find_first_not_of('#'), block.size())));
        }
    }
    return ids;
}

/// Logseq block references "((UUID))" replaced by the text of the block they
/// name in the same page, as Logseq shows them ("((632d...)) vs ((632e...))"
/// reads "HashMap vs Hashtable"); references to other pages stay as written.
/// Called only for a page that holds "((".
std::vector<std::string> resolve_block_refs(const std::vector<std::string_view>& lines) {
    std::vector<std::string> out(lines.begin(), lines.end());
    const auto ids = block_ids(lines);
    for (std::string& l : out)
        for (size_t open = l.find("(("); open != std::string::npos; open = l.find("((", open)) {
            size_t close = l.find("))", open + 2);
            if (close == std::string::npos) break;
            auto it = ids.find(std::string_view(l).substr(open + 2, close - open - 2));
            if (it == ids.end() || it->second.find("((") != std::string::npos) {
                open = close + 2; // another page's block, or a reference to one
                continue;
            }
            l.replace(open, close + 2 - open, it->second);
            open += it->second.size();
        }
    return out;
}

/// Inserts, before the outline line of each scope end, an empty heading of its
/// level: the detectors leave the ended headings there and add no title.
void end_heading_scopes(Outline& out, size_t first, const std::vector<ScopeEnd>& ends) {
    if (ends.empty()) return;
    std::vector<OutlineLine> lines(out.lines.begin(), out.lines.begin() + first);
    lines.reserve(out.lines.size() + ends.size());
    size_t e = 0;
    for (size_t k = first; k < out.lines.size(); ++k) {
        for (; e < ends.size() && ends[e].line == k - first; ++e)
            lines.push_back({out.lines[k].source_line, LineKind::heading, ends[e].level, "", {}});
        lines.push_back(std::move(out.lines[k]));
    }
    out.lines = std::move(lines);
}

/// Per-line kinds from cmark's block structure: code blocks, headings, setext underlines.
std::vector<LineKind> block_kinds(std::string_view text, const std::vector<std::string_view>& lines,
                                  std::vector<int>& levels) {
    int n = static_cast<int>(lines.size());
    std::vector<LineKind> kinds(n, LineKind::text);
    levels.assign(n, 0);
    for (const md::Block& b : md::outline(text)) {
        int s = std::max(1, b.start_line), e = std::min(n, std::max(b.start_line, b.end_line));
        if (b.type == md::NodeType::code_block) {
            // cmark quirk: a fenced block that ends because its list item or quote
            // ends (no closing fence) reports the line that ended it as its last line.
            // That line ("* Next question?") is not code.  At end of input the
            // last line really is code.
            if (e > s && e < n && fence_line(lines[s - 1]) && !fence_line(lines[e - 1])) --e;
            for (int i = s; i <= e; ++i)
                kinds[i - 1] = LineKind::code;
        } else if (b.type == md::NodeType::heading && s <= n) {
            kinds[s - 1] = LineKind::heading;
            levels[s - 1] = b.level;
            for (int i = s + 1; i <= e; ++i)
                kinds[i - 1] = LineKind::underline;
        }
    }
    return kinds;
}

/// Add one text line: separators, Logseq properties and Obsidian syntax.
void add_text_line(Outline& out, int src, std::string_view raw, bool& seen_text) {
    std::string_view key, value;
    size_t len = 0;
    if (property_line(raw, key, value)) {
        bool tags = ascii_lower(key) == "tags" || ascii_lower(key) == "tag";
        out.add(src, LineKind::meta, std::string(raw));
        if (tags) { // page properties before any text are the file's tags
            std::vector<std::string> found;
            add_tag_list(wikilinks(value), found);
            add_parent_tags(found);
            std::vector<std::string>& to = seen_text ? out.lines.back().tags : out.file_tags;
            to.insert(to.end(), found.begin(), found.end());
        }
        return;
    }
    if (is_separator(raw, &len)) {
        out.add(src, LineKind::separator, std::string(raw), len >= 5 ? 1 : 0);
        return;
    }
    if (std::vector<std::string> tags = tag_line(raw); !tags.empty()) {
        // Metadata, not a passage's text: before any text the file's tags, else
        // the line's (the detectors give them to the heading the line sits under).
        out.add(src, LineKind::meta, std::string(raw));
        std::vector<std::string>& to = seen_text ? out.lines.back().tags : out.file_tags;
        to.insert(to.end(), tags.begin(), tags.end());
        return;
    }
    if (!trim(raw).empty()) seen_text = true;
    out.add(src, LineKind::text, callout(wikilinks(raw)));
}

} // namespace

void append_markdown(Outline& out, std::string_view text, const std::vector<int>& source_lines) {
    std::vector<std::string_view> lines = split_lines(text);
    std::vector<int> levels;
    std::vector<LineKind> kinds = block_kinds(text, lines, levels);
    // Front matter is not text: tags right below it are still the file's.
    bool seen_text = std::any_of(out.lines.begin(), out.lines.end(),
                                 [](const OutlineLine& l) { return l.kind != LineKind::meta; });
    for (size_t i = 0; i < lines.size(); ++i) {
        int src = source_lines.empty()      ? 1
                  : i < source_lines.size() ? source_lines[i]
                                            : source_lines.back();
        if (kinds[i] == LineKind::text) {
            add_text_line(out, src, lines[i], seen_text);
        } else if (kinds[i] == LineKind::heading) {
            std::vector<std::string> tags;
            out.add(src, kinds[i], strip_heading_tags(wikilinks(lines[i]), tags), levels[i]);
            out.lines.back().tags = std::move(tags);
            seen_text = true;
        } else {
            out.add(src, kinds[i], std::string(lines[i]), levels[i]);
            seen_text = true;
        }
    }
}

std::vector<bool> markdown_code_lines(std::string_view text) {
    std::vector<std::string_view> lines = split_lines(text);
    std::vector<int> levels;
    std::vector<LineKind> kinds = block_kinds(text, lines, levels);
    std::vector<bool> code(lines.size());
    for (size_t i = 0; i < lines.size(); ++i)
        code[i] = kinds[i] == LineKind::code;
    return code;
}

Outline read_markdown(std::string_view text) {
    Outline out;
    std::vector<std::string_view> lines = split_lines(text);
    int fm = front_matter(lines, out);
    for (int i = 0; i < fm; ++i)
        out.add(i + 1, LineKind::meta, std::string(lines[i]));
    // cmark sees the body only, so the front matter's "---" is not a heading underline.
    size_t offset = 0;
    for (int i = 0; i < fm; ++i)
        offset += lines[i].size() + 1;
    offset = std::min(offset, text.size());
    std::vector<int> src;
    for (size_t i = fm; i < lines.size(); ++i)
        src.push_back(static_cast<int>(i) + 1);
    std::vector<std::string_view> body(lines.begin() + fm, lines.end());
    // Logseq block references read as the blocks they name (in any page that
    // has them: a Logseq page with many continuation lines reads as Markdown).
    const bool refs = text.find("((") != std::string_view::npos;
    const std::vector<std::string> resolved =
        refs ? resolve_block_refs(body) : std::vector<std::string>();
    if (refs) body.assign(resolved.begin(), resolved.end());
    if (logseq_like(body)) {
        std::vector<ScopeEnd> ends;
        size_t first = out.lines.size();
        append_markdown(out, logseq_to_markdown(body, ends), src);
        end_heading_scopes(out, first, ends);
    } else if (!refs) {
        append_markdown(out, text.substr(offset), src);
    } else {
        std::string joined;
        for (const std::string& l : resolved)
            joined.append(l).append("\n");
        append_markdown(out, joined, src);
    }
    return out;
}

} // namespace crib
