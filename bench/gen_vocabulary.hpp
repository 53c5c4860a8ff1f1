// gen_vocabulary.hpp - the random numbers, the ranked vocabulary and the
// Zipf sampler of gen_corpus (gen_corpus.cpp): words drawn the way real
// text draws them, the same bytes for the same seed on every system.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace gen_corpus {

// ---------------------------------------------------------------------------
// Random numbers: xoshiro256** seeded by splitmix64 (no std:: distributions,
// whose output differs between standard libraries).

inline uint64_t splitmix64(uint64_t& x) {
    uint64_t z = (x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

class Rng {
  public:
    explicit Rng(uint64_t seed) {
        for (auto& v : s_)
            v = splitmix64(seed);
    }
    uint64_t next() {
        uint64_t result = rotl(s_[1] * 5, 7) * 9;
        uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    /// Uniform in [0, 1).
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }
    /// Uniform integer in [lo, hi].
    int range(int lo, int hi) { return lo + int(next() % uint64_t(hi - lo + 1)); }
    bool chance(double p) { return uniform() < p; }
    template <class T> const T& pick(const std::vector<T>& v) { return v[next() % v.size()]; }

  private:
    static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    uint64_t s_[4];
};

// ---------------------------------------------------------------------------
// Vocabulary.

// Function words, most frequent first.
inline const char* kFunctionWords =
    "the to and of a in is for that it on with as are be this by can or you from an at "
    "which not your use if when we will have each all more also used into their they other "
    "only there these its so any between how what then than some such them may should must "
    "like both where while after before over through without within most many new same "
    "different two first up out about no do does need make allows provides based using one "
    "has but was been per via because until across multiple specific instead example it's "
    "don't you're three every own just very well here those could would our us";

// Content words, roughly most frequent first; '+' joins multi-word terms.
inline const char* kContentWords =
    "data service application server user file system instance network aws container "
    "request cloud access time process code resource security storage configuration "
    "kubernetes pod docker image cluster node database traffic policy role group "
    "management load performance deployment environment version key value function "
    "memory cpu disk volume bucket s3 ec2 lambda event log logs monitoring metric "
    "api http https port host client connection query table index cache session "
    "thread object class method interface type variable string list array map set "
    "error exception failure backup recovery region zone availability scaling "
    "terraform ansible jenkins pipeline build test release branch git repository "
    "commit merge script command shell linux kernel package dependency library "
    "framework module component layer service_account namespace secret config "
    "permission identity authentication authorization token certificate encryption "
    "tls ssl firewall subnet vpc route dns ip address gateway proxy balancer "
    "load+balancer security+group auto+scaling infrastructure+as+code "
    "high+availability disaster+recovery continuous+integration "
    "replica replication shard partition consistency latency throughput bandwidth "
    "queue message topic stream producer consumer broker kafka rabbitmq sqs sns "
    "redis mysql postgresql mongodb dynamodb rds sql nosql schema migration "
    "transaction lock deadlock isolation commit rollback snapshot "
    "helm ingress service_mesh istio sidecar daemonset statefulset replicaset "
    "deployment kubelet kubectl etcd controller scheduler operator crd configmap "
    "dockerfile entrypoint cmd layer registry compose swarm podman volume_mount "
    "cloudwatch cloudformation iam ebs efs ami elb alb nlb route53 cloudfront ecs eks "
    "fargate glacier cloudtrail kms waf vpn nat bastion peering endpoint "
    "prometheus grafana alert alarm dashboard tracing observability elk "
    "javascript typescript python java golang rust nodejs npm react promise "
    "closure prototype hoisting async await callback generator iterator "
    "pointer reference heap stack garbage collection allocation leak "
    "algorithm complexity sorting search binary tree graph hash linked recursion "
    "design pattern singleton factory observer adapter strategy microservice "
    "monolith architecture rest grpc graphql websocket json yaml xml protobuf "
    "cost budget billing pricing reserved spot savings quota limit throttling "
    "retry timeout circuit breaker backoff idempotent stateless stateful "
    "health check probe readiness liveness restart rollout canary blue green "
    "upgrade patch vulnerability scan compliance audit governance tagging "
    "manage deploy configure scale monitor secure debug migrate optimize "
    "create delete update install run start stop restart attach detach mount "
    "store send receive handle process validate encrypt decrypt replicate "
    "automatically manually quickly securely efficiently "
    "simple complex common important different multiple default custom "
    "public private internal external primary secondary static dynamic "
    "small large fast slow high low single global local remote "
    "step steps case cases feature features option options setting settings "
    "account accounts team teams project projects task tasks job jobs "
    "problem issue solution approach strategy practice practices benefit "
    "difference advantage disadvantage limitation requirement requirements "
    "output input result results response responses change changes "
    "developer developers operations ops devops sre engineer administrator "
    "workload workloads capacity utilization efficiency reliability durability "
    "elasticity scalability flexibility visibility portability "
    "template templates module modules variable variables provider providers "
    "state backend frontend plan apply destroy import output_value "
    "cron systemd inode filesystem permissions chmod chown grep awk sed "
    "ssh scp rsync curl wget tcp udp osi socket packet protocol header "
    "vm hypervisor virtualization serverless faas api+gateway step+functions "
    "lifecycle policy_document bucket_policy versioning encryption_at_rest "
    "interview question answer explain describe scenario experience";

// Verbs and nouns for question templates (all also in the content list).
inline const char* kVerbs =
    "manage deploy configure scale monitor secure debug migrate optimize create "
    "delete update install run start stop restart store handle validate replicate";

inline std::vector<std::string> split_words(const char* text) {
    std::vector<std::string> out;
    std::string w;
    for (const char* p = text;; ++p) {
        if (*p == ' ' || *p == '\0') {
            if (!w.empty()) {
                for (char& c : w)
                    if (c == '+') c = ' ';
                out.push_back(w);
            }
            w.clear();
            if (*p == '\0') break;
        } else {
            w += *p;
        }
    }
    return out;
}

/// Pronounceable made-up word of 1-3 syllables (about 6 letters).
inline std::string syllable_word(Rng& rng) {
    static const std::vector<std::string> onset = {
        "b",  "c",  "d",  "f",  "g",  "h",  "j",  "k",  "l",  "m",  "n",  "p",  "r", "s",
        "t",  "v",  "w",  "z",  "b",  "d",  "k",  "l",  "m",  "n",  "p",  "r",  "s", "t",
        "br", "cr", "dr", "fl", "gr", "pr", "st", "tr", "sk", "ch", "sh", "th", ""};
    static const std::vector<std::string> nucleus = {"a", "e", "i",  "o",  "u",  "a", "e",
                                                     "i", "o", "ai", "ea", "ou", "y"};
    static const std::vector<std::string> coda = {"",  "",  "",  "",  "n",  "r",  "s",
                                                  "x", "l", "m", "t", "nd", "rk", "st"};
    std::string w;
    double r = rng.uniform();
    int syl = r < 0.2 ? 1 : r < 0.8 ? 2 : 3;
    for (int i = 0; i < syl; ++i) {
        w += rng.pick(onset);
        w += rng.pick(nucleus);
        if (i + 1 == syl || rng.chance(0.25)) w += rng.pick(coda);
    }
    if (w.size() < 3) w += rng.pick(onset) + rng.pick(nucleus);
    return w;
}

struct Vocabulary {
    std::vector<std::string> words; ///< by rank
    size_t function_count = 0;      ///< ranks [0, function_count) are function words
    size_t real_count = 0;          ///< ranks below this are real words, above synthetic
};

inline Vocabulary build_vocabulary(size_t size, uint64_t seed) {
    Vocabulary v;
    std::unordered_set<std::string> seen;
    auto add = [&](const std::string& w) {
        if (seen.insert(w).second) v.words.push_back(w);
    };
    for (const auto& w : split_words(kFunctionWords))
        add(w);
    v.function_count = v.words.size();
    for (const auto& w : split_words(kContentWords))
        add(w);
    v.real_count = v.words.size();
    Rng rng(seed ^ 0x766f636162756c61ull); // "vocabula"
    while (v.words.size() < size) {
        double r = rng.uniform();
        std::string w;
        if (r < 0.05) { // snake_case configuration key
            w = syllable_word(rng) + "_" + syllable_word(rng);
        } else if (r < 0.08) { // camelCase API name
            static const std::vector<std::string> pre = {"get",      "set",    "put", "list",
                                                         "describe", "create", "on",  "is"};
            std::string a = syllable_word(rng), b = syllable_word(rng);
            a[0] = char(a[0] - 'a' + 'A');
            b[0] = char(b[0] - 'a' + 'A');
            w = rng.pick(pre) + a + (rng.chance(0.5) ? b : "");
        } else if (r < 0.11) { // product / version-like name
            w = syllable_word(rng) + std::to_string(rng.range(2, 99));
        } else {
            w = syllable_word(rng);
        }
        add(w);
    }
    return v;
}

/// Zipf sampler over ranks [0, n): p(r) ~ 1 / (r + 1)^s.
class Zipf {
  public:
    Zipf(size_t n, double s) : cdf_(n) {
        double sum = 0;
        for (size_t r = 0; r < n; ++r) {
            sum += 1.0 / std::pow(double(r + 1), s);
            cdf_[r] = sum;
        }
        for (double& c : cdf_)
            c /= sum;
    }
    size_t operator()(Rng& rng) const {
        double u = rng.uniform();
        size_t r = size_t(std::upper_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin());
        return std::min(r, cdf_.size() - 1);
    }

  private:
    std::vector<double> cdf_;
};

} // namespace gen_corpus
