// parse_pipeline.cpp - see parse_pipeline.hpp.
#include "writer/parse_pipeline.hpp"

#include "index/schema.hpp"
#include "index/synonyms.hpp"
#include "index/topics.hpp"
#include "writer/note_file.hpp"

#include <algorithm>
#include <system_error>

namespace crib {

FileResult process(const FileJob& job, const Shared& sh, Xapian::TermGenerator& tg) {
    FileResult r;
    const Candidate& c = job.cand;
    r.record = {c.display, c.abs, c.st.size, c.st.mtime_ns, "", 0};
    ParsedNoteFile f = parse_note_file({.abs = c.abs,
                                        .display = c.display,
                                        .folder = c.folder,
                                        .size = c.st.size,
                                        .max_size = sh.opt->max_size,
                                        .taxonomy = sh.tax,
                                        .old_hash = job.old ? &job.old->hash : nullptr});
    if (!f.skip.empty()) {
        r.skip = f.skip;
        return r;
    }
    r.record.hash = f.hash;
    r.record.size = f.size;
    if (f.unchanged) {
        r.same_content = true;
        r.record.passages = job.old->passages;
        return r;
    }
    for (const std::string& w : f.parsed.warnings)
        r.warnings.push_back(c.display + ": " + w);
    r.docs.reserve(f.parsed.passages.size());
    for (const Passage& p : f.parsed.passages) {
        if (p.kind == "question") ++r.questions;
        if (!job.held.empty()) { // an update: what the index holds as it is is not built
            std::string record = encode_passage(p);
            if (job.held.count(record)) {
                BuiltPassage kept{.held = true};
                kept.doc.set_data(record);
                r.docs.push_back(std::move(kept));
                continue;
            }
        }
        r.docs.push_back(build_passage(p, tg, sh.syn));
    }
    r.record.passages = f.parsed.passages.size();
    return r;
}

Pipeline::Pipeline(const std::vector<FileJob>& jobs, const Shared& sh, unsigned threads)
    : jobs_(jobs), sh_(sh), results_(jobs.size()), ready_(jobs.size(), 0) {
    window_ = std::max<size_t>(4, threads * 4);
    try {
        for (unsigned t = 0; t < threads; ++t)
            workers_.emplace_back([this] { work(); });
    } catch (const std::system_error& e) {
        // Members are not destroyed safely with workers waiting on cv_
        // (the run hung in pthread_cond_destroy): stop those first.
        stop_and_join();
        throw IndexResourceError("cannot start " + std::to_string(threads) + " parser threads (" +
                                 e.code().message() + " after " + std::to_string(workers_.size()) +
                                 "); pass a smaller -j or raise the process limit (ulimit -u)");
    }
}

Pipeline::~Pipeline() {
    stop_and_join();
}

FileResult Pipeline::take(size_t i) {
    std::unique_lock<std::mutex> lk(m_);
    cv_.wait(lk, [&] { return ready_[i] != 0; });
    FileResult r = std::move(results_[i]);
    consumed_ = i + 1;
    lk.unlock();
    cv_.notify_all();
    return r;
}

void Pipeline::stop_and_join() {
    {
        std::lock_guard<std::mutex> lk(m_);
        stop_ = true;
    }
    cv_.notify_all();
    for (auto& w : workers_)
        w.join();
}

void Pipeline::work() {
    Xapian::TermGenerator tg;
    schema::configure_term_generator(tg);
    for (;;) {
        size_t i;
        {
            std::unique_lock<std::mutex> lk(m_);
            cv_.wait(
                lk, [&] { return stop_ || (next_ < jobs_.size() && next_ < consumed_ + window_); });
            if (stop_ || next_ >= jobs_.size()) return;
            i = next_++;
        }
        FileResult r;
        try {
            r = process(jobs_[i], sh_, tg);
        } catch (const std::exception& e) {
            r.record.display = jobs_[i].cand.display;
            r.skip = std::string("internal error: ") + e.what();
        } catch (const Xapian::Error& e) {
            r.record.display = jobs_[i].cand.display;
            r.skip = "internal error: " + e.get_description();
        }
        {
            std::lock_guard<std::mutex> lk(m_);
            results_[i] = std::move(r);
            ready_[i] = 1;
        }
        cv_.notify_all();
    }
}

} // namespace crib
