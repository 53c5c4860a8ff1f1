// bare_index: the baseline bench/run.sh compares crib-index against - the
// plainest Xapian indexing loop over the same files.
//
//   bare_index DB PATH...
//
// Every blank-line-separated paragraph of every note file under PATH
// (.md/.markdown/.txt, hidden entries skipped) becomes one document: text
// indexed by Xapian::TermGenerator (English stemmer, STEM_SOME, positions),
// the paragraph stored as document data.  Single-threaded, one commit at the
// end (Xapian flushes every XAPIAN_FLUSH_THRESHOLD documents on its own).
//
// Prints one line: "paragraphs=N files=F bytes=B seconds=S paragraphs_per_s=R MB_per_s=M".
#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

bool is_note(const fs::path& p) {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext == ".md" || ext == ".markdown" || ext == ".txt";
}

bool blank_line(const std::string& s, size_t b, size_t e) {
    for (size_t i = b; i < e; ++i)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return false;
    return true;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bare_index DB PATH...\n");
        return 2;
    }
    try {
        auto t0 = std::chrono::steady_clock::now();
        std::vector<fs::path> files;
        for (int i = 2; i < argc; ++i) {
            fs::path root(argv[i]);
            if (fs::is_regular_file(root)) {
                files.push_back(root);
                continue;
            }
            for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
                std::string name = it->path().filename().string();
                if (!name.empty() && name[0] == '.') {
                    if (it->is_directory()) it.disable_recursion_pending();
                    continue;
                }
                if (it->is_regular_file() && is_note(it->path())) files.push_back(it->path());
            }
        }
        std::sort(files.begin(), files.end());

        Xapian::WritableDatabase db(argv[1], Xapian::DB_CREATE_OR_OVERWRITE);
        Xapian::TermGenerator tg;
        tg.set_stemmer(Xapian::Stem("english"));
        tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);

        size_t paragraphs = 0, bytes = 0;
        std::string text;
        for (const fs::path& f : files) {
            std::ifstream in(f, std::ios::binary);
            std::ostringstream ss;
            ss << in.rdbuf();
            text = ss.str();
            bytes += text.size();
            size_t para_start = std::string::npos, pos = 0;
            auto flush = [&](size_t end) {
                if (para_start == std::string::npos) return;
                std::string para = text.substr(para_start, end - para_start);
                para_start = std::string::npos;
                Xapian::Document doc;
                tg.set_document(doc);
                tg.index_text(para);
                doc.set_data(para);
                db.add_document(doc);
                ++paragraphs;
            };
            while (pos < text.size()) {
                size_t nl = text.find('\n', pos);
                size_t end = nl == std::string::npos ? text.size() : nl;
                if (blank_line(text, pos, end)) flush(pos);
                else if (para_start == std::string::npos) para_start = pos;
                pos = end + 1;
            }
            flush(text.size());
        }
        db.commit();
        db.close();
        double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::printf("paragraphs=%zu files=%zu bytes=%zu seconds=%.3f paragraphs_per_s=%.0f MB_per_s=%.2f\n", paragraphs,
                    files.size(), bytes, s, double(paragraphs) / s, double(bytes) / 1e6 / s);
        return 0;
    } catch (const Xapian::Error& e) {
        std::fprintf(stderr, "bare_index: %s\n", e.get_description().c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bare_index: %s\n", e.what());
    }
    return 1;
}
